import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { generateSessionToken, sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import { hashToken } from '../../src/lib/server/auth/tokens';
import type { Board, NewMeeting, NewMeetingGuest, User } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for guests of one meeting (issue 14, point 1): the guest's user row and link
 * made together, found by the link's hash and by the user, revoked with their sessions, and their
 * role in the websocket's admission on that meeting's documents only; and one-time sign-in links,
 * used once and only in time. Called from `storeContract`.
 */
export function guestsContract(ctx: ContractContext) {
	const { user, board, agency } = ctx;
	const DAY = 86_400_000;

	async function meeting(b: Board, creator: User): Promise<NewMeeting> {
		const m: NewMeeting = {
			id: newId(),
			boardId: b.id,
			title: 'Familjeråd',
			startsAt: new Date('2026-12-10T08:30:00.000Z'),
			place: '',
			accessibilityNotes: '',
			onlineUrl: '',
			createdBy: creator.id,
			createdAt: new Date('2026-11-01T08:00:00.000Z')
		};
		await ctx.store().meetings.create(m);
		return m;
	}
	async function guest(meetingId: string, creator: User, overrides: Partial<NewMeetingGuest> = {}): Promise<NewMeetingGuest> {
		const g: NewMeetingGuest = {
			id: newId(),
			meetingId,
			userId: newId(),
			displayName: 'Hanna Hyresgäst',
			agencyId: (await agency({ name: `Privatperson ${newId()}`, kind: 'other' })).id,
			role: 'contributor',
			createdBy: creator.id,
			createdAt: new Date('2026-12-01T10:00:00.000Z'),
			expiresAt: new Date(Date.now() + 7 * DAY),
			tokenHash: hashToken(generateSessionToken()),
			...overrides
		};
		await ctx.store().guests.create(g);
		return g;
	}
	async function session(userId: string): Promise<string> {
		const id = sessionIdFromToken(generateSessionToken());
		await ctx.store().sessions.create({ id, userId, expiresAt: new Date(Date.now() + 20 * DAY) });
		return id;
	}

	describe('guests of one meeting', () => {
		it('creates the guest’s user and link together; finds them by the link’s hash and by the user', async () => {
			const store = ctx.store();
			const owner = await user();
			const m = await meeting(await board(owner), owner);
			const g = await guest(m.id, owner);
			const found = await store.guests.findByTokenHash(g.tokenHash);
			expect(found).toMatchObject({ id: g.id, meetingId: m.id, userId: g.userId, displayName: 'Hanna Hyresgäst', role: 'contributor', createdBy: owner.id, revokedAt: null, firstOpenedAt: null });
			expect(found?.expiresAt.getTime()).toBe(g.expiresAt.getTime());
			expect(found?.agencyName).toMatch(/^Privatperson /);
			expect(await store.guests.forUser(g.userId)).toEqual(found);
			expect(await store.guests.findByTokenHash(hashToken(generateSessionToken()))).toBeNull();
			// The user row is a guest's: marked as one, with no address anyone can sign in with.
			const u = await store.users.get(g.userId);
			// Guests start in easy mode (issue 14).
			expect(u).toMatchObject({ id: g.userId, displayName: 'Hanna Hyresgäst', guest: true, easyMode: true });
			expect(u?.email).not.toContain('@');
			expect((await store.users.get(owner.id))?.guest).toBeUndefined();
		});

		it('easy mode is a person’s setting, off until they turn it on', async () => {
			const store = ctx.store();
			const member = await user();
			expect((await store.users.get(member.id))?.easyMode).toBeUndefined();
			await store.users.setEasyMode(member.id, true);
			expect((await store.users.get(member.id))?.easyMode).toBe(true);
			const sid = await session(member.id);
			expect((await store.sessions.get(sid))?.user.easyMode).toBe(true);
			await store.users.setEasyMode(member.id, false);
			expect((await store.users.get(member.id))?.easyMode).toBeUndefined();
		});

		it('lists a meeting’s guests newest first, and only that meeting’s', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const other = await meeting(b, owner);
			const first = await guest(m.id, owner, { displayName: 'Först', createdAt: new Date('2026-12-01T10:00:00Z') });
			const second = await guest(m.id, owner, { displayName: 'Sedan', createdAt: new Date('2026-12-02T10:00:00Z') });
			await guest(other.id, owner);
			expect((await store.guests.listForMeeting(m.id)).map((g) => g.id)).toEqual([second.id, first.id]);
		});

		it('remembers the first time the link was opened, once', async () => {
			const store = ctx.store();
			const owner = await user();
			const g = await guest((await meeting(await board(owner), owner)).id, owner);
			await store.guests.markOpened(g.id, new Date('2026-12-10T08:00:00Z'));
			await store.guests.markOpened(g.id, new Date('2026-12-10T09:00:00Z'));
			expect((await store.guests.forUser(g.userId))?.firstOpenedAt?.toISOString()).toBe('2026-12-10T08:00:00.000Z');
		});

		it('revoking ends the link and every session of the guest, once', async () => {
			const store = ctx.store();
			const owner = await user();
			const g = await guest((await meeting(await board(owner), owner)).id, owner);
			const sid = await session(g.userId);
			const ownerSid = await session(owner.id);
			expect(await store.guests.revoke(g.id, new Date('2026-12-05T12:00:00Z'))).toBe(true);
			expect((await store.guests.forUser(g.userId))?.revokedAt?.toISOString()).toBe('2026-12-05T12:00:00.000Z');
			expect(await store.sessions.get(sid)).toBeNull();
			expect(await store.sessions.get(ownerSid)).not.toBeNull();
			expect(await store.guests.revoke(g.id, new Date())).toBe(false);
			expect(await store.guests.revoke('no-such-guest', new Date())).toBe(false);
		});

		it('admission: the guest’s role on their meeting’s documents only, while the link holds', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const other = await meeting(b, owner);
			const viewer = await guest(m.id, owner, { role: 'viewer' });
			const expired = await guest(m.id, owner, { expiresAt: new Date(Date.now() - 1000) });
			const revoked = await guest(m.id, owner);
			await store.guests.revoke(revoked.id, new Date());
			const [onMeeting, onOther, onBoard, expiredOn, revokedOn] = await store.sessions.admissions([
				{ id: await session(viewer.userId), place: { meetingId: m.id } },
				{ id: await session(viewer.userId), place: { meetingId: other.id } },
				{ id: await session(viewer.userId), place: { boardId: b.id } },
				{ id: await session(expired.userId), place: { meetingId: m.id } },
				{ id: await session(revoked.userId), place: { meetingId: m.id } }
			]);
			expect(onMeeting?.role).toBe('viewer');
			expect(onMeeting?.place?.meeting?.id).toBe(m.id);
			expect(onOther?.role).toBeNull();
			expect(onBoard?.role).toBeNull();
			expect(expiredOn?.role).toBeNull();
			// Revoked: the sessions made before revoking were deleted; this one, made after, finds no role.
			expect(revokedOn?.role).toBeNull();
		});

		it('a guest’s user goes with their board when it is purged', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const g = await guest((await meeting(b, owner)).id, owner);
			const sid = await session(g.userId);
			expect(await store.boardDeletion.request(b.id, owner.id, new Date(Date.now() - 60_000))).toBe(true);
			expect(await store.boardDeletion.purge(b.id, new Date())).not.toBeNull();
			expect(await store.users.get(g.userId)).toBeNull();
			expect(await store.sessions.get(sid)).toBeNull();
			expect(await store.users.get(owner.id)).not.toBeNull();
		});
	});

	describe('one-time sign-in links', () => {
		it('a link is used once, before it expires, and goes with its person', async () => {
			const store = ctx.store();
			const member = await user();
			const at = new Date('2026-12-02T10:00:00Z');
			const hash = hashToken(generateSessionToken());
			await store.signInLinks.create({ tokenHash: hash, userId: member.id, createdAt: at, expiresAt: new Date(at.getTime() + 15 * 60_000) });
			expect(await store.signInLinks.use(hash, new Date(at.getTime() + 60_000))).toBe(member.id);
			expect(await store.signInLinks.use(hash, new Date(at.getTime() + 120_000))).toBeNull();
			const late = hashToken(generateSessionToken());
			await store.signInLinks.create({ tokenHash: late, userId: member.id, createdAt: at, expiresAt: new Date(at.getTime() + 15 * 60_000) });
			expect(await store.signInLinks.use(late, new Date(at.getTime() + 15 * 60_000))).toBeNull();
			expect(await store.signInLinks.use(hashToken(generateSessionToken()), at)).toBeNull();
			expect(await store.signInLinks.prune(new Date(at.getTime() + 16 * 60_000))).toBeGreaterThanOrEqual(2);
			expect(await store.signInLinks.use(late, at)).toBeNull();
		});

		it('two uses at once: only one signs in', async () => {
			const store = ctx.store();
			const member = await user();
			const at = new Date();
			const hash = hashToken(generateSessionToken());
			await store.signInLinks.create({ tokenHash: hash, userId: member.id, createdAt: at, expiresAt: new Date(at.getTime() + 15 * 60_000) });
			const both = await Promise.all([store.signInLinks.use(hash, at), store.signInLinks.use(hash, at)]);
			expect(both.filter((id) => id === member.id)).toHaveLength(1);
		});
	});
}
