import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { freePort } from '../integration/cluster/harness';
import { expectConnected, open, personContext, typeInMinutes } from './support';

/**
 * Two production instances (`build/node/server/index.js`) on one PostgreSQL and one Redis, with
 * the seeded Åsby demo, and two people in real Chromium, each on a different instance.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both and requires them).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const missing = !adminUrl ? 'TEST_DATABASE_URL' : !redisUrl ? 'TEST_REDIS_URL' : null;
const PASSWORD = 'tavla-i-åsby-2026';

async function signIn(page: Page, base: string, email: string) {
	await open(page, `${base}/signin`);
	await page.locator('#signin-email').fill(email);
	await page.locator('#signin-password').fill(PASSWORD);
	await page.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	await expect(page).toHaveURL(/\/boards$/);
}

test.describe('two instances over Redis', () => {
	if (missing) {
		const why = `set ${missing} to run the two-instance test (PostgreSQL and Redis)`;
		if (process.env.REQUIRE_REDIS === '1') {
			test('needs PostgreSQL and Redis (REQUIRE_REDIS=1 is set)', () => {
				throw new Error(`REQUIRE_REDIS=1 but ${why}`);
			});
		} else {
			console.warn(`two instances over Redis: skipped — ${why}`);
			test('people on different instances write the same minutes live', () => {
				test.skip(true, why);
			});
		}
		return;
	}

	const dbName = `samtavla_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const dbUrl = (() => {
		const u = new URL(adminUrl!);
		u.pathname = `/${dbName}`;
		return u.toString();
	})();
	const instances: Array<{ base: string; proc: ChildProcess; out: () => string }> = [];

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${dbName}`);
		await admin.end({ timeout: 5 });
		const env = { ...process.env, DATABASE_URL: dbUrl, REDIS_URL: redisUrl!, LOG_LEVEL: 'warn' };
		for (const script of ['build/node/server/migrate.js', 'build/node/server/seed.js']) {
			const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8' });
			if (run.status !== 0) throw new Error(`${script} failed:\n${run.stdout}\n${run.stderr}`);
		}
		for (let i = 0; i < 2; i++) {
			const port = await freePort();
			const base = `http://127.0.0.1:${port}`;
			const proc = spawn(process.execPath, ['build/node/server/index.js'], {
				env: { ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let out = '';
			proc.stdout!.on('data', (d) => (out += d));
			proc.stderr!.on('data', (d) => (out += d));
			instances.push({ base, proc, out: () => out });
			await expect
				.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? (proc.exitCode !== null ? `exited: ${out}` : 0), { timeout: 60_000 })
				.toBe(200);
		}
	});

	test.afterAll(async () => {
		await Promise.all(
			instances.map(
				({ proc }) =>
					new Promise<void>((resolve) => {
						if (proc.exitCode !== null) return resolve();
						proc.once('exit', () => resolve());
						proc.kill('SIGTERM');
					})
			)
		);
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${dbName} with (force)`);
		await admin.end({ timeout: 5 });
	});

	test('people on different instances write the same minutes live and see each other', async ({ browser }) => {
		const [a, b] = instances;
		const karin = await (await personContext(browser)).newPage();
		const ahmed = await (await personContext(browser)).newPage();
		await signIn(karin, a.base, 'karin@demo.samtavla.se');
		await signIn(ahmed, b.base, 'ahmed@demo.samtavla.se');

		await karin.getByTestId('board-list').getByRole('link').first().click();
		await karin.getByTestId('meeting-list').getByRole('link', { name: /november/ }).click();
		await expect(karin).toHaveURL(/\/meetings\//);
		const path = new URL(karin.url()).pathname;
		await open(ahmed, `${b.base}${path}`);
		await expectConnected(karin);
		await expectConnected(ahmed);

		// Presence crosses instances: each sees the other in the list of people here.
		await expect(karin.getByTestId('presence')).toContainText('Ahmed Hassan');
		await expect(ahmed.getByTestId('presence')).toContainText('Karin Lindqvist');

		await typeInMinutes(karin, ' Skrivet på instans A.');
		await expect(ahmed.getByTestId('minutes-editor')).toContainText('Skrivet på instans A.');
		await typeInMinutes(ahmed, ' Svar från instans B.');
		await expect(karin.getByTestId('minutes-editor')).toContainText('Svar från instans B.');

		// A reload on the other instance shows it all: the instances share one document.
		await open(karin, `${b.base}${path}`);
		await expect(karin).toHaveURL(`${b.base}${path}`); // the session cookie is per host, both instances know it
		await expectConnected(karin);
		await expect(karin.getByTestId('minutes-editor')).toContainText('Skrivet på instans A.');
		await expect(karin.getByTestId('minutes-editor')).toContainText('Svar från instans B.');
		await karin.context().close();
		await ahmed.context().close();
	});
});
