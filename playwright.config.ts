import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions as launchOptions } from './tests/chromium.ts';

/**
 * End-to-end tests run the production build (`build/node/server/index.js`, as `npm start`
 * does) on its own port and a fresh embedded database, in real Chromium: the system's
 * (/usr/bin/chromium or CHROMIUM_PATH) when present, otherwise Playwright's own.
 */
const PORT = Number(process.env.E2E_PORT ?? 3199);
/**
 * `npm test` runs the suite as shards at once (tests/run-all.mjs), each with its own server, port
 * and embedded database, so no test sees another's data or load on its server.
 */
const DATA_DIR = `.e2e-data/${PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `test-results/e2e-artifacts/${PORT}`,
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'sv-SE',
		timezoneId: 'Europe/Stockholm',
		// A trace records DOM snapshots and screenshots at every step of every test, which costs the
		// whole run a large share of its time on a two-core CI machine; CI prints the failure instead.
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		launchOptions
	},
	projects: [
		{ name: 'e2e', testIgnore: /screenshots\.spec\.ts/, use: { ...devices['Desktop Chrome'], launchOptions } },
		// `npm run screenshots` only: refreshes the README's pictures under static/screenshots.
		...(process.env.SCREENSHOTS ? [{ name: 'screenshots', testMatch: /screenshots\.spec\.ts/, use: { ...devices['Desktop Chrome'], launchOptions } }] : [])
	],
	webServer: {
		// Screenshots show the seeded Åsby demo; tests start from an empty database.
		command: process.env.SCREENSHOTS
			? `rm -rf ${DATA_DIR} && node build/node/server/seed.js && node build/node/server/index.js`
			: `rm -rf ${DATA_DIR} && node build/node/server/index.js`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR,
			LOG_LEVEL: 'warn',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			// Shown on /accessibility (accessibility-statement.spec.ts).
			ACCESSIBILITY_CONTACT: 'tillganglighet@example.se',
			// Webhooks on (webhooks.spec.ts registers one); nothing there answers, deliveries just wait.
			WEBHOOK_ALLOWED_HOSTS: 'hooks.example.org'
		}
	}
});
