import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msg, type Locale } from './catalogue';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';
import { freePort } from '../integration/cluster/harness';
import { linkIn, startSmtp, type TestSmtp } from '../integration/mail-harness';

/**
 * Issue 14, points 6–7, on screen: the account's e-mail choices and the unsubscribe page, by
 * keyboard, labelled, axe clean, at 360 px, in sv/en/da. The e2e server runs without SMTP_HOST,
 * so the pages also say that e-mail is off; for an unsubscribe link with a real token, a second
 * production server with e-mail on sends a real message to an smtp-server started here; the same
 * server shows the meeting page's "Send the agenda to the members", used without JavaScript.
 */
async function fitsPhone(page: Page): Promise<void> {
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test('the e-mail choices on /account: e-mail is off, each kind a labelled checkbox, changed by keyboard and kept', async ({ browser }) => {
	const page = await (await personContext(browser, 'sv-SE')).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Maja Mejl', email: uniqueEmail('maja'), agency: 'Socialförvaltningen Mejlby', kind: 'social_services' });
	await expect(page).not.toHaveURL(/signup/);
	await open(page, '/account');
	const section = page.getByTestId('mail-prefs');
	await expect(section.getByRole('heading', { level: 2, name: msg('sv', 'mail_prefs_title') })).toBeVisible();
	await expect(section.getByTestId('mail-off')).toHaveText(msg('sv', 'mail_off_notice'));
	const invitations = section.getByRole('checkbox', { name: msg('sv', 'mail_kind_invitation') });
	await expect(invitations).toBeChecked();
	await invitations.focus();
	await page.keyboard.press('Space');
	await expect(invitations).not.toBeChecked();
	await section.getByRole('button', { name: msg('sv', 'mail_prefs_save') }).press('Enter');
	await expect(page.getByTestId('mail-prefs-saved')).toHaveText(msg('sv', 'mail_prefs_saved'));
	await open(page, '/account');
	await expect(page.getByTestId('mail-prefs').getByRole('checkbox', { name: msg('sv', 'mail_kind_invitation') })).not.toBeChecked();
	await expect(page.getByTestId('mail-prefs').getByRole('checkbox', { name: msg('sv', 'mail_kind_meetingCreated') })).toBeChecked();
	await expectAccessible(page, 'account with e-mail choices');
	await page.setViewportSize({ width: 360, height: 740 });
	await open(page, '/account');
	await fitsPhone(page);
	await expectAccessible(page, 'account with e-mail choices at 360 px');
	await page.context().close();
});

for (const [locale, browserLocale] of [
	['sv', 'sv-SE'],
	['en', 'en-GB'],
	['da', 'da-DK']
] as Array<[Locale, string]>) {
	test(`an unsubscribe link that is not ours says so in ${locale}, at 360 px, axe clean`, async ({ browser }) => {
		const page = await (await personContext(browser, browserLocale)).newPage();
		await page.setViewportSize({ width: 360, height: 740 });
		await open(page, '/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'mail_unsubscribe_title'));
		await expect(page.getByTestId('unsubscribe-unknown')).toHaveText(msg(locale, 'mail_unsubscribe_unknown'));
		await fitsPhone(page);
		await expectAccessible(page, `unsubscribe page (${locale})`);
		await page.context().close();
	});
}

test.describe('with e-mail on: a second production server and an smtp-server of its own', () => {
	let smtp: TestSmtp;
	let proc: ChildProcess;
	let base: string;
	let dataDir: string;

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		smtp = await startSmtp();
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		dataDir = await mkdtemp(join(tmpdir(), 'samtavla-e2e-mail-'));
		proc = spawn(process.execPath, ['build/node/server/index.js'], {
			env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ORIGIN: base, ...smtp.env, MAIL_POLL_MS: '200' },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let err = '';
		proc.stderr!.on('data', (d) => (err += d));
		const deadline = Date.now() + 90_000;
		while (!(await fetch(`${base}/`, { redirect: 'manual' }).then((r) => r.status < 500, () => false))) {
			if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`the server with e-mail on did not start:\n${err}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	});
	test.afterAll(async () => {
		if (proc && proc.exitCode === null) {
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill('SIGTERM');
			await exited;
		}
		await smtp?.close();
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	test('asks first in sv/en/da at 360 px, axe clean; the button, by keyboard, unsubscribes', async ({ browser }) => {
		const email = uniqueEmail('ulla');
		const person = await (await personContext(browser, 'sv-SE')).newPage();
		await open(person, `${base}/signup`);
		await signUp(person, { name: 'Ulla Utskick', email, agency: 'Socialförvaltningen Mejlby', kind: 'social_services' });
		await expect(person).not.toHaveURL(/signup/);
		await person.context().close();

		// A real message: a sign-in link, asked for on the page (signed out), arrives with its unsubscribe link.
		const asker = await (await personContext(browser, 'sv-SE')).newPage();
		await open(asker, `${base}/signin/link`);
		await asker.locator('#link-email').fill(email);
		await asker.getByTestId('signin-link-form').getByRole('button').click();
		await expect(asker.getByTestId('signin-link-sent')).toBeVisible();
		await asker.context().close();
		const [message] = await smtp.waitFor(1);
		const link = linkIn(message.text!, `${base}/unsubscribe/`);
		expect(link).toMatch(/\/unsubscribe\/[a-z2-7]{32}$/);

		const locales: Array<[Locale, string]> = [
			['sv', 'sv-SE'],
			['en', 'en-GB'],
			['da', 'da-DK']
		];
		for (const [locale, browserLocale] of locales) {
			const page = await (await personContext(browser, browserLocale)).newPage();
			await page.setViewportSize({ width: 360, height: 740 });
			await open(page, link);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'mail_unsubscribe_title'));
			await expect(page.locator('#unsubscribe-question')).toContainText(email);
			const button = page.getByRole('button', { name: msg(locale, 'mail_unsubscribe_button') });
			await expect(button).toBeVisible();
			await fitsPhone(page);
			await expectAccessible(page, `unsubscribe page with a real token (${locale})`);
			if (locale === 'da') {
				// Reached by keyboard from the top of the page, and pressed with Enter.
				for (let i = 0; i < 40 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
				await expect(button).toBeFocused();
				await page.keyboard.press('Enter');
				await expect(page.getByTestId('unsubscribe-done')).toContainText(email);
				await fitsPhone(page);
				await expectAccessible(page, 'unsubscribed, with a real token (da)');
			}
			await page.context().close();
		}
	});

	test('"Send the agenda to the members": a labelled button in a plain form, pressed by keyboard without JavaScript; the page says how many got it; axe clean', async ({ browser }) => {
		const before = smtp.received.length;
		const context = await browser.newContext({ javaScriptEnabled: false, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
		const page = await context.newPage();
		await page.goto(`${base}/signup`);
		await signUp(page, { name: 'Agda Agenda', email: uniqueEmail('agda'), agency: 'Socialförvaltningen Mejlby', kind: 'social_services' });
		await expect(page).toHaveURL(/\/boards$/);
		await page.locator('#board-name').fill('Ledningsgrupp Mejlby');
		await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
		await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
		await page.locator('#meeting-title').fill('Vårmöte');
		await page.locator('#meeting-starts-at').fill('2031-03-04T09:30');
		await page.getByRole('button', { name: 'Skapa möte' }).click();
		await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
		const meetingUrl = page.url();

		const section = page.getByTestId('agenda-mail');
		await expect(section.getByRole('heading', { level: 2, name: msg('sv', 'mail_agenda_send_title') })).toBeVisible();
		const send = section.getByRole('button', { name: msg('sv', 'mail_agenda_send_button') });
		await send.focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('agenda-sent')).toHaveText('Dagordningen skickades till 1 medlem.');
		const [agenda] = (await smtp.waitFor(before + 1)).slice(before);
		expect(agenda.subject).toMatch(/^Dagordning: Vårmöte /);
		expect(agenda.text).toContain(msg('sv', 'mail_agenda_empty'));
		await expect(page.getByTestId('agenda-mail').getByRole('button', { name: msg('sv', 'mail_agenda_resend_button') })).toBeVisible();
		await expect(page.getByTestId('agenda-last-sent')).toBeVisible();

		// The same page with its script, for axe: the section is part of an accessible page.
		const scripted = await (await browser.newContext({ storageState: await context.storageState(), locale: 'sv-SE', timezoneId: 'Europe/Stockholm' })).newPage();
		await open(scripted, meetingUrl);
		await expect(scripted.getByTestId('agenda-last-sent')).toBeVisible();
		await expectAccessible(scripted, 'meeting page with the agenda by e-mail');
		await scripted.context().close();
		await context.close();
	});
});
