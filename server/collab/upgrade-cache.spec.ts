import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/lib/server/auth/sessions';
import { createLogger } from '../../src/lib/server/logger';
import type { Board, Meeting, Session, Store, User } from '../../src/lib/server/store/types';
import { admissionsFromParts } from './admission-from-parts';
import type { BoardRole as Role } from '../../src/lib/domain/roles';
import type { InstanceBus, SocketRequest } from './instance-bus';
import { OpenConnections } from './live-connections';
import { decideUpgrade } from './upgrade';
import { UpgradeCache } from './upgrade-cache';

const logger = createLogger('silent');
const user: User = { id: 'u1', email: 'anna@kommun.se', displayName: 'Anna', agencyId: 'a1', createdAt: new Date(0) };
const board: Board = { id: 'b1', name: 'LG', description: '', createdBy: 'u1', createdAt: new Date(0) };

/** A store shared by the instances, counting the round trips an upgrade costs. */
function sharedStore() {
	const sessions = new Map<string, Session>();
	const state = { role: 'editor' as Role | null, status: 'planned', lookups: 0 };
	const store = {
		sessions: {
			async create(s: Session) {
				sessions.set(s.id, s);
			},
			async get(id: string) {
				state.lookups++;
				const s = sessions.get(id);
				return s ? { session: { ...s }, user } : null;
			},
			async setExpiry() {},
			async delete(id: string) {
				sessions.delete(id);
			}
		},
		boards: {
			async get(id: string) {
				state.lookups++;
				return id === board.id ? board : null;
			},
			async role(boardId: string, userId: string) {
				state.lookups++;
				return boardId === board.id && userId === user.id ? state.role : null;
			}
		},
		meetings: {
			async get(id: string) {
				state.lookups++;
				return id === 'm1' ? ({ id: 'm1', boardId: 'b1', status: state.status, adjustment: null } as Meeting) : null;
			}
		},
		agencies: {
			async get() {
				state.lookups++;
				return { id: 'a1', name: 'Socialtjänsten', color: '#1f5f8b', kind: 'social_services' };
			}
		},
		// Nobody here is a meeting's guest: a non-member's role on a meeting's documents stays none.
		guests: {
			async forUser() {
				state.lookups++;
				return null;
			}
		}
	} as unknown as Store;
	// One round trip, as samtavla_session_admission is, whatever it reads.
	const admissions = admissionsFromParts(store);
	store.sessions.admissions = async (asked) => {
		const before = state.lookups;
		const found = await admissions(asked);
		state.lookups = before + 1;
		return found;
	};
	return { store, state };
}

/** Instances joined by an in-memory bus: what one publishes, every other one hears. */
function instances(store: Store, count: number) {
	const handlers: Array<(m: SocketRequest) => void> = [];
	return Array.from({ length: count }, (_, i) => {
		const bus: InstanceBus = {
			onControl: (handler) => void (handlers[i] = handler),
			publishControl: async (message) => handlers.forEach((h, j) => j !== i && h(message))
		};
		const cache = new UpgradeCache(60_000);
		const connections = new OpenConnections(store, logger, bus, cache);
		return { cache, connections };
	});
}

const upgrade = (store: Store, cache: UpgradeCache, token: string, doc = 'meeting:m1') =>
	decideUpgrade({ url: `/collab/${doc}`, headers: { host: 'samtavla.se', cookie: `samtavla_session=${token}` } } as unknown as IncomingMessage, store, undefined, new Date(), () => true, cache);

