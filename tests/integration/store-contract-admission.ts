import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { generateSessionToken, liveSession, sessionIdFromToken, SESSION_TTL_MS } from '../../src/lib/server/auth/sessions';
import type { Board, DocPlace, NewMeeting, User } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for sessions.admissions (issue 13: connecting thousands of clients): what a
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
	/** One upgrade's question. */
	const admission = async (id: string, place: DocPlace) => {
		const answers = await ctx.store().sessions.admissions([{ id, place }]);
		expect(answers).toHaveLength(1);
		return answers[0];
	};
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

	describe('sessions: admissions', () => {
		it('one answer: the session, its user and agency, the board and the member’s role', async () => {
			const store = ctx.store();
			const owner = await user();
			const member = await user();
			const b = await board(owner);
			await store.boards.addMember(b.id, member.id, 'contributor');
			const id = await session(member);
			const found = await admission(id, { boardId: b.id });
			expect(found).toEqual({
				session: (await store.sessions.get(id))!.session,
				user: await store.users.get(member.id),
				agency: await store.agencies.get(member.agencyId),
				place: { boardId: b.id, meeting: null },
				role: 'contributor'
			});
			expect((await admission(await session(owner), { boardId: b.id }))?.role).toBe('owner');
		});

		it('a meeting’s document: the meeting’s board, status and adjustment, and the role on that board', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(owner);
			expect(await admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id, meeting: { id: m.id, status: 'planned', adjustment: null } }, role: 'owner' });
			const adjustment = { chairId: owner.id, secretaryId: owner.id, appointment: null, approvals: [], objections: [] };
			const event = { kind: 'moved', actorId: owner.id, at: new Date(), detail: {} };
			expect(await store.meetings.change(m.id, { revision: 0, status: 'in_adjustment', adjustment, bumpSequence: false, event })).toBe(1);
			expect(await admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id, meeting: { id: m.id, status: 'in_adjustment', adjustment } }, role: 'owner' });
		});

		it('a non-member: found, with no role; another board’s member: no role on this one', async () => {
			const store = ctx.store();
			const owner = await user();
			const stranger = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(stranger);
			expect(await admission(id, { boardId: b.id })).toMatchObject({ user: { id: stranger.id }, place: { boardId: b.id, meeting: null }, role: null });
			expect(await admission(id, { meetingId: m.id })).toMatchObject({ place: { boardId: b.id }, role: null });
			// Owner of a board of their own: nothing on the other board (the wrong board).
			const theirs = await board(stranger);
			expect(await admission(id, { boardId: theirs.id })).toMatchObject({ role: 'owner' });
			expect(await admission(id, { boardId: b.id })).toMatchObject({ role: null });
			// Removed: no role any more.
			await store.boards.addMember(b.id, stranger.id, 'editor');
			expect(await admission(id, { meetingId: m.id })).toMatchObject({ role: 'editor' });
			await store.boards.removeMember(b.id, stranger.id, new Date());
			expect(await admission(id, { meetingId: m.id })).toMatchObject({ role: null });
		});

		it('no such board or meeting: the session, with no place; a meeting id is not a board id', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meeting(b, owner);
			const id = await session(owner);
			expect(await admission(id, { boardId: newId() })).toMatchObject({ user: { id: owner.id }, place: null, role: null });
			expect(await admission(id, { meetingId: newId() })).toMatchObject({ place: null, role: null });
			expect(await admission(id, { boardId: m.id })).toMatchObject({ place: null });
			expect(await admission(id, { meetingId: b.id })).toMatchObject({ place: null });
		});

		it('a signed-out (deleted) or unknown session: null', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const id = await session(owner);
			await store.sessions.delete(id);
			expect(await admission(id, { boardId: b.id })).toBeNull();
			expect(await admission(sessionIdFromToken(generateSessionToken()), { boardId: b.id })).toBeNull();
			const other = await session(owner);
			await store.sessions.deleteForUser(owner.id);
			expect(await admission(other, { boardId: b.id })).toBeNull();
		});

		it('an expired session is returned as stored; reading it as live deletes it, one near its end is renewed', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const now = new Date();
			const expired = await session(owner, new Date(now.getTime() - 1000));
			const found = await admission(expired, { boardId: b.id });
			expect(found?.session.expiresAt).toEqual(new Date(now.getTime() - 1000));
			expect(await liveSession(store, found, now)).toEqual({ session: null, user: null });
			expect(await admission(expired, { boardId: b.id })).toBeNull();
			// In its last 15 days: pushed out to 30 days from now, in the store too.
			const ending = await session(owner, new Date(now.getTime() + 2 * DAY));
			const live = await liveSession(store, await admission(ending, { boardId: b.id }), now);
			expect(live.session?.expiresAt).toEqual(new Date(now.getTime() + SESSION_TTL_MS));
			expect((await admission(ending, { boardId: b.id }))?.session.expiresAt).toEqual(new Date(now.getTime() + SESSION_TTL_MS));
		});
	});

	describe('sessions: admissions, many at once', () => {
		it('answers in the order asked, the same question twice alike, null for the unknown; none asked, none answered', async () => {
			const store = ctx.store();
			const owner = await user();
			const viewer = await user();
			const b = await board(owner);
			await store.boards.addMember(b.id, viewer.id, 'viewer');
			const m = await meeting(b, owner);
			const mine = await session(owner);
			const theirs = await session(viewer);
			const unknown = sessionIdFromToken(generateSessionToken());
			const answers = await store.sessions.admissions([
				{ id: theirs, place: { meetingId: m.id } },
				{ id: unknown, place: { boardId: b.id } },
				{ id: mine, place: { boardId: b.id } },
				{ id: theirs, place: { meetingId: m.id } },
				{ id: mine, place: { meetingId: newId() } }
			]);
			expect(answers).toHaveLength(5);
			expect(answers[0]).toMatchObject({ user: { id: viewer.id }, place: { boardId: b.id, meeting: { id: m.id } }, role: 'viewer' });
			expect(answers[1]).toBeNull();
			expect(answers[2]).toMatchObject({ user: { id: owner.id }, place: { boardId: b.id, meeting: null }, role: 'owner' });
			expect(answers[3]).toEqual(answers[0]);
			expect(answers[4]).toMatchObject({ user: { id: owner.id }, place: null, role: null });
			expect(await store.sessions.admissions([])).toEqual([]);
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
