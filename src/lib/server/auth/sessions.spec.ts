import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session, Store, User } from '../store/types';
import {
	SESSION_RENEW_WITHIN_MS,
	SESSION_TTL_MS,
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from './sessions';

const DAY = 24 * 60 * 60 * 1000;

/** The sessions part of the Store, in memory, recording every write. */
function fakeStore(users: User[]) {
	const rows = new Map<string, Session>();
	const writes: string[] = [];
	const sessions: Store['sessions'] = {
		async create(s) {
			writes.push(`create ${s.id}`);
			rows.set(s.id, { ...s });
		},
		async get(id) {
			const s = rows.get(id);
			const user = s && users.find((u) => u.id === s.userId);
			return s && user ? { session: { ...s }, user } : null;
		},
		async setExpiry(id, expiresAt) {
			writes.push(`setExpiry ${id}`);
			const s = rows.get(id);
			if (s) s.expiresAt = expiresAt;
		},
		async delete(id) {
			writes.push(`delete ${id}`);
			rows.delete(id);
		},
		async deleteForUser(userId) {
			writes.push(`deleteForUser ${userId}`);
			for (const [id, s] of rows) if (s.userId === userId) rows.delete(id);
		},
		async deleteOthers(userId, keepId) {
			const ended = [...rows.values()].filter((s) => s.userId === userId && s.id !== keepId).map((s) => s.id);
			for (const id of ended) rows.delete(id);
			return ended;
		},
		async listForUser(userId) {
			return [...rows.values()].filter((s) => s.userId === userId).map((s) => ({ createdAt: new Date(0), expiresAt: s.expiresAt }));
		},
		async admissions(asked) {
			// No boards here: the sessions and their users only (what liveSession reads of them).
			return Promise.all(asked.map(async ({ id }) => {
				const found = await sessions.get(id);
				return found && { ...found, agency: null, place: null, role: null };
			}));
		},
		async expiries(ids) {
			return new Map(ids.flatMap((id) => (rows.has(id) ? [[id, rows.get(id)!.expiresAt] as const] : [])));
		}
	};
	return { store: { sessions } as unknown as Store, rows, writes };
}

const anna: User = { id: 'anna', email: 'anna@kommun.se', displayName: 'Anna', agencyId: 'a1', createdAt: new Date(0) };
const bo: User = { id: 'bo', email: 'bo@af.se', displayName: 'Bo', agencyId: 'a2', createdAt: new Date(0) };
const t0 = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sessions', () => {
	let fake: ReturnType<typeof fakeStore>;
	beforeEach(() => {
		fake = fakeStore([anna, bo]);
	});

	it('tokens are 32 lower-case base32 characters (160 random bits), never repeated', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const token = generateSessionToken();
			expect(token).toMatch(/^[a-z2-7]{32}$/);
			seen.add(token);
		}
		expect(seen.size).toBe(200);
	});

	it('stores only the SHA-256 hex of the token, with a 30-day expiry', async () => {
		const { token, session } = await createSession(fake.store, anna.id, t0);
		const expectedId = encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
		expect(session.id).toBe(expectedId);
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(sessionIdFromToken(token)).toBe(expectedId);
		expect([...fake.rows.keys()]).toEqual([expectedId]);
		const stored = fake.rows.get(expectedId)!;
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(stored).toEqual({ id: expectedId, userId: anna.id, expiresAt: new Date(t0.getTime() + 30 * DAY) });
		expect(SESSION_TTL_MS).toBe(30 * DAY);
	});

	it('validates a token to its session and user', async () => {
		const { token, session } = await createSession(fake.store, anna.id, t0);
		const result = await validateSessionToken(fake.store, token, at(DAY));
		expect(result.user).toEqual(anna);
		expect(result.session?.id).toBe(session.id);
	});

	it('refuses unknown and malformed tokens without touching the store', async () => {
		await createSession(fake.store, anna.id, t0);
		fake.writes.length = 0;
		expect(await validateSessionToken(fake.store, generateSessionToken(), t0)).toEqual({ session: null, user: null });
		for (const bad of ['', 'short', 'A'.repeat(32), 'a'.repeat(33), 'a'.repeat(31) + '1', sessionIdFromToken('x')]) {
			expect(await validateSessionToken(fake.store, bad, t0)).toEqual({ session: null, user: null });
		}
		// The stored id (the hash) is not a token: knowing the table's contents signs no one in.
		const [id] = fake.rows.keys();
		expect(await validateSessionToken(fake.store, id, t0)).toEqual({ session: null, user: null });
		expect(fake.writes).toEqual([]);
	});

	it('an expired session is refused and deleted', async () => {
		const { token, session } = await createSession(fake.store, anna.id, t0);
		expect(await validateSessionToken(fake.store, token, at(30 * DAY))).toEqual({ session: null, user: null });
		expect(fake.rows.has(session.id)).toBe(false);
		expect(fake.writes).toContain(`delete ${session.id}`);
		expect(await validateSessionToken(fake.store, token, t0)).toEqual({ session: null, user: null });
	});

	it('one millisecond before expiry the session is still valid (and renewed)', async () => {
		const { token } = await createSession(fake.store, anna.id, t0);
		const now = at(30 * DAY - 1);
		const result = await validateSessionToken(fake.store, token, now);
		expect(result.user?.id).toBe(anna.id);
		expect(result.session?.expiresAt).toEqual(new Date(now.getTime() + 30 * DAY));
	});

	it('a session with more than 15 days left is not written', async () => {
		const { token, session } = await createSession(fake.store, anna.id, t0);
		fake.writes.length = 0;
		// Up to and including exactly 15 days left.
		for (const used of [0, DAY, 14 * DAY, 15 * DAY - 1, 15 * DAY]) {
			const result = await validateSessionToken(fake.store, token, at(used));
			expect(result.session?.expiresAt).toEqual(session.expiresAt);
		}
		expect(fake.writes).toEqual([]);
		expect(fake.rows.get(session.id)!.expiresAt).toEqual(session.expiresAt);
		// One millisecond less than 15 days left: renewed.
		await validateSessionToken(fake.store, token, at(15 * DAY + 1));
		expect(fake.writes).toEqual([`setExpiry ${session.id}`]);
	});

	it('a session used with less than 15 days left slides to 30 days from now', async () => {
		expect(SESSION_RENEW_WITHIN_MS).toBe(15 * DAY);
		const { token, session } = await createSession(fake.store, anna.id, t0);
		fake.writes.length = 0;
		const now = at(20 * DAY); // 10 days left
		const result = await validateSessionToken(fake.store, token, now);
		const renewed = new Date(now.getTime() + 30 * DAY);
		expect(result.session?.expiresAt).toEqual(renewed);
		expect(fake.writes).toEqual([`setExpiry ${session.id}`]);
		expect(fake.rows.get(session.id)!.expiresAt).toEqual(renewed);
		// Used again a day later: now 29 days left, so no second write.
		await validateSessionToken(fake.store, token, at(21 * DAY));
		expect(fake.writes).toHaveLength(1);
		// The renewed session outlives the original 30 days.
		expect((await validateSessionToken(fake.store, token, at(45 * DAY))).user?.id).toBe(anna.id);
	});

	it('invalidateSession revokes one session only', async () => {
		const first = await createSession(fake.store, anna.id, t0);
		const second = await createSession(fake.store, anna.id, t0);
		await invalidateSession(fake.store, first.session.id);
		expect((await validateSessionToken(fake.store, first.token, t0)).session).toBeNull();
		expect((await validateSessionToken(fake.store, second.token, t0)).user?.id).toBe(anna.id);
	});

	it("invalidateUserSessions revokes all of a user's sessions and no one else's", async () => {
		const a1 = await createSession(fake.store, anna.id, t0);
		const a2 = await createSession(fake.store, anna.id, t0);
		const b1 = await createSession(fake.store, bo.id, t0);
		await invalidateUserSessions(fake.store, anna.id);
		expect((await validateSessionToken(fake.store, a1.token, t0)).session).toBeNull();
		expect((await validateSessionToken(fake.store, a2.token, t0)).session).toBeNull();
		expect((await validateSessionToken(fake.store, b1.token, t0)).user?.id).toBe(bo.id);
	});
});
