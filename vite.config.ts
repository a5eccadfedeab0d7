import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { samtavlaCollab } from './server/vite-plugin.ts';
import { chunkMap } from './scripts/chunk-map-plugin.ts';
import { paraglideOptions } from './src/lib/i18n/paraglide-options.ts';
import { chromiumLaunchOptions } from './tests/chromium.ts';

// Under Vitest neither runs: tests start their own runtime on their own database, and no spec
// imports the compiled messages — while Paraglide's compiler kept Vitest's Vite server from
// closing (a 10 s "close timed out" on every run).
const appOnly = process.env.VITEST ? [] : null;

// A test that asserts nothing passes whatever the code does: every test must make an assertion.
const expectOptions = { requireAssertions: true };

// Component tests run in real Chromium and are named `*.browser.spec.ts` (next to the component);
// every other `*.spec.ts` runs in Node. The two patterns never overlap.
const BROWSER_SPECS = 'src/**/*.browser.spec.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		...(appOnly ?? [
			paraglideVitePlugin(paraglideOptions)
		]),
		sveltekit(),
		...(appOnly ?? [samtavlaCollab(), chunkMap()])
	],
	optimizeDeps: {
		// Pre-bundled up front, so the first visit to a meeting in `npm run dev` does not reload.
		include: [
			'@tiptap/core',
			'@tiptap/starter-kit',
			'@tiptap/extension-collaboration',
			'@tiptap/extension-collaboration-caret',
			'@tiptap/extension-link',
			'@tiptap/extension-heading',
			'yjs',
			'y-websocket',
			'y-indexeddb',
			'y-protocols/auth',
			'y-protocols/awareness',
			'bits-ui'
		]
	},
	build: {
		rolldownOptions: {
			// V8 keeps a module's source in memory while it runs, so the server's bundle is kept
			// lean: non-ASCII characters in strings escaped (\u2026; one "…" made a whole 470 KB
			// page module a two-byte string of 940 KB), and no JSDoc (Paraglide documents every
			// message, in every language, above its function). Legal and annotation comments stay.
			output: { charset: 'ascii', comments: { legal: true, annotation: true, jsdoc: false } }
		}
	},
	server: {
		// The embedded database and test databases change constantly; nothing there is source.
		watch: { ignored: ['**/data/**', '**/.test-data/**', '**/build/**'] }
	},
	test: {
		expect: expectOptions,
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
					exclude: [...configDefaults.exclude, BROWSER_SPECS],
					expect: expectOptions
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.spec.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Two files at once: each has its own embedded database (~100 MB), PostgreSQL database
					// and server on a free port, and most of a file's time is spent waiting on sockets,
					// timers and leases, so two at a time halve the suite on two cores (17 → 9 min).
					fileParallelism: true,
					maxWorkers: 2,
					expect: expectOptions
				}
			},
			{
				// Svelte components rendered with vitest-browser-svelte in headless Chromium, driven
				// through Playwright (real keyboard and focus, which jsdom does not have).
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					include: [BROWSER_SPECS],
					globalSetup: ['tests/browser/global-setup.ts'],
					expect: expectOptions,
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: chromiumLaunchOptions,
							// The app's default language, as in the e2e suite.
							contextOptions: { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' }
						}),
						instances: [{ browser: 'chromium' }],
						// Nothing to look at afterwards: failures are read from the assertion.
						screenshotFailures: false
					}
				}
			}
		]
	}
});
