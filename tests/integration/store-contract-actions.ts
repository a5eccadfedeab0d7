import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { Agency, Board, ProjectedAction, RegisterAction, Store, User } from '../../src/lib/server/store/types';

/**
 * The store contract for membership changes, the action projection and the register query.
 * Called from `storeContract` with its store and factories, so it runs on every backend.
 */
export interface ContractContext {
	store(): Store;
	agency(overrides?: Partial<Agency>): Promise<Agency>;
	user(overrides?: Partial<User>): Promise<User>;
	board(owner: User, overrides?: Partial<Board>): Promise<Board>;
}

export function projectedAction(overrides: Partial<ProjectedAction> = {}): ProjectedAction {
	return {
		id: newId(),
		title: 'Ta fram en gemensam rutin för samordnad individuell plan',
		description: 'Socialtjänsten och vården',
		agencyId: 'agency-x',
		raisedByAgencyId: 'agency-y',
		assigneeId: null,
		dueDate: '2026-12-15',
		status: 'open',
		meetingId: null,
		itemId: null,
		createdBy: 'someone',
		createdAt: new Date('2026-11-02T09:15:00.250Z'),
		statusChangedBy: 'someone',
		statusChangedAt: new Date('2026-11-02T09:15:00.250Z'),
		outcome: '',
		...overrides
	};
}

