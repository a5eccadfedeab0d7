import * as v from 'valibot';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../domain/sign-in-throttle.js';
import { EmailSchema, fieldErrors } from '../../domain/schemas.js';
import { createSession } from '../auth/sessions.js';
import { generateToken, hashToken, isTokenShape } from '../auth/tokens.js';
import type { Session, Store, User } from '../store/types.js';
import { addressKey, waitFor } from './accounts.js';
import { fail, ok, type Result } from './result.js';

/**
 * Signing in with a one-time link by e-mail instead of a password (issue 14, point 1; WCAG 2.2
 * SC 3.3.8: nothing to remember or type). The link works once, for SIGN_IN_LINK_MINUTES; only its
 * hash is kept. Asking never tells whether an address has an account: the answer is the same.
 * Asking is throttled per address asked for and per client, like failed sign-ins.
 */
export const SIGN_IN_LINK_MINUTES = 15;

const linkKey = (email: string) => `link:${email}`;

/** Sends the link to the person (the mail service's job); the route hands it in. */
export type SendSignInLink = (user: User, link: string, expiresAt: Date) => Promise<unknown>;

export async function requestSignInLink(
	deps: { store: Store; send: SendSignInLink },
	raw: unknown,
	clientAddress: string,
	origin: string,
	now = new Date()
): Promise<Result<null>> {
	const parsed = v.safeParse(v.object({ email: EmailSchema }), raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const { email } = parsed.output;
	const { store } = deps;
	const wait = Math.max(await waitFor(store, linkKey(email), now, ACCOUNT_POLICY), await waitFor(store, addressKey(clientAddress), now, ADDRESS_POLICY));
	if (wait > 0) return fail({ _form: 'error_too_many_attempts' }, { seconds: wait });
	// Every request counts: a few links are free, then the waits double (as for failed sign-ins).
	await store.signInFailures.record(linkKey(email), now);
	const user = await store.users.findByEmail(email);
	if (user && !user.guest) {
		const token = generateToken();
		const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
		await store.signInLinks.create({ tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
		const { passwordHash: _hash, ...person } = user;
		await deps.send(person, `${origin}/signin/link/${token}`, expiresAt);
	}
	return ok(null);
}

/** Signs in with the link, once: a new session for its person, or the reason it cannot. */
export async function useSignInLink(store: Store, token: string, now = new Date()): Promise<Result<{ token: string; session: Session; user: User }>> {
	const userId = isTokenShape(token) ? await store.signInLinks.use(hashToken(token), now) : null;
	const user = userId ? await store.users.get(userId) : null;
	if (!user) return fail({ _form: 'signin_link_error_unusable' });
	await store.signInFailures.clear(linkKey(user.email));
	return ok({ ...(await createSession(store, user.id, now)), user });
}