describe('upgrades with a cache', () => {
	it('a second upgrade of the same session and document costs no round trip', async () => {
		const { store, state } = sharedStore();
		const [a] = instances(store, 1);
		const { token } = await createSession(store, user.id);
		expect(await upgrade(store, a.cache, token)).toMatchObject({ ok: true, admission: { access: 'write', role: 'editor' } });
		const first = state.lookups;
		expect(first).toBe(1); // the session, its user and agency, the meeting and the role: one round trip
		const again = await upgrade(store, a.cache, token);
		expect(again).toMatchObject({ ok: true, admission: { access: 'write', role: 'editor', identity: { agency: 'Socialtjänsten' } } });
		expect(state.lookups).toBe(first);
		// Another document of the same session: asked once more, in one round trip.
		await upgrade(store, a.cache, token, 'meeting:m1:voices');
		expect(state.lookups).toBe(first + 1);
		// Each socket has a session of its own (its expiry is moved on per socket).
		const other = await upgrade(store, a.cache, token);
		expect(again.ok && other.ok && again.admission.session).not.toBe(other.ok && other.admission.session);
	});

	it('a signed-out session’s next upgrade is refused at once, on this instance and the others', async () => {
		const { store } = sharedStore();
		const [a, b] = instances(store, 2);
		const { token, session } = await createSession(store, user.id);
		expect((await upgrade(store, a.cache, token)).ok).toBe(true);
		expect((await upgrade(store, b.cache, token)).ok).toBe(true);
		// What the sign-out route does: the session goes, then its sockets are told.
		await store.sessions.delete(session.id);
		a.connections.closeSession(session.id);
		await Promise.resolve();
		expect(await upgrade(store, a.cache, token)).toMatchObject({ ok: false, status: 401 });
		expect(await upgrade(store, b.cache, token)).toMatchObject({ ok: false, status: 401 });
	});

	it('a demoted member’s next upgrade gets the new access, and a removed one is refused, on every instance', async () => {
		const { store, state } = sharedStore();
		const [a, b] = instances(store, 2);
		const { token } = await createSession(store, user.id);
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: true, admission: { access: 'write' } });
		state.role = 'viewer';
		await a.connections.refreshMember('b1', user.id);
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: true, admission: { access: 'read', role: 'viewer' } });
		state.role = null;
		await b.connections.refreshMember('b1', user.id);
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: false, status: 403 });
	});

	it('a meeting’s status change or a board’s deletion is asked again at the next upgrade', async () => {
		const { store, state } = sharedStore();
		const [a, b] = instances(store, 2);
		const { token } = await createSession(store, user.id);
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: true, admission: { access: 'write' } });
		state.status = 'adjusted';
		await a.connections.refreshMeeting('m1');
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: true, admission: { access: 'read' } });
		state.role = null;
		await b.connections.refreshBoard('b1');
		for (const i of [a, b]) expect(await upgrade(store, i.cache, token)).toMatchObject({ ok: false, status: 403 });
	});

	it('an answer read before a sign-out is not kept after it', async () => {
		const { store } = sharedStore();
		const [a] = instances(store, 1);
		const { token, session } = await createSession(store, user.id);
		const pending = upgrade(store, a.cache, token); // reads the session before it goes
		a.connections.closeSession(session.id);
		await store.sessions.delete(session.id);
		await pending;
		expect(await upgrade(store, a.cache, token)).toMatchObject({ ok: false, status: 401 });
	});

	it('forgets entries after their time, and an expired session at once', () => {
		let now = 1_000;
		const cache = new UpgradeCache(5_000, () => now);
		const entry = (expiresAt: number) => ({ session: { id: 's', userId: 'u1', expiresAt: new Date(expiresAt) }, user, identity: { id: 'u1', name: 'Anna', agency: '', color: '' }, agencyKind: null });
		cache.keepSession(entry(100_000), cache.generation);
		expect(cache.session('s')).not.toBeNull();
		now = 6_000;
		expect(cache.session('s')).toBeNull();
		cache.keepSession(entry(7_000), cache.generation);
		now = 7_000;
		expect(cache.session('s')).toBeNull();
		// Turned off: nothing is kept.
		const off = new UpgradeCache(0);
		off.keepSession(entry(Date.now() + 100_000), off.generation);
		expect(off.session('s')).toBeNull();
	});
});
