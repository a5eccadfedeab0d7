// Over 300 lines on purpose: the one contract every Store adapter must pass, run against each
// backend by its spec; the larger areas live in store-contract-*.ts beside it.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { sessionIdFromToken, generateSessionToken } from '../../src/lib/server/auth/sessions';
import type { Agency, Board, Invite, Meeting, NewMeeting, SealedProtocol, Store, User } from '../../src/lib/server/store/types';
import { membershipAndActionsContract } from './store-contract-actions';
import { authoredHistoryContract } from './store-contract-history';
import { erasureContract } from './store-contract-erasure';
import { venuesContract } from './store-contract-venues';
import { followOnContract } from './store-contract-follow-on';
import { searchContract } from './store-contract-search';
import { admissionContract } from './store-contract-admission';
import { guestsContract } from './store-contract-guests';
import { apiTokensContract } from './store-contract-api-tokens';
import { webhooksContract } from './store-contract-webhooks';
import { mailContract } from './store-contract-mail';

/**
 * The one contract every Store adapter must keep. Each backend opens one store for the whole
 * suite; every test makes its own rows with fresh ids, so tests never see each other's data.
 */
export interface ContractBackend {
	/** Opens the store; `applied` is what the migration run applied. */
	open(): Promise<{ store: Store; applied: string[] }>;
	/** Closes the store and removes whatever `open` created. */
	dispose(store: Store | undefined): Promise<void>;
	/** What a fresh open must report as applied (the template is already migrated; a new Postgres db is not). */
	expectApplied: 'all' | 'none';
	kind: Store['kind'];
}

const DAY = 24 * 60 * 60 * 1000;

/** Every byte value, zero runs, and random bytes: what a bytea round trip must keep exactly. */
export function nastyBytes(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes.subarray(0, Math.min(length, 65536)));
	for (let i = 65536; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(length, i + 65536)));
	for (let i = 0; i < Math.min(256, length); i++) bytes[i] = i;
	if (length > 300) bytes.fill(0x00, 256, 280).fill(0xff, 280, 300);
	return bytes;
}

const same = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function expectBytes(actual: Uint8Array | null | undefined, expected: Uint8Array) {
	expect(actual).toBeInstanceOf(Uint8Array);
	expect(actual!.byteLength).toBe(expected.byteLength);
	expect(same(actual!, expected)).toBe(true);
}

