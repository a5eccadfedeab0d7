import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSignInLink, useSignInLink, SIGN_IN_LINK_MINUTES } from '../../src/lib/server/services/sign-in-links';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';
import type { User } from '../../src/lib/server/store/types';
import { makeUser, startTestApp } from './helpers';

/**
 * One-time sign-in links (issue 14, point 1) against the real embedded database: sent only to an
 * account's address (the answer is the same either way), usable once and only for 15 minutes,
 * and throttled like failed sign-ins.
 */
describe('one-time sign-in links', () => {
	let app: Awaited<ReturnType<typeof startTestApp>>;
	const sent: Array<{ user: User; link: string; expiresAt: Date }> = [];
	const send = async (user: User, link: string, expiresAt: Date) => {
		sent.push({ user, link, expiresAt });
	};
	const deps = () => ({ store: app.runtime.store, send });
	const tokenOf = (link: string) => link.split('/').pop()!;

	beforeAll(async () => {
		app = await startTestApp();
	}, 60_000);
	afterAll(async () => {
		await app?.close();
	});

	it('sends a link to an account’s address, never says whether there is one, and the link signs in once', async () => {
		const { user } = await makeUser(app.runtime.store, 'Linda');
		const now = new Date();
		expect(await requestSignInLink(deps(), { email: 'nobody-here@example.se' }, '10.0.0.1', 'https://samtavla.example', now)).toEqual({ ok: true, value: null });
		expect(sent).toHaveLength(0);
		expect(await requestSignInLink(deps(), { email: user.email.toUpperCase() }, '10.0.0.1', 'https://samtavla.example', now)).toEqual({ ok: true, value: null });
		expect(sent).toHaveLength(1);
		expect(sent[0].user.id).toBe(user.id);
		expect(sent[0].link).toMatch(/^https:\/\/samtavla\.example\/signin\/link\/[A-Za-z0-9_-]+$/);
		expect(sent[0].expiresAt.getTime() - now.getTime()).toBe(SIGN_IN_LINK_MINUTES * 60_000);
		expect('passwordHash' in sent[0].user).toBe(false);

		const used = await useSignInLink(app.runtime.store, tokenOf(sent[0].link), new Date(now.getTime() + 60_000));
		expect(used.ok).toBe(true);
		if (!used.ok) return;
		expect(used.value.user.id).toBe(user.id);
		expect((await validateSessionToken(app.runtime.store, used.value.token)).user?.id).toBe(user.id);
		expect(await useSignInLink(app.runtime.store, tokenOf(sent[0].link))).toEqual({ ok: false, errors: { _form: 'signin_link_error_unusable' }, params: undefined });
	});

	it('a link is dead after 15 minutes, and a made-up one never works', async () => {
		const { user } = await makeUser(app.runtime.store, 'Lars');
		const now = new Date();
		await requestSignInLink(deps(), { email: user.email }, '10.0.0.2', 'https://samtavla.example', now);
		const link = sent.at(-1)!.link;
		expect((await useSignInLink(app.runtime.store, tokenOf(link), new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000 + 1))).ok).toBe(false);
		expect((await useSignInLink(app.runtime.store, 'x'.repeat(32))).ok).toBe(false);
		expect((await useSignInLink(app.runtime.store, '../../etc')).ok).toBe(false);
	});

	it('asking again and again is slowed down, per address asked for', async () => {
		const { user } = await makeUser(app.runtime.store, 'Lova');
		const now = new Date();
		const asked = [];
		for (let i = 0; i < 6; i++) asked.push(await requestSignInLink(deps(), { email: user.email }, `10.0.1.${i}`, 'https://samtavla.example', now));
		expect(asked.slice(0, 5).every((r) => r.ok)).toBe(true);
		expect(asked[5]).toMatchObject({ ok: false, errors: { _form: 'error_too_many_attempts' } });
		expect(await requestSignInLink(deps(), { email: 'not an address' }, '10.0.2.1', 'https://samtavla.example', now)).toMatchObject({ ok: false, errors: { email: 'error_email_invalid' } });
	});
});
