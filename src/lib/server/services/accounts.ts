import * as v from 'valibot';
import { SignInSchema, SignUpSchema, fieldErrors } from '../../domain/schemas.js';
import { checkPassword } from '../../domain/password-policy.js';
import { passwordErrorKey } from '../../domain/error-keys.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, secondsToWait } from '../../domain/sign-in-throttle.js';
import { pickAgencyColor } from '../../domain/agencies.js';
import { newId } from '../../domain/ids.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/** The agencies a person can join when signing up. */
export async function agencies(store: Pick<Store, 'agencies'>) {
	return (await store.agencies.list()).map(({ id, name, kind, color }) => ({ id, name, kind, color }));
}

/** Who is signed in, as the header shows them: name and agency chip. */
export async function header(store: Pick<Store, 'agencies'>, user: Pick<User, 'id' | 'displayName' | 'agencyId'>) {
	const agency = await store.agencies.get(user.agencyId);
	return { id: user.id, displayName: user.displayName, agency: agency ? { id: agency.id, name: agency.name, color: agency.color } : null };
}

export async function signUp(store: Store, raw: unknown, now = new Date()): Promise<Result<User>> {
	const parsed = v.safeParse(SignUpSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const input = parsed.output;
	const problem = checkPassword(input.password, { email: input.email, displayName: input.displayName });
	if (problem) return fail({ password: passwordErrorKey(problem) });
	if (await store.users.findByEmail(input.email)) return fail({ email: 'error_email_taken' });

	let agencyId: string;
	if (input.agencyChoice === 'existing') {
		const agency = await store.agencies.get(input.agencyId);
		if (!agency) return fail({ agencyId: 'error_agency_required' });
		agencyId = agency.id;
	} else {
		const existing = await store.agencies.findByName(input.newAgencyName);
		if (existing) {
			agencyId = existing.id; // the same agency typed again: join it instead of a near-copy
		} else {
			const taken = (await store.agencies.list()).map((a) => a.color);
			agencyId = newId();
			await store.agencies.create({
				id: agencyId,
				name: input.newAgencyName,
				kind: input.newAgencyKind as Exclude<typeof input.newAgencyKind, ''>,
				color: pickAgencyColor(taken)
			});
		}
	}
	const user = { id: newId(), email: input.email, displayName: input.displayName, agencyId, createdAt: now };
	try {
		await store.users.create({ ...user, passwordHash: await hashPassword(input.password) });
	} catch (error) {
		// Two sign-ups racing for one address: the unique index decides, the person gets a message.
		if (await store.users.findByEmail(input.email)) return fail({ email: 'error_email_taken' });
		throw error;
	}
	return ok(user);
}

export const accountKey = (email: string) => `email:${email}`;
export const addressKey = (address: string) => `addr:${address}`;

export async function waitFor(store: Store, key: string, now: Date, policy: typeof ACCOUNT_POLICY): Promise<number> {
	const record = await store.signInFailures.get(key);
	return record ? secondsToWait(record.failures, record.lastFailureAt, now, policy) : 0;
}

/** An argon2id hash (same parameters as real ones) of a password no account has; verified for unknown emails. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$wBkqlQhcIDYWZWSzMELM/Q$GeSXYMgf5kBoPLjfYrA27oii4nMqx6P6FCUOObd6rrg';

/**
 * Checks credentials, slowing repeated failures per account and per client address.
 * A throttled attempt is refused before the password is even checked, so guessing gains nothing.
 */
export async function signIn(store: Store, raw: unknown, clientAddress: string, now = new Date()): Promise<Result<User>> {
	const parsed = v.safeParse(SignInSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const { email, password } = parsed.output;

	const wait = Math.max(
		await waitFor(store, accountKey(email), now, ACCOUNT_POLICY),
		await waitFor(store, addressKey(clientAddress), now, ADDRESS_POLICY)
	);
	if (wait > 0) return fail({ _form: 'error_too_many_attempts' }, { seconds: wait });

	const user = await store.users.findByEmail(email);
	// An unknown email still costs one argon2 verify, so the answer's timing does not tell it apart.
	const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
	if (!user || !valid) {
		await store.signInFailures.record(accountKey(email), now);
		await store.signInFailures.record(addressKey(clientAddress), now);
		// One message for both: which addresses have an account is not for strangers to find out.
		return fail({ _form: 'web_signin_failed' });
	}
	await store.signInFailures.clear(accountKey(email));
	const { passwordHash: _hash, ...publicUser } = user;
	return ok(publicUser);
}

/**
 * Checks the signed-in person's password again before something that cannot be undone (erasing
 * the account). Throttled and counted like a sign-in to the account, so a session left open on a
 * shared computer cannot be used to guess the password.
 */
export async function confirmPassword(store: Store, user: Pick<User, 'email'>, password: string, now = new Date()): Promise<'ok' | 'wrong' | { wait: number }> {
	const key = accountKey(user.email.toLowerCase());
	const wait = await waitFor(store, key, now, ACCOUNT_POLICY);
	if (wait > 0) return { wait };
	const account = await store.users.findByEmail(user.email);
	if (account && (await verifyPassword(account.passwordHash, password))) return 'ok';
	await store.signInFailures.record(key, now);
	return 'wrong';
}

/**
 * Easy mode on or off (issue 14): larger text and targets, meetings one thing at a time. A plain
 * form sends 'on' or 'off'; anything else changes nothing. Returns the setting now.
 */
export async function setEasyMode(store: Pick<Store, 'users'>, user: User, raw: unknown): Promise<Result<{ easyMode: boolean }>> {
	if (raw !== 'on' && raw !== 'off') return fail({ easyMode: 'error_invalid' });
	await store.users.setEasyMode(user.id, raw === 'on');
	return ok({ easyMode: raw === 'on' });
}