export function storeContract(name: string, backend: ContractBackend) {
	describe(name, () => {
		let store: Store;
		let applied: string[];
		const tag = newId().slice(0, 6);

		beforeAll(async () => {
			({ store, applied } = await backend.open());
		});
		afterAll(async () => {
			await backend.dispose(store);
		});

		// Small factories, each with fresh ids.
		async function agency(overrides: Partial<Agency> = {}): Promise<Agency> {
			const a: Agency = { id: newId(), name: `Förvaltning ${newId()}`, kind: 'social_services', color: '#1f5f8b', ...overrides };
			await store.agencies.create(a);
			return a;
		}
		async function user(overrides: Partial<User> & { agencyId?: string } = {}): Promise<User & { passwordHash: string }> {
			const agencyId = overrides.agencyId ?? (await agency()).id;
			const u = {
				id: newId(),
				email: `person-${newId()}@kommun.example.se`,
				displayName: 'Person',
				agencyId,
				createdAt: new Date('2026-01-15T08:30:00.123Z'),
				passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
				...overrides
			};
			await store.users.create(u);
			return u;
		}
		async function board(owner: User, overrides: Partial<Board> = {}): Promise<Board> {
			const b: Board = { id: newId(), name: `Ledningsgrupp ${newId()}`, description: 'Samverkan', createdBy: owner.id, createdAt: new Date('2026-02-01T10:00:00Z'), language: 'sv', ...overrides };
			const { language, ...created } = b;
			await store.boards.create(created, owner.id);
			if (language !== 'sv') await store.boards.setLanguage(b.id, language);
			return b;
		}
		const docName = () => `meeting:${newId()}`;

		it(`is a ${backend.kind} store with the schema migrated`, () => {
			expect(store.kind).toBe(backend.kind);
			if (backend.expectApplied === 'all') expect(applied).toContain('20261122120000_foundation.sql');
			else expect(applied).toEqual([]);
		});

		describe('agencies', () => {
			it('create, get and list (ordered by name, case-insensitively)', async () => {
				const tag = newId().slice(0, 8);
				const b = await agency({ name: `b-${tag} Arbetsförmedlingen`, kind: 'employment_services', color: '#8a3b12' });
				const a = await agency({ name: `A-${tag} Brukarföreningen`, kind: 'user_association', color: '#2e6b30' });
				const c = await agency({ name: `c-${tag} Bostadsbolaget`, kind: 'housing', color: '#6b3fa0' });
				expect(await store.agencies.get(b.id)).toEqual(b);
				expect(await store.agencies.get('nope')).toBeNull();
				const mine = (await store.agencies.list()).filter((x) => x.name.includes(tag));
				expect(mine).toEqual([a, b, c]);
			});

			it('findByName ignores case, including Swedish letters', async () => {
				const a = await agency({ name: `Socialtjänsten Östra ${tag}` });
				expect(await store.agencies.findByName(`SOCIALTJÄNSTEN ÖSTRA ${tag.toUpperCase()}`)).toEqual(a);
				expect(await store.agencies.findByName(`socialtjänsten östra ${tag}`)).toEqual(a);
				expect(await store.agencies.findByName(`Socialtjänsten Västra ${tag}`)).toBeNull();
			});

			it('two agencies cannot share a name, whatever the case', async () => {
				await agency({ name: `Vården ${tag}` });
				await expect(agency({ name: `VÅRDEN ${tag.toUpperCase()}` })).rejects.toThrow();
			});

			it('refuses an unknown kind', async () => {
				await expect(agency({ kind: 'police' as Agency['kind'] })).rejects.toThrow();
			});
		});

		describe('users', () => {
			it('create, get (without the password hash) and findByEmail (with it)', async () => {
				const u = await user({ displayName: 'Åsa Öberg' });
				const { passwordHash, ...publicUser } = u;
				const got = await store.users.get(u.id);
				expect(got).toEqual(publicUser);
				expect(got).not.toHaveProperty('passwordHash');
				expect(await store.users.findByEmail(u.email)).toEqual({ ...publicUser, passwordHash });
				expect(await store.users.get('nope')).toBeNull();
				expect(await store.users.findByEmail('nobody@example.se')).toBeNull();
			});

			it('findByEmail ignores case', async () => {
				const u = await user({ email: `Anna.Lind.${tag}@Kommun.Example.SE` });
				expect((await store.users.findByEmail(`anna.lind.${tag}@kommun.example.se`))?.id).toBe(u.id);
				expect((await store.users.findByEmail(`ANNA.LIND.${tag.toUpperCase()}@KOMMUN.EXAMPLE.SE`))?.id).toBe(u.id);
			});

			it('one account per email address, whatever the case', async () => {
				const u = await user();
				await expect(user({ email: u.email.toUpperCase() })).rejects.toThrow();
				await expect(user({ email: u.email })).rejects.toThrow();
			});

			it('needs an existing agency', async () => {
				await expect(user({ agencyId: 'no-such-agency' })).rejects.toThrow();
			});

			it('count counts', async () => {
				const before = await store.users.count();
				await user();
				await user();
				expect(await store.users.count()).toBe(before + 2);
			});
		});

		describe('sessions', () => {
			it('create and get, with the user', async () => {
				const u = await user();
				const id = sessionIdFromToken(generateSessionToken());
				const expiresAt = new Date(Date.now() + 30 * DAY);
				await store.sessions.create({ id, userId: u.id, expiresAt });
				const found = await store.sessions.get(id);
				expect(found?.session).toEqual({ id, userId: u.id, expiresAt });
				expect(found?.user).toEqual(await store.users.get(u.id));
				expect(await store.sessions.get(sessionIdFromToken(generateSessionToken()))).toBeNull();
			});

			it('setExpiry moves the expiry', async () => {
				const u = await user();
				const id = sessionIdFromToken(generateSessionToken());
				await store.sessions.create({ id, userId: u.id, expiresAt: new Date('2026-03-01T00:00:00.500Z') });
				const later = new Date('2026-03-20T12:34:56.789Z');
				await store.sessions.setExpiry(id, later);
				expect((await store.sessions.get(id))?.session.expiresAt).toEqual(later);
			});

			it('delete removes one session; deleteForUser removes all of one user', async () => {
				const anna = await user();
				const bo = await user();
				const ids = Array.from({ length: 3 }, () => sessionIdFromToken(generateSessionToken()));
				const expiresAt = new Date(Date.now() + DAY);
				await store.sessions.create({ id: ids[0], userId: anna.id, expiresAt });
				await store.sessions.create({ id: ids[1], userId: anna.id, expiresAt });
				await store.sessions.create({ id: ids[2], userId: bo.id, expiresAt });
				// Listed per person (for "my data"): when each began and ends, nothing of the token.
				const listed = await store.sessions.listForUser(anna.id);
				expect(listed).toHaveLength(2);
				expect(listed[0]).toEqual({ createdAt: expect.any(Date), expiresAt });
				expect(await store.sessions.listForUser(bo.id)).toHaveLength(1);
				// Sign out everywhere else: the kept one stays, the others go, another person's untouched.
				const extra = sessionIdFromToken(generateSessionToken());
				await store.sessions.create({ id: extra, userId: anna.id, expiresAt });
				expect((await store.sessions.deleteOthers(anna.id, ids[1])).sort()).toEqual([ids[0], extra].sort());
				expect(await store.sessions.get(ids[1])).not.toBeNull();
				expect(await store.sessions.get(ids[2])).not.toBeNull();
				await store.sessions.create({ id: ids[0], userId: anna.id, expiresAt });
				await store.sessions.delete(ids[0]);
				expect(await store.sessions.get(ids[0])).toBeNull();
				expect(await store.sessions.get(ids[1])).not.toBeNull();
				await store.sessions.delete(ids[0]); // deleting twice is harmless
				await store.sessions.deleteForUser(anna.id);
				expect(await store.sessions.get(ids[1])).toBeNull();
				expect((await store.sessions.get(ids[2]))?.user.id).toBe(bo.id);
			});

			it('session ids are unique', async () => {
				const u = await user();
				const id = sessionIdFromToken(generateSessionToken());
				await store.sessions.create({ id, userId: u.id, expiresAt: new Date() });
				await expect(store.sessions.create({ id, userId: u.id, expiresAt: new Date() })).rejects.toThrow();
			});
		});

		describe('signInFailures', () => {
			it('record counts up per key, keeps the last time, clear resets', async () => {
				const key = `email:${newId()}@example.se`;
				const other = `addr:${newId()}`;
				expect(await store.signInFailures.get(key)).toBeNull();
				const t1 = new Date('2026-03-01T10:00:00.000Z');
				const t3 = new Date('2026-03-01T10:00:09.250Z');
				expect(await store.signInFailures.record(key, t1)).toBe(1);
				expect(await store.signInFailures.record(key, new Date('2026-03-01T10:00:05Z'))).toBe(2);
				expect(await store.signInFailures.record(key, t3)).toBe(3);
				expect(await store.signInFailures.record(other, t1)).toBe(1);
				expect(await store.signInFailures.get(key)).toEqual({ failures: 3, lastFailureAt: t3 });
				await store.signInFailures.clear(key);
				expect(await store.signInFailures.get(key)).toBeNull();
				expect(await store.signInFailures.get(other)).toEqual({ failures: 1, lastFailureAt: t1 });
				expect(await store.signInFailures.record(key, t1)).toBe(1);
			});

			it('concurrent failures are all counted', async () => {
				const key = `addr:${newId()}`;
				const counts = await Promise.all(Array.from({ length: 8 }, () => store.signInFailures.record(key, new Date())));
				expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
			});
		});

		describe('boards', () => {
			it('create makes the creator owner; get returns the board', async () => {
				const owner = await user();
				const b = await board(owner);
				expect(await store.boards.get(b.id)).toEqual(b);
				expect(await store.boards.role(b.id, owner.id)).toBe('owner');
				expect(await store.boards.get('nope')).toBeNull();
			});

			it('create is all or nothing: an unknown owner leaves no board behind', async () => {
				const owner = await user();
				const b = { id: newId(), name: 'Halv', description: '', createdBy: owner.id, createdAt: new Date() };
				await expect(store.boards.create(b, 'no-such-user')).rejects.toThrow();
				expect(await store.boards.get(b.id)).toBeNull();
			});

			it("a new board writes its protocols in Swedish; setLanguage changes that board's language only", async () => {
				const owner = await user();
				const b = await board(owner);
				const other = await board(owner);
				expect((await store.boards.get(b.id))?.language).toBe('sv');
				expect(await store.boards.setLanguage(b.id, 'da')).toBe(true);
				expect(await store.boards.get(b.id)).toEqual({ ...b, language: 'da' });
				expect((await store.boards.get(other.id))?.language).toBe('sv');
				// Lists of boards (a store function returning jsonb) carry it as well.
				const listed = await store.boards.listForUser(owner.id);
				expect(listed.find((x) => x.id === b.id)?.language).toBe('da');
				expect(listed.find((x) => x.id === other.id)?.language).toBe('sv');
				expect(await store.boards.setLanguage('nope', 'en')).toBe(false);
				await expect(store.boards.setLanguage(b.id, 'de' as Board['language'])).rejects.toThrow();
				expect((await store.boards.get(b.id))?.language).toBe('da');
			});

			it("listForUser lists the user's boards with their role, by name", async () => {
				const anna = await user();
				const bo = await user();
				const b2 = await board(anna, { name: `b ${tag} Samverkan Norr` });
				const b1 = await board(bo, { name: `A ${tag} Ledningsgrupp` });
				await board(bo, { name: `c ${tag} Annan grupp` });
				await store.boards.addMember(b1.id, anna.id, 'contributor');
				expect(await store.boards.listForUser(anna.id)).toEqual([
					{ ...b1, role: 'contributor' },
					{ ...b2, role: 'owner' }
				]);
				expect(await store.boards.listForUser((await user()).id)).toEqual([]);
			});

			it('members come with their agency and role, ordered by agency then name', async () => {
				const social = await agency({ name: `A ${tag} Socialtjänsten`, kind: 'social_services', color: '#1f5f8b' });
				const users = await agency({ name: `B ${tag} Brukarföreningen`, kind: 'user_association', color: '#2e6b30' });
				const owner = await user({ agencyId: users.id, displayName: 'Zara' });
				const b = await board(owner);
				const anna = await user({ agencyId: social.id, displayName: 'Anna' });
				const bo = await user({ agencyId: users.id, displayName: 'bo' });
				await store.boards.addMember(b.id, anna.id, 'editor');
				await store.boards.addMember(b.id, bo.id, 'viewer');
				const members = await store.boards.members(b.id);
				expect(members.map((m) => [m.agency.name, m.user.displayName, m.role])).toEqual([
					[social.name, 'Anna', 'editor'],
					[users.name, 'bo', 'viewer'],
					[users.name, 'Zara', 'owner']
				]);
				const { passwordHash: _h, ...annaPublic } = anna;
				expect(members[0].user).toEqual(annaPublic);
				expect(members[0].agency).toEqual(social);
				expect(members[0].joinedAt).toBeInstanceOf(Date);
				expect(Math.abs(members[0].joinedAt.getTime() - Date.now())).toBeLessThan(60_000);
				expect(await store.boards.members('nope')).toEqual([]);
			});

			it('role is null for non-members', async () => {
				const owner = await user();
				const b = await board(owner);
				expect(await store.boards.role(b.id, (await user()).id)).toBeNull();
				expect(await store.boards.role('nope', owner.id)).toBeNull();
			});

			it('addMember adds, and keeps the stronger role when already a member', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = await user();
				expect(await store.boards.addMember(b.id, m.id, 'viewer')).toBe('viewer');
				expect(await store.boards.addMember(b.id, m.id, 'editor')).toBe('editor'); // raised
				expect(await store.boards.role(b.id, m.id)).toBe('editor');
				expect(await store.boards.addMember(b.id, m.id, 'contributor')).toBe('editor'); // kept
				expect(await store.boards.role(b.id, m.id)).toBe('editor');
				expect(await store.boards.addMember(b.id, owner.id, 'viewer')).toBe('owner');
				expect(await store.boards.role(b.id, owner.id)).toBe('owner');
				expect((await store.boards.members(b.id)).length).toBe(2);
			});

			it('concurrent joins of the same person end with one membership', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = await user();
				const roles = await Promise.all([
					store.boards.addMember(b.id, m.id, 'viewer'),
					store.boards.addMember(b.id, m.id, 'editor'),
					store.boards.addMember(b.id, m.id, 'contributor')
				]).catch((error) => {
					throw new Error(`concurrent addMember failed: ${error}`);
				});
				expect(roles).toContain('editor');
				expect(await store.boards.role(b.id, m.id)).toBe('editor');
				expect((await store.boards.members(b.id)).length).toBe(2);
			});
		});

		describe('invites', () => {
			async function invite(b: Board, creator: User, overrides: Partial<Invite> = {}) {
				const token = generateSessionToken();
				const i: Invite = {
					id: newId(),
					boardId: b.id,
					role: 'editor',
					createdBy: creator.id,
					expiresAt: new Date('2026-04-01T12:00:00.000Z'),
					revokedAt: null,
					createdAt: new Date('2026-03-25T12:00:00.000Z'),
					maxUses: null,
					uses: 0,
					...overrides
				};
				await store.invites.create({ ...i, tokenHash: sessionIdFromToken(token) });
				return { invite: i, tokenHash: sessionIdFromToken(token) };
			}
			const AT = new Date('2026-03-26T12:00:00.000Z');
			const used = async (tokenHash: string) => (await store.invites.findByTokenHash(tokenHash))?.uses;

			it('create keeps the limit of uses; a new invite has none used', async () => {
				const owner = await user();
				const b = await board(owner);
				const { invite: limited, tokenHash } = await invite(b, owner, { maxUses: 3 });
				expect(await store.invites.findByTokenHash(tokenHash)).toEqual(limited);
				expect(limited).toMatchObject({ maxUses: 3, uses: 0 });
				await expect(invite(b, owner, { maxUses: 0 })).rejects.toThrow();
			});

			it('accept joins with the invite’s role and takes one use', async () => {
				const owner = await user();
				const b = await board(owner);
				const { tokenHash } = await invite(b, owner, { role: 'contributor' });
				const m = await user();
				expect(await store.invites.accept(tokenHash, m.id, AT)).toEqual({ outcome: 'joined', role: 'contributor' });
				expect(await store.boards.role(b.id, m.id)).toBe('contributor');
				expect(await used(tokenHash)).toBe(1);
			});

			it('accept never changes a member’s role and takes no use', async () => {
				const owner = await user();
				const b = await board(owner);
				const { tokenHash } = await invite(b, owner, { role: 'editor', maxUses: 1 });
				const m = await user();
				await store.boards.addMember(b.id, m.id, 'viewer');
				expect(await store.invites.accept(tokenHash, m.id, AT)).toEqual({ outcome: 'member', role: 'viewer' });
				expect(await store.invites.accept(tokenHash, owner.id, AT)).toEqual({ outcome: 'member', role: 'owner' });
				expect(await store.boards.role(b.id, m.id)).toBe('viewer');
				expect(await used(tokenHash)).toBe(0);
			});

			it('accept refuses unknown, revoked, expired and used-up links without adding anyone', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = await user();
				expect(await store.invites.accept(sessionIdFromToken(generateSessionToken()), m.id, AT)).toEqual({ outcome: 'unknown' });
				const revoked = await invite(b, owner);
				await store.invites.revoke(revoked.invite.id, AT);
				expect(await store.invites.accept(revoked.tokenHash, m.id, AT)).toEqual({ outcome: 'revoked' });
				const expired = await invite(b, owner, { expiresAt: AT });
				expect(await store.invites.accept(expired.tokenHash, m.id, AT)).toEqual({ outcome: 'expired' });
				const one = await invite(b, owner, { maxUses: 1 });
				expect((await store.invites.accept(one.tokenHash, (await user()).id, AT)).outcome).toBe('joined');
				expect(await store.invites.accept(one.tokenHash, m.id, AT)).toEqual({ outcome: 'used-up' });
				expect(await used(one.tokenHash)).toBe(1);
				expect(await store.boards.role(b.id, m.id)).toBeNull();
			});

			it('a removal is remembered: links made before it refuse the person, later links take them', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = await user();
				const before = await invite(b, owner, { createdAt: new Date('2026-03-25T12:00:00.000Z') });
				expect((await store.invites.accept(before.tokenHash, m.id, AT)).outcome).toBe('joined');
				expect(await store.boards.removedAt(b.id, m.id)).toBeNull();
				const removedAt = new Date('2026-03-27T08:00:00.000Z');
				expect(await store.boards.removeMember(b.id, m.id, removedAt)).toBe('changed');
				expect(await store.boards.removedAt(b.id, m.id)).toEqual(removedAt);
				const later = new Date('2026-03-28T08:00:00.000Z');
				expect(await store.invites.accept(before.tokenHash, m.id, later)).toEqual({ outcome: 'removed' });
				expect(await store.boards.role(b.id, m.id)).toBeNull();
				expect(await used(before.tokenHash)).toBe(1);
				const after = await invite(b, owner, { role: 'viewer', createdAt: new Date('2026-03-27T09:00:00.000Z') });
				expect(await store.invites.accept(after.tokenHash, m.id, later)).toEqual({ outcome: 'joined', role: 'viewer' });
				// A refused removal (the last owner) records nothing.
				expect(await store.boards.removeMember(b.id, owner.id, later)).toBe('last-owner');
				expect(await store.boards.removedAt(b.id, owner.id)).toBeNull();
			});

			it('people accepting one link at once never take more uses than it has', async () => {
				const owner = await user();
				const b = await board(owner);
				const { tokenHash } = await invite(b, owner, { role: 'viewer', maxUses: 2 });
				const people = await Promise.all(Array.from({ length: 8 }, () => user()));
				const outcomes = await Promise.all(people.map((p) => store.invites.accept(tokenHash, p.id, AT)));
				expect(outcomes.filter((o) => o.outcome === 'joined')).toHaveLength(2);
				expect(outcomes.filter((o) => o.outcome === 'used-up')).toHaveLength(6);
				expect(await used(tokenHash)).toBe(2);
				expect((await store.boards.members(b.id)).length).toBe(3);
			});

			it('create and findByTokenHash', async () => {
				const owner = await user();
				const b = await board(owner);
				const { invite: i, tokenHash } = await invite(b, owner, { role: 'contributor' });
				expect(await store.invites.findByTokenHash(tokenHash)).toEqual(i);
				expect(await store.invites.findByTokenHash(sessionIdFromToken(generateSessionToken()))).toBeNull();
			});

			it('listForBoard lists that board only, newest first', async () => {
				const owner = await user();
				const b = await board(owner);
				const other = await board(owner);
				const old = await invite(b, owner, { createdAt: new Date('2026-01-01T00:00:00Z') });
				const recent = await invite(b, owner, { createdAt: new Date('2026-03-01T00:00:00Z'), role: 'viewer' });
				const middle = await invite(b, owner, { createdAt: new Date('2026-02-01T00:00:00Z') });
				await invite(other, owner);
				expect(await store.invites.listForBoard(b.id)).toEqual([recent.invite, middle.invite, old.invite]);
			});

			it('revoke stamps the first revocation only', async () => {
				const owner = await user();
				const b = await board(owner);
				const { invite: i, tokenHash } = await invite(b, owner);
				const first = new Date('2026-03-26T09:00:00.000Z');
				await store.invites.revoke(i.id, first);
				expect((await store.invites.findByTokenHash(tokenHash))?.revokedAt).toEqual(first);
				await store.invites.revoke(i.id, new Date('2026-03-27T09:00:00.000Z'));
				expect((await store.invites.findByTokenHash(tokenHash))?.revokedAt).toEqual(first);
			});

			it('never hands out ownership, and token hashes are unique', async () => {
				const owner = await user();
				const b = await board(owner);
				await expect(invite(b, owner, { role: 'owner' as Invite['role'] })).rejects.toThrow();
				const { tokenHash } = await invite(b, owner);
				await expect(store.invites.create({ id: newId(), boardId: b.id, role: 'viewer', createdBy: owner.id, expiresAt: new Date(), revokedAt: null, createdAt: new Date(), maxUses: null, uses: 0, tokenHash })).rejects.toThrow();
			});
		});

		describe('meetings', () => {
			function meeting(b: Board, creator: User, overrides: Partial<NewMeeting> = {}): NewMeeting {
				return {
					id: newId(),
					boardId: b.id,
					title: 'Ledningsgruppens möte',
					startsAt: new Date('2026-12-01T12:00:00.000Z'),
					place: 'Stadshuset, rum 3',
					accessibilityNotes: 'Hörslinga finns',
					onlineUrl: 'https://meet.example.se/lg',
					createdBy: creator.id,
					createdAt: new Date('2026-11-01T08:00:00.000Z'),
					...overrides
				};
			}

			it('create and get round-trip every field', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = meeting(b, owner, { title: 'Möte § 1–12 "citat" \'apostrof\' 🎉' });
				await store.meetings.create(m);
				expect(await store.meetings.get(m.id)).toEqual(stored(m));
				expect(await store.meetings.get('nope')).toBeNull();
			});

			/** A new meeting as the store returns it: planned, never changed. */
			const stored = (m: NewMeeting): Meeting => ({
				...m,
				status: 'planned',
				statusChangedAt: null,
				cancelReason: '',
				sequence: 0,
				updatedAt: null,
				revision: 0,
				adjustment: null,
				lengthMinutes: m.lengthMinutes ?? null,
				seriesId: m.seriesId ?? null,
				agendaSentAt: null
			});

			it('create keeps a planned length; without one it reads as null', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = meeting(b, owner, { lengthMinutes: 90 });
				await store.meetings.create(m);
				expect((await store.meetings.get(m.id))?.lengthMinutes).toBe(90);
				expect(await store.meetings.get(m.id)).toEqual(stored(m));
			});

			it('create keeps the series a meeting belongs to; one created on its own reads as null (issue 12, point 7)', async () => {
				const owner = await user();
				const b = await board(owner);
				const seriesId = newId();
				const first = meeting(b, owner, { seriesId });
				const second = meeting(b, owner, { seriesId, startsAt: new Date('2026-12-08T12:00:00.000Z') });
				const alone = meeting(b, owner);
				for (const m of [first, second, alone]) await store.meetings.create(m);
				expect(await store.meetings.get(first.id)).toEqual(stored(first));
				expect((await store.meetings.listForBoard(b.id)).map((m) => [m.id, m.seriesId])).toEqual([
					[second.id, seriesId],
					...[[first.id, seriesId], [alone.id, null]].sort((x, y) => (x[0]! < y[0]! ? -1 : 1))
				]);
			});

			it('change: applies at the revision it was decided on, records its event, and refuses a stale one', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = meeting(b, owner);
				await store.meetings.create(m);
				const at = new Date('2026-12-01T13:00:00.000Z');
				const event = { kind: 'moved', actorId: owner.id, at, detail: { from: 'planned', to: 'cancelled' } };
				const revision = await store.meetings.change(m.id, { revision: 0, status: 'cancelled', cancelReason: 'Ingen lokal; "flyttas"', bumpSequence: true, event });
				expect(revision).toBe(1);
				const cancelled = await store.meetings.get(m.id);
				expect(cancelled).toMatchObject({ status: 'cancelled', statusChangedAt: at, cancelReason: 'Ingen lokal; "flyttas"', sequence: 1, updatedAt: at, revision: 1 });
				// Decided on revision 0, which is gone: nothing changes, nothing is recorded.
				expect(await store.meetings.change(m.id, { revision: 0, status: 'planned', bumpSequence: false, event })).toBeNull();
				expect(await store.meetings.change('nope', { revision: 0, status: 'planned', bumpSequence: false, event })).toBeNull();
				expect((await store.meetings.get(m.id))?.status).toBe('cancelled');

				const details = { title: 'Nytt namn 🎉', startsAt: new Date('2026-12-02T08:30:00.000Z'), place: 'Biblioteket', accessibilityNotes: 'Ramp', onlineUrl: '' };
				const adjustment = { appointment: { adjusterIds: ['u2'], dueDate: '2026-12-10' }, approvals: [], text: 'å "ä" \\ ö' };
				const later = new Date('2026-12-01T14:00:00.000Z');
				expect(await store.meetings.change(m.id, { revision: 1, details, adjustment, bumpSequence: true, event: { ...event, kind: 'details', at: later, detail: {} } })).toBe(2);
				const changed = await store.meetings.get(m.id);
				expect(changed).toMatchObject({ ...details, status: 'cancelled', statusChangedAt: at, sequence: 2, revision: 2, adjustment });
				expect(await store.meetings.events(m.id)).toEqual([
					{ kind: 'moved', actorId: owner.id, at, detail: { from: 'planned', to: 'cancelled' } },
					{ kind: 'details', actorId: owner.id, at: later, detail: {} }
				]);
			});

			it('addenda: added once per number, approvals stored at their revision until approved, text never changed', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = meeting(b, owner);
				await store.meetings.create(m);
				const event = { kind: 'moved', actorId: owner.id, at: new Date(), detail: {} };
				await store.meetings.change(m.id, { revision: 0, status: 'in_adjustment', bumpSequence: false, event });
				const hash = (c: string) => c.repeat(64);
				const protocol = { meetingId: m.id, hash: hash('1'), format: 1, canonical: '{}', meetingState: Uint8Array.of(1), voicesState: Uint8Array.of(2), approvals: [], sealedAt: new Date() };
				expect(await store.protocols.seal(protocol, 1, {}, owner.id)).toBe(true);
				const at = '2026-12-20T10:00:00.000Z';
				const first = { number: 1, text: 'Rättelse: § 2 "fel" datum 🎉', by: owner.id, at, hash: hash('2'), approvals: [], approvedAt: null };
				expect(await store.addenda.add(m.id, first)).toBe(true);
				expect(await store.addenda.add(m.id, { ...first, hash: hash('3') })).toBe(false);
				expect(await store.addenda.list(m.id)).toEqual([{ ...first, revision: 0 }]);
				const approvals = [{ by: owner.id, at }];
				expect(await store.addenda.approve(m.id, { ...first, approvals }, 1, owner.id, new Date(at))).toBe(false);
				expect(await store.addenda.approve(m.id, { ...first, approvals }, 0, owner.id, new Date(at))).toBe(true);
				expect(await store.addenda.approve(m.id, { ...first, approvals, approvedAt: at }, 1, owner.id, new Date(at))).toBe(true);
				expect(await store.addenda.list(m.id)).toEqual([{ ...first, approvals, approvedAt: at, revision: 2 }]);
				// Found by its own hash (what /verify looks up), with its meeting; an unknown hash finds nothing.
				expect(await store.addenda.findByHash(first.hash)).toEqual({ ...first, approvals, approvedAt: at, revision: 2, meetingId: m.id });
				expect(await store.addenda.findByHash(hash('9'))).toBeNull();
				// Approved is final.
				expect(await store.addenda.approve(m.id, { ...first, approvals: [] }, 2, owner.id, new Date(at))).toBe(false);
				const kinds = (await store.meetings.events(m.id)).map((e) => e.kind);
				expect(kinds).toEqual(['moved', 'adjusted', 'addendum_written', 'addendum_approved', 'addendum_approved']);
			});

			it('protocols: sealed once at the revision it was decided on, found by hash, never changed', async () => {
				const owner = await user();
				const b = await board(owner);
				const m = meeting(b, owner);
				await store.meetings.create(m);
				const event = { kind: 'moved', actorId: owner.id, at: new Date(), detail: {} };
				expect(await store.meetings.change(m.id, { revision: 0, status: 'in_adjustment', bumpSequence: false, event })).toBe(1);
				const bytes = new Uint8Array(256).map((_, i) => i);
				const protocol: SealedProtocol = {
					meetingId: m.id,
					hash: 'ab'.repeat(32),
					format: 1,
					canonical: '{"title":"Möte § 1 – \\"citat\\""}',
					meetingState: bytes,
					voicesState: new Uint8Array([0, 0, 255]),
					approvals: [{ by: owner.id, at: '2026-12-01T10:00:00.000Z', version: 'ab'.repeat(32) }],
					sealedAt: new Date('2026-12-05T10:00:00.000Z')
				};
				expect(await store.protocols.seal(protocol, 0, { final: true }, owner.id)).toBe(false);
				expect(await store.protocols.get(m.id)).toBeNull();
				expect(await store.protocols.seal(protocol, 1, { final: true }, owner.id)).toBe(true);
				expect(await store.protocols.get(m.id)).toEqual(protocol);
				expect(await store.protocols.findByHash(protocol.hash)).toEqual(protocol);
				expect(await store.protocols.findByHash('cd'.repeat(32))).toBeNull();
				expect(await store.meetings.get(m.id)).toMatchObject({ status: 'adjusted', revision: 2, adjustment: { final: true } });
				expect((await store.meetings.events(m.id)).map((e) => e.kind)).toEqual(['moved', 'adjusted']);
				// Sealed is final: not again, and not at the new revision either (no longer in adjustment).
				expect(await store.protocols.seal({ ...protocol, hash: 'cd'.repeat(32) }, 2, {}, owner.id)).toBe(false);
				expect(await store.protocols.get(m.id)).toEqual(protocol);
			});

			it('listForBoard: that board only, latest start first', async () => {
				const owner = await user();
				const b = await board(owner);
				const other = await board(owner);
				const jan = meeting(b, owner, { startsAt: new Date('2027-01-12T09:00:00Z') });
				const dec = meeting(b, owner, { startsAt: new Date('2026-12-01T12:00:00Z') });
				const feb = meeting(b, owner, { startsAt: new Date('2027-02-09T09:00:00Z') });
				for (const m of [jan, dec, feb, meeting(other, owner)]) await store.meetings.create(m);
				expect(await store.meetings.listForBoard(b.id)).toEqual([feb, jan, dec].map(stored));
			});

			const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (x) => x.toString(16).padStart(2, '0')).join('');
			/** A meeting sealed as adjusted, with a fresh hash. */
			async function adjusted(b: Board, owner: User, overrides: Partial<NewMeeting> = {}): Promise<NewMeeting> {
				const m = meeting(b, owner, overrides);
				await store.meetings.create(m);
				const event = { kind: 'moved', actorId: owner.id, at: new Date(), detail: {} };
				await store.meetings.change(m.id, { revision: 0, status: 'in_adjustment', bumpSequence: false, event });
				const hash = hex(32);
				const sealed: SealedProtocol = { meetingId: m.id, hash, format: 1, canonical: '{}', meetingState: new Uint8Array([1]), voicesState: new Uint8Array([2]), approvals: [], sealedAt: new Date() };
				expect(await store.protocols.seal(sealed, 1, {}, owner.id)).toBe(true);
				return m;
			}

			it('publications: a slug per board (unique, kept once something is published under it)', async () => {
				const owner = await user();
				const b = await board(owner);
				const other = await board(owner);
				const slug = `lg-${hex(6)}`;
				expect(await store.publications.slug(b.id)).toBeNull();
				expect(await store.publications.setSlug(b.id, slug)).toBe('set');
				expect(await store.publications.slug(b.id)).toBe(slug);
				expect(await store.publications.boardIdBySlug(slug)).toBe(b.id);
				expect(await store.publications.boardIdBySlug(`${slug}-none`)).toBeNull();
				expect(await store.publications.setSlug(other.id, slug)).toBe('taken');
				expect(await store.publications.setSlug('nope', `${slug}-x`)).toBe('not-found');
				await expect(store.publications.setSlug(other.id, 'Not A Slug')).rejects.toThrow();
				const m = await adjusted(b, owner);
				expect(await store.publications.publish(m.id, '2026-12-01', owner.id, new Date())).toBe('published');
				expect(await store.publications.setSlug(b.id, `${slug}-new`)).toBe('locked');
				expect(await store.publications.setSlug(b.id, slug)).toBe('set');
			});

			it('publications: publish only adjusted meetings of a board with a slug, once per address; unpublish and publish again keep the address; both logged', async () => {
				const owner = await user();
				const b = await board(owner);
				const planned = meeting(b, owner);
				await store.meetings.create(planned);
				const m = await adjusted(b, owner);
				const second = await adjusted(b, owner);
				const at = new Date('2026-12-06T09:00:00.000Z');
				expect(await store.publications.publish(m.id, '2026-12-01', owner.id, at)).toBe('no-slug');
				expect(await store.publications.setSlug(b.id, `lg-${hex(6)}`)).toBe('set');
				expect(await store.publications.publish(planned.id, '2026-12-01', owner.id, at)).toBe('not-adjusted');
				expect(await store.publications.publish(m.id, '2026-12-01', owner.id, at)).toBe('published');
				expect(await store.publications.publish(m.id, '2026-12-01', owner.id, at)).toBe('already');
				expect(await store.publications.publish(second.id, '2026-12-01', owner.id, at)).toBe('taken');
				expect(await store.publications.publish(second.id, '2026-12-01-2', owner.id, at)).toBe('published');
				const published = { meetingId: m.id, boardId: b.id, pathDate: '2026-12-01', publishedBy: owner.id, publishedAt: at, unpublishedBy: null, unpublishedAt: null };
				expect(await store.publications.forMeeting(m.id)).toEqual(published);
				expect(await store.publications.find(b.id, '2026-12-01')).toEqual(published);
				expect(await store.publications.find(b.id, '2026-12-02')).toBeNull();
				expect((await store.publications.listForBoard(b.id)).map((p) => p.pathDate).sort()).toEqual(['2026-12-01', '2026-12-01-2']);

				const later = new Date('2026-12-07T09:00:00.000Z');
				expect(await store.publications.unpublish(m.id, owner.id, later)).toBe(true);
				expect(await store.publications.unpublish(m.id, owner.id, later)).toBe(false);
				expect(await store.publications.unpublish(planned.id, owner.id, later)).toBe(false);
				expect(await store.publications.forMeeting(m.id)).toEqual({ ...published, unpublishedBy: owner.id, unpublishedAt: later });
				// Published again: the same address (it was never given to another meeting).
				const again = new Date('2026-12-08T09:00:00.000Z');
				expect(await store.publications.publish(m.id, '2026-12-09', owner.id, again)).toBe('published');
				expect(await store.publications.forMeeting(m.id)).toEqual({ ...published, publishedAt: again });
				const events = (await store.meetings.events(m.id)).filter((e) => e.kind === 'published' || e.kind === 'unpublished');
				expect(events.map((e) => [e.kind, e.actorId, e.at.toISOString(), e.detail.pathDate])).toEqual([
					['published', owner.id, at.toISOString(), '2026-12-01'],
					['unpublished', owner.id, later.toISOString(), '2026-12-01'],
					['published', owner.id, again.toISOString(), '2026-12-01']
				]);
			});
		});

		describe('docs', () => {
			it('an unknown document loads empty', async () => {
				expect(await store.docs.load(docName())).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
				expect(await store.docs.pendingCount(docName())).toBe(0);
			});

			it('binary updates round-trip exactly (every byte value, zero runs, 0xff runs, large)', async () => {
				const name = docName();
				const updates = [nastyBytes(256), Uint8Array.of(0), Uint8Array.of(0xff), Uint8Array.of(0, 0, 0, 0xff, 0, 0x5c, 0x78), nastyBytes(300_000), nastyBytes(1)];
				await store.docs.append(name, updates.slice(0, 3));
				await store.docs.append(name, updates.slice(3));
				const loaded = await store.docs.load(name);
				expect(loaded.snapshot).toBeNull();
				expect(loaded.updates).toHaveLength(updates.length);
				loaded.updates.forEach((u, i) => expectBytes(u, updates[i]));
			});

			it('a view into a larger buffer is stored as the view only', async () => {
				const name = docName();
				const big = nastyBytes(1000);
				const view = big.subarray(100, 150);
				await store.docs.append(name, [view]);
				expectBytes((await store.docs.load(name)).updates[0], big.slice(100, 150));
			});

			it('real Yjs updates round-trip and replay to the same document', async () => {
				const name = docName();
				const doc = new Y.Doc();
				const updates: Uint8Array[] = [];
				doc.on('update', (u: Uint8Array) => updates.push(u));
				const minutes = doc.getText('minutes');
				minutes.insert(0, '§ 1 Mötets öppnande. ');
				minutes.insert(minutes.length, 'Beslut: att godkänna dagordningen. ');
				doc.getArray('items').push([new Y.Map(Object.entries({ owner: 'Socialtjänsten', due: '2026-12-15' }))]);
				minutes.delete(0, 4);
				await store.docs.append(name, updates.slice(0, 2));
				await store.docs.append(name, [Y.mergeUpdates(updates.slice(2))]);
				const loaded = await store.docs.load(name);
				const replica = new Y.Doc();
				for (const u of loaded.updates) Y.applyUpdate(replica, u);
				expect(replica.getText('minutes').toString()).toBe(minutes.toString());
				expect(replica.getArray('items').toJSON()).toEqual(doc.getArray('items').toJSON());
				expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(doc));
			});

			it('append returns increasing ids (the last of a batch) and refuses an empty batch', async () => {
				const name = docName();
				const a = await store.docs.append(name, [Uint8Array.of(1)]);
				const b = await store.docs.append(name, [Uint8Array.of(2), Uint8Array.of(3), Uint8Array.of(4)]);
				const c = await store.docs.append(docName(), [Uint8Array.of(5)]);
				const d = await store.docs.append(name, [Uint8Array.of(6)]);
				expect(typeof a).toBe('number');
				expect(b).toBeGreaterThanOrEqual(a + 3);
				expect(c).toBeGreaterThan(b);
				expect(d).toBeGreaterThan(c);
				expect((await store.docs.load(name)).lastUpdateId).toBe(d);
				await expect(store.docs.append(name, [])).rejects.toThrow();
			});

			it('appendMany stores several documents in one write, each in order, with its authors, and says each one’s last id', async () => {
				const [a, b, c] = [docName(), docName(), docName()];
				const before = await store.docs.append(a, [Uint8Array.of(0)]);
				const author = { userId: 'u-many', agencyId: 'ag-many' };
				const big = nastyBytes(300);
				const results = await store.docs.appendMany([
					{ docName: a, updates: [Uint8Array.of(1), { update: Uint8Array.of(2), author }] },
					{ docName: b, updates: [Uint8Array.of(3)] },
					{ docName: c, updates: [{ update: big, author: null }, Uint8Array.of(4), Uint8Array.of(5)] }
				]);
				expect(results.map((r) => r.docName)).toEqual([a, b, c]);
				const ids = results.map((r) => ('lastUpdateId' in r ? r.lastUpdateId : NaN));
				expect(ids[0]).toBeGreaterThan(before);
				for (const [i, name] of [a, b, c].entries()) expect((await store.docs.load(name)).lastUpdateId).toBe(ids[i]);
				expect((await store.docs.load(a)).updates.map((u) => [...u])).toEqual([[0], [1], [2]]);
				expect((await store.docs.load(b)).updates.map((u) => [...u])).toEqual([[3]]);
				const loadedC = await store.docs.load(c);
				expectBytes(loadedC.updates[0], big);
				expect(loadedC.updates.slice(1).map((u) => [...u])).toEqual([[4], [5]]);
				expect((await store.docs.history(a)).map((h) => [h.authorId, h.source])).toEqual([[null, 'server'], [null, 'server'], ['u-many', 'member']]);
				expect(await store.docs.appendMany([])).toEqual([]);
				await expect(store.docs.appendMany([{ docName: a, updates: [] }])).rejects.toThrow();
			});

			it('concurrent appends all land, each once, in id order', async () => {
				const name = docName();
				const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => store.docs.append(name, [Uint8Array.of(i)])));
				expect(new Set(ids).size).toBe(10);
				const loaded = await store.docs.load(name);
				expect(loaded.updates.map((u) => u[0]).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
				expect(loaded.lastUpdateId).toBe(Math.max(...ids));
			});

			it('sets aside content a document loaded without, per document, with its reason and size', async () => {
				const name = docName();
				const other = docName();
				expect(await store.docs.quarantined(name)).toEqual([]);
				const bad = nastyBytes(300);
				await store.docs.quarantine(name, bad, 'too-deep: a type 4001 levels deep');
				await store.docs.quarantine(name, Uint8Array.of(0, 1), 'never-integrates: refers to content the document does not have');
				await store.docs.quarantine(other, Uint8Array.of(9), 'malformed: x');
				const kept = await store.docs.quarantined(name);
				expect(kept.map((q) => [q.reason, q.bytes])).toEqual([
					['too-deep: a type 4001 levels deep', 300],
					['never-integrates: refers to content the document does not have', 2]
				]);
				expect(kept[0].id).toBeLessThan(kept[1].id);
				expect(kept[0].at).toBeInstanceOf(Date);
				expect(Number.isNaN(kept[0].at.getTime())).toBe(false);
			});

			it('load returns the snapshot plus only the later updates (compaction keeps the older ones as history)', async () => {
				const name = docName();
				const neighbour = docName();
				await store.docs.append(neighbour, [Uint8Array.of(42)]);
				await store.docs.append(name, [Uint8Array.of(1)]);
				const upTo = await store.docs.append(name, [Uint8Array.of(2)]);
				expect(await store.docs.pendingCount(name)).toBe(2);

				const state = nastyBytes(500);
				await store.docs.compact(name, state, upTo);
				let loaded = await store.docs.load(name);
				expectBytes(loaded.snapshot, state);
				expect(loaded.updates).toEqual([]);
				expect(loaded.lastUpdateId).toBe(upTo);
				expect(await store.docs.pendingCount(name)).toBe(0);

				const later = await store.docs.append(name, [Uint8Array.of(3, 0, 255)]);
				loaded = await store.docs.load(name);
				expectBytes(loaded.snapshot, state);
				expect(loaded.updates).toHaveLength(1);
				expectBytes(loaded.updates[0], Uint8Array.of(3, 0, 255));
				expect(loaded.lastUpdateId).toBe(later);
				expect(await store.docs.pendingCount(name)).toBe(1);

				// Compacting again replaces the snapshot.
				const state2 = nastyBytes(700);
				await store.docs.compact(name, state2, later);
				loaded = await store.docs.load(name);
				expectBytes(loaded.snapshot, state2);
				expect(loaded).toMatchObject({ updates: [], lastUpdateId: later });

				// A snapshot says under which structure rules it was judged, when it was (safe-load.ts).
				expect(loaded.snapshotJudgedUnder).toBeUndefined();
				await store.docs.compact(name, state2, later, undefined, 3);
				expect((await store.docs.load(name)).snapshotJudgedUnder).toBe(3);
				await store.docs.compact(name, state2, later);
				expect((await store.docs.load(name)).snapshotJudgedUnder).toBeUndefined();

				// Other documents are untouched.
				const other = await store.docs.load(neighbour);
				expect(other.snapshot).toBeNull();
				expect(other.updates.map((u) => [...u])).toEqual([[42]]);
			});

			it('a stale compaction (older upToId) never replaces a newer snapshot', async () => {
				const name = docName();
				const first = await store.docs.append(name, [Uint8Array.of(1)]);
				const second = await store.docs.append(name, [Uint8Array.of(2)]);
				const newer = Uint8Array.of(9, 9, 2);
				await store.docs.compact(name, newer, second);
				await store.docs.compact(name, Uint8Array.of(9, 9, 1), first);
				const loaded = await store.docs.load(name);
				expectBytes(loaded.snapshot, newer);
				expect(loaded.lastUpdateId).toBe(second);
			});

			it('loadMany answers each name as load does, in the order asked (unknown, log only, snapshot and later updates, a name twice)', async () => {
				const [unknown, logOnly, compacted] = [docName(), docName(), docName()];
				await store.docs.append(logOnly, [Uint8Array.of(1), nastyBytes(300)]);
				await store.docs.append(logOnly, [Uint8Array.of(2)]);
				const upTo = await store.docs.append(compacted, [Uint8Array.of(3)]);
				await store.docs.compact(compacted, nastyBytes(500), upTo, undefined, 7);
				await store.docs.append(compacted, [Uint8Array.of(4), Uint8Array.of(5)]);
				const asked = [compacted, unknown, logOnly, compacted];
				const many = await store.docs.loadMany(asked);
				expect(many).toHaveLength(asked.length);
				for (const [i, name] of asked.entries()) {
					const one = await store.docs.load(name);
					expect(many[i].lastUpdateId).toBe(one.lastUpdateId);
					expect(many[i].snapshotJudgedUnder).toBe(one.snapshotJudgedUnder);
					if (one.snapshot) expectBytes(many[i].snapshot!, one.snapshot);
					else expect(many[i].snapshot).toBeNull();
					expect(many[i].updates).toHaveLength(one.updates.length);
					many[i].updates.forEach((u, j) => expectBytes(u, one.updates[j]));
				}
				expect(many[1]).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
				expect(many[0].snapshotJudgedUnder).toBe(7);
				expect(many[0].updates).toHaveLength(2);
				expect(many[2].updates).toHaveLength(3);
				expect(await store.docs.loadMany([])).toEqual([]);
			});

			it('a compacted Yjs document reloads to the same content', async () => {
				const name = docName();
				const doc = new Y.Doc();
				const updates: Uint8Array[] = [];
				doc.on('update', (u: Uint8Array) => updates.push(u));
				doc.getText('minutes').insert(0, 'före ögonblicksbilden');
				const upTo = await store.docs.append(name, updates.splice(0));
				await store.docs.compact(name, Y.encodeStateAsUpdate(doc), upTo);
				doc.getText('minutes').insert(0, 'efter: ');
				await store.docs.append(name, updates.splice(0));
				const loaded = await store.docs.load(name);
				const replica = new Y.Doc();
				Y.applyUpdate(replica, loaded.snapshot!);
				for (const u of loaded.updates) Y.applyUpdate(replica, u);
				expect(replica.getText('minutes').toString()).toBe('efter: före ögonblicksbilden');
			});
		});

		describe('instanceLease', () => {
			// One lease per database: each test takes it with holders of its own and gives it back.
			const holder = (n: string) => `${tag}-${n}-${newId().slice(0, 6)}`;
			const MINUTE = 60_000;

			it('one holder at a time: a second one is refused and told who holds it and for how long; after a release it is free', async () => {
				const [a, b] = [holder('a'), holder('b')];
				try {
					expect(await store.instanceLease.claim(a, MINUTE)).toMatchObject({ claimed: true, holder: a });
					const refused = await store.instanceLease.claim(b, MINUTE);
					expect(refused).toMatchObject({ claimed: false, holder: a });
					expect(refused.expiresInMs).toBeGreaterThan(0);
					expect(refused.expiresInMs).toBeLessThanOrEqual(MINUTE);
					// The holder may claim again (a restart of the same instance id) and renew; the other may neither.
					expect((await store.instanceLease.claim(a, MINUTE)).claimed).toBe(true);
					expect(await store.instanceLease.renew(a, MINUTE)).toBe(true);
					expect(await store.instanceLease.renew(b, MINUTE)).toBe(false);
					// Releasing someone else's lease does nothing.
					await store.instanceLease.release(b);
					expect((await store.instanceLease.claim(b, MINUTE)).claimed).toBe(false);
					await store.instanceLease.release(a);
					expect(await store.instanceLease.claim(b, MINUTE)).toMatchObject({ claimed: true, holder: b });
				} finally {
					await store.instanceLease.release(a);
					await store.instanceLease.release(b);
				}
			});

			it('a lease that ran out goes to the next claimant, and its old holder can no longer renew it', async () => {
				const [old, next] = [holder('old'), holder('next')];
				try {
					expect((await store.instanceLease.claim(old, 0)).claimed).toBe(true); // expires at once
					expect(await store.instanceLease.claim(next, MINUTE)).toMatchObject({ claimed: true, holder: next });
					expect(await store.instanceLease.renew(old, MINUTE)).toBe(false);
					await store.instanceLease.release(old);
					expect(await store.instanceLease.renew(next, MINUTE)).toBe(true);
				} finally {
					await store.instanceLease.release(old);
					await store.instanceLease.release(next);
				}
			});

			it('of claims at the same moment exactly one wins', async () => {
				const holders = [holder('p'), holder('q'), holder('r'), holder('s')];
				try {
					const results = await Promise.all(holders.map((h) => store.instanceLease.claim(h, MINUTE)));
					const winners = results.filter((r) => r.claimed);
					expect(winners).toHaveLength(1);
					for (const r of results) expect(r.holder).toBe(winners[0].holder);
				} finally {
					for (const h of holders) await store.instanceLease.release(h);
				}
			});
		});

		it('answers a health-check ping', async () => {
			await expect(store.ping()).resolves.toBeUndefined();
		});

		describe('calendarFeeds', () => {
			it('keeps one active feed per person: a new one revokes the earlier, revoking ends it', async () => {
				const u = await user();
				const other = await user();
				const at = new Date('2026-11-20T09:00:00Z');
				await store.calendarFeeds.replace({ tokenHash: `a-${newId()}`, userId: u.id, createdAt: at });
				const first = await store.calendarFeeds.activeForUser(u.id);
				expect(first).toMatchObject({ userId: u.id, revokedAt: null });
				const secondHash = `b-${newId()}`;
				await store.calendarFeeds.replace({ tokenHash: secondHash, userId: u.id, createdAt: new Date(at.getTime() + 1000) });
				expect((await store.calendarFeeds.findByTokenHash(first!.tokenHash))?.revokedAt).toBeInstanceOf(Date);
				expect((await store.calendarFeeds.activeForUser(u.id))?.tokenHash).toBe(secondHash);
				await store.calendarFeeds.replace({ tokenHash: `c-${newId()}`, userId: other.id, createdAt: at });
				await store.calendarFeeds.revokeForUser(u.id, new Date(at.getTime() + 2000));
				expect(await store.calendarFeeds.activeForUser(u.id)).toBeNull();
				expect((await store.calendarFeeds.findByTokenHash(secondHash))?.revokedAt?.toISOString()).toBe('2026-11-20T09:00:02.000Z');
				expect(await store.calendarFeeds.activeForUser(other.id)).not.toBeNull(); // others untouched
				expect(await store.calendarFeeds.findByTokenHash('no-such-hash')).toBeNull();
			});
		});

		membershipAndActionsContract({ store: () => store, agency, user, board });
		authoredHistoryContract({ store: () => store, agency, user, board });
		erasureContract({ store: () => store, agency, user, board });
		venuesContract({ store: () => store, agency, user, board });
		followOnContract({ store: () => store, agency, user, board });
		searchContract({ store: () => store, agency, user, board });
		admissionContract({ store: () => store, agency, user, board });
		guestsContract({ store: () => store, agency, user, board });
		mailContract({ store: () => store, agency, user, board });
		apiTokensContract({ store: () => store, agency, user, board });
		webhooksContract({ store: () => store, agency, user, board });
	});
}