export function membershipAndActionsContract(ctx: ContractContext) {
	const { agency, user, board } = ctx;

	describe('boards: setRole and removeMember', () => {
		it('setRole changes a member’s role, also to owner; non-members and unknown boards are refused', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await user();
			await store.boards.addMember(b.id, m.id, 'editor');
			expect(await store.boards.setRole(b.id, m.id, 'viewer')).toBe('changed');
			expect(await store.boards.role(b.id, m.id)).toBe('viewer');
			expect(await store.boards.setRole(b.id, m.id, 'owner')).toBe('changed');
			expect(await store.boards.role(b.id, m.id)).toBe('owner');
			const outsider = await user();
			expect(await store.boards.setRole(b.id, outsider.id, 'editor')).toBe('not-member');
			expect(await store.boards.role(b.id, outsider.id)).toBeNull();
			expect(await store.boards.setRole('nope', m.id, 'editor')).toBe('not-member');
		});

		it('never takes the role of the only owner; with two owners one may step down', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			expect(await store.boards.setRole(b.id, owner.id, 'editor')).toBe('last-owner');
			expect(await store.boards.role(b.id, owner.id)).toBe('owner');
			expect(await store.boards.setRole(b.id, owner.id, 'owner')).toBe('changed'); // staying owner is fine
			const second = await user();
			await store.boards.addMember(b.id, second.id, 'owner');
			expect(await store.boards.setRole(b.id, owner.id, 'contributor')).toBe('changed');
			expect(await store.boards.role(b.id, owner.id)).toBe('contributor');
			expect(await store.boards.setRole(b.id, second.id, 'viewer')).toBe('last-owner');
		});

		it('removeMember removes one membership; never the only owner', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const other = await board(owner);
			const m = await user();
			await store.boards.addMember(b.id, m.id, 'contributor');
			await store.boards.addMember(other.id, m.id, 'viewer');
			expect(await store.boards.removeMember(b.id, m.id, new Date())).toBe('changed');
			expect(await store.boards.role(b.id, m.id)).toBeNull();
			expect(await store.boards.role(other.id, m.id)).toBe('viewer');
			expect(await store.boards.removeMember(b.id, m.id, new Date())).toBe('not-member');
			expect(await store.boards.removeMember(b.id, owner.id, new Date())).toBe('last-owner');
			expect(await store.boards.role(b.id, owner.id)).toBe('owner');
			expect((await store.boards.members(b.id)).map((x) => x.user.id)).toEqual([owner.id]);
		});

		it('two owners demoting each other at once leave exactly one owner', async () => {
			const store = ctx.store();
			const a = await user();
			const b = await board(a);
			const c = await user();
			await store.boards.addMember(b.id, c.id, 'owner');
			const outcomes = await Promise.all([store.boards.setRole(b.id, a.id, 'editor'), store.boards.removeMember(b.id, c.id, new Date())]);
			expect([...outcomes].sort()).toEqual(['changed', 'last-owner']);
			const owners = (await store.boards.members(b.id)).filter((x) => x.role === 'owner');
			expect(owners).toHaveLength(1);
		});
	});

	describe('projections', () => {
		it('replaceBoardActions replaces the board’s rows and records how far they go', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const neighbour = await board(owner);
			const name = `board:${b.id}`;
			expect(await store.projections.projectedUpToId(name)).toBeNull();
			const [x, y, z] = [projectedAction({ title: 'x' }), projectedAction({ title: 'y' }), projectedAction({ title: 'z' })];
			expect(await store.projections.replaceBoardActions(neighbour.id, `board:${neighbour.id}`, [z], 3)).toBe(true);
			expect(await store.projections.replaceBoardActions(b.id, name, [x, y], 10)).toBe(true);
			expect(await store.projections.projectedUpToId(name)).toBe(10);
			const titles = async () => (await store.actions.listForUser(owner.id, { today: '2026-01-01' })).map((a) => a.title).sort();
			expect(await titles()).toEqual(['x', 'y', 'z']);
			// y removed, x changed: the board's rows are replaced, the neighbour's kept.
			expect(await store.projections.replaceBoardActions(b.id, name, [{ ...x, title: 'x2' }], 12)).toBe(true);
			expect(await titles()).toEqual(['x2', 'z']);
			expect(await store.projections.projectedUpToId(name)).toBe(12);
			// What came of a done action is projected too (issue 12), so the register shows it.
			expect(await store.projections.replaceBoardActions(b.id, name, [{ ...x, title: 'x2', status: 'done', outcome: 'Öppet två kvällar i veckan' }], 12)).toBe(true);
			expect((await store.actions.listForUser(owner.id, { today: '2026-01-01' })).find((a) => a.id === x.id)?.outcome).toBe('Öppet två kvällar i veckan');
			expect((await store.actions.listForUser(owner.id, { today: '2026-01-01' })).find((a) => a.id === z.id)?.outcome).toBe('');
			// An empty board projects to no rows.
			expect(await store.projections.replaceBoardActions(b.id, name, [], 13)).toBe(true);
			expect(await titles()).toEqual(['z']);
		});

		it('an older projection never replaces a newer one; the same id is refreshed', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const name = `board:${b.id}`;
			await store.projections.replaceBoardActions(b.id, name, [projectedAction({ title: 'ny' })], 20);
			expect(await store.projections.replaceBoardActions(b.id, name, [projectedAction({ title: 'gammal' })], 19)).toBe(false);
			expect((await store.actions.listForUser(owner.id, { today: '2026-01-01' })).filter((a) => a.boardId === b.id).map((a) => a.title)).toEqual(['ny']);
			expect(await store.projections.projectedUpToId(name)).toBe(20);
			expect(await store.projections.replaceBoardActions(b.id, name, [projectedAction({ title: 'samma läge' })], 20)).toBe(true);
		});

		it('refuses an unknown board and changes nothing', async () => {
			const store = ctx.store();
			const name = `board:${newId()}`;
			expect(await store.projections.replaceBoardActions(name.slice(6), name, [projectedAction()], 5)).toBe(false);
			expect(await store.projections.projectedUpToId(name)).toBeNull();
		});

		it('round-trips every field, including odd text and no dates', async () => {
			const store = ctx.store();
			const mine = await agency({ color: '#2e6b30' });
			const raiser = await agency();
			const owner = await user({ agencyId: mine.id, displayName: 'Åsa Öberg' });
			const b = await board(owner, { name: `Ledningsgrupp ${newId()}` });
			const full = projectedAction({
				title: 'Följ upp "boendestöd" § 4 – \'citat\' 🎉',
				description: 'Rad ett\nrad två',
				agencyId: mine.id,
				raisedByAgencyId: raiser.id,
				assigneeId: owner.id,
				dueDate: '2027-02-28',
				status: 'waiting',
				meetingId: 'meeting1',
				itemId: 'item1',
				createdBy: owner.id,
				createdAt: new Date('2026-11-20T10:11:12.345Z'),
				statusChangedBy: owner.id,
				statusChangedAt: new Date('2026-11-21T08:00:00.001Z')
			});
			const bare = projectedAction({ dueDate: null, statusChangedAt: null, statusChangedBy: null, assigneeId: null, agencyId: 'gone' });
			await store.projections.replaceBoardActions(b.id, `board:${b.id}`, [full, bare], 1);
			const rows = (await store.actions.listForUser(owner.id, { today: '2026-01-01' })).filter((a) => a.boardId === b.id);
			expect(rows).toEqual([
				{
					...full,
					boardId: b.id,
					boardName: b.name,
					agencyName: mine.name,
					agencyColor: '#2e6b30',
					raisedByAgencyName: raiser.name,
					assigneeName: 'Åsa Öberg'
				} satisfies RegisterAction,
				{ ...bare, boardId: b.id, boardName: b.name, agencyName: null, agencyColor: null, raisedByAgencyName: null, assigneeName: null }
			]);
		});

		it('stores many actions at once', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const many = Array.from({ length: 1203 }, (_, i) => projectedAction({ title: `åtgärd ${i}` }));
			expect(await store.projections.replaceBoardActions(b.id, `board:${b.id}`, many, 2)).toBe(true);
			expect((await store.actions.listForUser(owner.id, { today: '2026-01-01' })).filter((a) => a.boardId === b.id)).toHaveLength(1203);
		});

		it('the same action id on two boards does not collide', async () => {
			const store = ctx.store();
			const owner = await user();
			const [b1, b2] = [await board(owner), await board(owner)];
			const id = newId();
			expect(await store.projections.replaceBoardActions(b1.id, `board:${b1.id}`, [projectedAction({ id, title: 'ett' })], 1)).toBe(true);
			expect(await store.projections.replaceBoardActions(b2.id, `board:${b2.id}`, [projectedAction({ id, title: 'två' })], 2)).toBe(true);
			const rows = (await store.actions.listForUser(owner.id, { today: '2026-01-01' })).filter((a) => a.id === id);
			expect(rows.map((r) => r.title).sort()).toEqual(['ett', 'två']);
		});

		it('listStale lists board documents of existing boards stored beyond their projection', async () => {
			const store = ctx.store();
			const owner = await user();
			const [fresh, snapped, current, noDoc] = [await board(owner), await board(owner), await board(owner), await board(owner)];
			const name = (b: Board) => `board:${b.id}`;
			const freshId = await store.docs.append(name(fresh), [Uint8Array.of(1)]);
			const snapId = await store.docs.append(name(snapped), [Uint8Array.of(2)]);
			await store.docs.compact(name(snapped), Uint8Array.of(9), snapId);
			const currentId = await store.docs.append(name(current), [Uint8Array.of(3)]);
			await store.projections.replaceBoardActions(current.id, name(current), [], currentId);
			const orphan = `board:${newId()}`; // a board that does not exist (any more)
			await store.docs.append(orphan, [Uint8Array.of(4)]);
			await store.docs.append(`meeting:${newId()}`, [Uint8Array.of(5)]);

			const ours = new Set([fresh, snapped, current, noDoc].map(name).concat(orphan));
			const stale = async () => (await store.projections.listStale()).filter((s) => ours.has(s.docName)).sort((a, b) => a.docName.localeCompare(b.docName));
			expect(await stale()).toEqual(
				[
					{ docName: name(fresh), boardId: fresh.id, lastUpdateId: freshId },
					{ docName: name(snapped), boardId: snapped.id, lastUpdateId: snapId }
				].sort((a, b) => a.docName.localeCompare(b.docName))
			);
			// Projected: no longer stale. A later update: stale again.
			await store.projections.replaceBoardActions(fresh.id, name(fresh), [], freshId);
			await store.projections.replaceBoardActions(snapped.id, name(snapped), [], snapId);
			expect(await stale()).toEqual([]);
			const later = await store.docs.append(name(current), [Uint8Array.of(6)]);
			expect(await stale()).toEqual([{ docName: name(current), boardId: current.id, lastUpdateId: later }]);
		});
	});

	describe('actions.listForUser', () => {
		async function scene() {
			const store = ctx.store();
			const mine = await agency({ name: `Socialtjänsten ${newId()}`, color: '#1f5f8b' });
			const other = await agency({ name: `Arbetsförmedlingen ${newId()}` });
			const third = await agency({ name: `Bostadsbolaget ${newId()}` });
			const me = await user({ agencyId: mine.id, displayName: 'Maja' });
			const colleague = await user({ agencyId: other.id, displayName: 'Kalle' });
			const x = await board(colleague, { name: `X ${newId()}` });
			const y = await board(colleague, { name: `Y ${newId()}` });
			const z = await board(colleague, { name: `Z ${newId()}` });
			await store.boards.addMember(x.id, me.id, 'editor');
			await store.boards.addMember(y.id, me.id, 'contributor');
			const a1 = projectedAction({ title: 'a1', agencyId: mine.id, raisedByAgencyId: other.id, assigneeId: me.id, dueDate: '2026-01-10', status: 'open' });
			const a2 = projectedAction({ title: 'a2', agencyId: other.id, raisedByAgencyId: mine.id, assigneeId: colleague.id, dueDate: '2026-03-01', status: 'in_progress' });
			const a3 = projectedAction({ title: 'a3', agencyId: third.id, raisedByAgencyId: mine.id, dueDate: '2026-01-05', status: 'done' });
			const a4 = projectedAction({ title: 'a4', agencyId: mine.id, raisedByAgencyId: mine.id, dueDate: null, status: 'waiting' });
			const a5 = projectedAction({ title: 'a5', agencyId: mine.id, raisedByAgencyId: other.id, assigneeId: me.id, dueDate: '2026-01-01' });
			await store.projections.replaceBoardActions(x.id, `board:${x.id}`, [a2, a1], 1);
			await store.projections.replaceBoardActions(y.id, `board:${y.id}`, [a4, a3], 1);
			await store.projections.replaceBoardActions(z.id, `board:${z.id}`, [a5], 1); // not my board
			const list = async (filter: Partial<Parameters<Store['actions']['listForUser']>[1]> = {}) =>
				(await store.actions.listForUser(me.id, { today: '2026-02-01', ...filter })).map((a) => a.title);
			return { store, me, colleague, x, list };
		}

		it('lists the actions of my boards only, soonest due first, no due date last', async () => {
			const { list, colleague } = await scene();
			expect(await list()).toEqual(['a3', 'a1', 'a2', 'a4']);
			expect((await ctx.store().actions.listForUser(colleague.id, { today: '2026-02-01' })).map((a) => a.title)).toEqual(['a5', 'a3', 'a1', 'a2', 'a4']);
		});

		it('filters: mine, my agency, owed to my agency, overdue, status, and combinations', async () => {
			const { list } = await scene();
			expect(await list({ mine: true })).toEqual(['a1']);
			expect(await list({ myAgency: true })).toEqual(['a1', 'a4']);
			expect(await list({ owedToMyAgency: true })).toEqual(['a3', 'a2']);
			expect(await list({ overdue: true })).toEqual(['a1']); // a3 is done, a2 not yet due
			expect(await list({ overdue: true, today: '2026-03-02' })).toEqual(['a1', 'a2']);
			expect(await list({ status: 'done' })).toEqual(['a3']);
			expect(await list({ status: 'waiting', myAgency: true })).toEqual(['a4']);
			expect(await list({ owedToMyAgency: true, overdue: true })).toEqual([]);
			expect(await list({ mine: false, myAgency: false })).toEqual(['a3', 'a1', 'a2', 'a4']);
		});

		it('comes with board, agency and assignee names', async () => {
			const { store, me, x } = await scene();
			const [a1] = (await store.actions.listForUser(me.id, { today: '2026-02-01', mine: true })) as RegisterAction[];
			expect(a1).toMatchObject({ boardId: x.id, boardName: x.name, assigneeId: me.id, assigneeName: 'Maja', dueDate: '2026-01-10', agencyColor: '#1f5f8b' });
			expect(a1.agencyName).toMatch(/^Socialtjänsten/);
			expect(a1.raisedByAgencyName).toMatch(/^Arbetsförmedlingen/);
		});

		it('a removed member no longer sees the board’s actions', async () => {
			const { store, me, x, list } = await scene();
			await store.boards.removeMember(x.id, me.id, new Date());
			expect(await list()).toEqual(['a3', 'a4']);
		});

		it('refuses a malformed today', async () => {
			const { store, me } = await scene();
			await expect(store.actions.listForUser(me.id, { today: '1 feb', overdue: true })).rejects.toThrow();
		});
	});
}
