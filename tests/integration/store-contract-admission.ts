import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { generateSessionToken, liveSession, sessionIdFromToken, SESSION_TTL_MS } from '../../src/lib/server/auth/sessions';
import type { Board, NewMeeting, User } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for sessions.admission (issue 13: connecting thousands of clients): what a
 * websocket upgrade needs, in one round trip, and sessions.expiries, what the open sockets'
 * periodic re-check reads in one query. Called from `storeContract`.
 */
export function admissionContract(ctx: ContractContext) {
	const { user, board } = ctx;
	const DAY = 86_400_000;

	async function session(u: User, expiresAt = new Date(Date.now() + 20 * DAY)): Promise<string> {
		const id = sessionIdFromToken(generateSessionToken());
		await ctx.store().sessions.create({ id, userId: u.id, expiresAt });
		return id;
	}
	async function meeting(b: Board, creator: User): Promise<NewMeeting> {
		const m: NewMeeting = {
			id: newId(),
			boardId: b.id,
			title: 'Ledningsgruppens möte',
			startsAt: new Date('2026-12-01T12:00:00.000Z'),
			place: '',
			accessibilityNotes: '',
			onlineUrl: '',
			createdBy: creator.id,
			createdAt: new Date('2026-11-01T08:00:00.000Z')
		};
		await ctx.store().meetings.create(m);
		return m;
	}

	describe('sessions: admission', () => {
		it('one answer: the session, its user and agency, the board and the member’s role', async () => {
			const store = ctx.store();
			const owner = await user();
			const member = await user();
			const b = await board(owner);
			await store.boards.addMember(b.id, member.id, 'contributor');
			const id = await session(member);
			const found = await store.sessions.admission(id, { boardId: b.id });
			expect(found).toEqual({
				session: (await store.sessions.get(id))!.session,
				user: await store.users.get(member.id),
				agency: await store.agencies.get(member.agencyId),
				place: { boardId: b.id, meeting: null },
				role: 'contributor'
			});
			expect((await store.sessions.admission(await session(owner), { boardId: b.id }))?.role).toBe('owner');
		});

		it('a meeting’s document: the meeting’s board, status and adjustment, and the role on that board', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(owner);
			expect(await store.sessions.admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id, meeting: { id: m.id, status: 'planned', adjustment: null } }, role: 'owner' });
			const adjustment = { chairId: owner.id, secretaryId: owner.id, appointment: null, approvals: [], objections: [] };
			const event = { kind: 'moved', actorId: owner.id, at: new Date(), detail: {} };
			expect(await store.meetings.change(m.id, { revision: 0, status: 'in_adjustment', adjustment, bumpSequence: false, event })).toBe(1);
			expect(await store.sessions.admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id, meeting: { id: m.id, status: 'in_adjustment', adjustment } }, role: 'owner' });
		});

		it('a non-member: found, with no role; another board’s member: no role on this one', async () => {
			const store = ctx.store();
			const owner = await user();
			const stranger = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(stranger);
			expect(await store.sessions.admission(id, { boardId: b.id })).toMatchObject({ user: { id: stranger.id }, place: { boardId: b.id, meeting: null }, role: null });
			expect(await store.sessions.admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id }, role: null });
			// Owner of a board of their own: nothing on the other board (the wrong board).
			const theirs = await board(stranger);
			expect(await store.sessions.admission(id, { boardId: theirs.id })).toMatchObject({ role: 'owner' });
			expect(await store.sessions.admission(id, { boardId: b.id })).toMatchObject({ role: null });
			// Removed: no role any more.
			await store.boards.addMember(b.id, stranger.id, 'editor');
			expect(await store.sessions.admission(id, { meetingId: m.id })).toMatchObject({ role: 'editor' });
			await store.boards.removeMember(b.id, stranger.id, new Date());
			expect(await store.sessions.admission(id, { meetingId: m.id })).toMatchObject({ role: null });
		});

		it('no such board or meeting: the session, with no place; a meeting id is not a board id', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(owner);
			expect(await store.sessions.admission(id, { boardId: newId() })).toMatchObject({ user: { id: owner.id }, place: null, role: null });
			expect(await store.sessions.admission(id, { meetingId: newId() })).toMatchObject({ place: null, role: null });
			expect(await store.sessions.admission(id, { boardId: m.id })).toMatchObject({ place: null });
			expect(await store.sessions.admission(id, { meetingId: b.id })).toMatchObject({ place: null });
		});

		it('a signed-out (deleted) or unknown session: null', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const id = await session(owner);
			await store.sessions.delete(id);
			expect(await store.sessions.admission(id, { boardId: b.id })).toBeNull();
			expect(await store.sessions.admission(sessionIdFromToken(generateSessionToken()), { boardId: b.id })).toBeNull();
			const other = await session(owner);
			await store.sessions.deleteForUser(owner.id);
			expect(await store.sessions.admission(other, { boardId: b.id })).toBeNull();
		});

		it('an expired session is returned as stored; reading it as live deletes it, one near its end is renewed', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const now = new Date();
			const expired = await session(owner, new Date(now.getTime() - 1000));
			const found = await store.sessions.admission(expired, { boardId: b.id });
			expect(found?.session.expiresAt).toEqual(new Date(now.getTime() - 1000));
			expect(await liveSession(store, found, now)).toEqual({ session: null, user: null });
			expect(await store.sessions.admission(expired, { boardId: b.id })).toBeNull();
			// In its last 15 days: pushed out to 30 days from now, in the store too.
			const ending = await session(owner, new Date(now.getTime() + 2 * DAY));
			const live = await liveSession(store, await store.sessions.admission(ending, { boardId: b.id }), now);
			expect(live.session?.expiresAt).toEqual(new Date(now.getTime() + SESSION_TTL_MS));
			expect((await store.sessions.admission(ending, { boardId: b.id }))?.session.expiresAt).toEqual(new Date(now.getTime() + SESSION_TTL_MS));
		});
	});

	describe('sessions: expiries', () => {
		it('when each of many sessions ends, in one answer; a session that is gone is absent', async () => {
			const store = ctx.store();
			const a = await user();
			const b = await user();
			const at = (days: number) => new Date(Date.UTC(2027, 0, 1) + days * DAY + 123);
			const ids = [await session(a, at(1)), await session(a, at(2)), await session(b, at(3))];
			const gone = await session(b, at(4));
			await store.sessions.delete(gone);
			const unknown = sessionIdFromToken(generateSessionToken());
			expect(await store.sessions.expiries([...ids, gone, unknown])).toEqual(new Map([[ids[0], at(1)], [ids[1], at(2)], [ids[2], at(3)]]));
			expect(await store.sessions.expiries([])).toEqual(new Map());
		});
	});
}
