import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { linkIn, startSmtp, type TestSmtp, toAddress } from './mail-harness';

/**
 * Issue 14, point 1 by e-mail, through the production build against a real SMTP server: a guest's
 * link sent to their address (once, in the board's language, opening the guest page), and a
 * member's one-time sign-in link (in their language, signing in once with a button; the answer is
 * the same for an address without an account, which gets nothing).
 */
type Person = Awaited<ReturnType<typeof makeUser>>;
describe('guest links and sign-in links by e-mail', () => {
	let smtp: TestSmtp;
	let server: BuiltServer;
	let owner: Person;
	let erik: Person;
	let meetingId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Olle');
		erik = await makeUser(store, 'Erik');
		({ meetingId } = await makeMeeting(store, owner.user));
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		await setup.close();
		smtp = await startSmtp();
		server = await startBuiltServerOn(setup.dataDir, { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' });
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
	});

	const post = (path: string, fields: Record<string, string>, cookie = '') =>
		fetch(server.url + path, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { origin: server.url, accept: 'text/html', cookie } });
	const get = (path: string, cookie = '') => fetch(server.url + path, { redirect: 'manual', headers: { cookie } });

	it('a guest invited with an address gets the link once, in the board’s language, and it opens the guest page', async () => {
		const bad = await post(`/meetings/${meetingId}/guests?/invite`, { displayName: 'Hanna Hyresgäst', agencyId: 'private', role: 'contributor', email: 'inte en adress' }, owner.cookie);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('value="Hanna Hyresgäst"');
		const created = await post(`/meetings/${meetingId}/guests?/invite`, { displayName: 'Hanna Hyresgäst', agencyId: 'private', role: 'contributor', email: 'hanna@example.org' }, owner.cookie);
		expect(created.status).toBe(200);
		const html = await created.text();
		expect(html).toContain('Länken är skickad till hanna@example.org.');
		const [mail] = await smtp.waitFor(1);
		expect(toAddress(mail)).toBe('hanna@example.org');
		expect(mail.subject).toBe('Inbjudan till mötet Möte');
		expect(mail.text).toContain('Hej Hanna Hyresgäst!');
		expect(mail.text).toContain('Du behöver inget konto och inget lösenord.');
		const link = linkIn(mail.text!, `${server.url}/g/`);
		expect(html).toContain(`value="${link}"`);
		const landing = await get(new URL(link).pathname);
		expect(landing.status).toBe(200);
		expect(await landing.text()).toContain('Välkommen, Hanna Hyresgäst');
		expect(smtp.received).toHaveLength(1);
	});

	it('the sign-in page offers a link; asking sends one in the person’s language; it signs in once', async () => {
		expect(await (await get('/signin')).text()).toContain('data-testid="signin-link-offer"');
		const before = smtp.received.length;
		const unknown = await post('/signin/link', { email: 'ingen.har@example.org' });
		expect(unknown.status).toBe(200);
		const unknownHtml = await unknown.text();
		const asked = await post('/signin/link', { email: erik.user.email });
		expect(asked.status).toBe(200);
		// The same answer either way: which addresses have an account is nobody's business.
		const sentNotice = (html: string) => /data-testid="signin-link-sent"[^>]*>([^<]+)</.exec(html)?.[1];
		expect(sentNotice(await asked.text())).toBe(sentNotice(unknownHtml));
		const [mail] = (await smtp.waitFor(before + 1)).slice(before);
		expect(toAddress(mail)).toBe(erik.user.email);
		expect(mail.subject).toBe('Your sign-in link for Samtavla');
		const link = linkIn(mail.text!, `${server.url}/signin/link/`);
		const path = new URL(link).pathname;

		// Opening the page signs nobody in (a scanner may open it); the button does.
		const page = await get(path);
		expect(page.status).toBe(200);
		expect(page.headers.get('set-cookie')).toBeNull();
		const used = await post(path, {});
		expect(used.status).toBe(303);
		expect(used.headers.get('location')).toBe('/boards');
		const cookie = /samtavla_session=[^;]+/.exec(used.headers.get('set-cookie') ?? '')![0];
		expect(await (await get('/account', cookie)).text()).toContain(erik.user.email);
		const again = await post(path, {});
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('Den fungerar en gång och i 15 minuter.');
		// Nobody else got mail from the unknown address's request.
		await new Promise((r) => setTimeout(r, 600));
		expect(smtp.received).toHaveLength(before + 1);
	});
});
