import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { createAction, listActions, setActionStatus, type Action } from '../../src/lib/domain/board-doc';
import { createLogger } from '../../src/lib/server/logger';
import type { ProjectedAction, Store, StoredDoc } from '../../src/lib/server/store/types';
import { createActionProjection, toProjectedActions } from './action-projection';

const T0 = new Date('2026-11-02T09:00:00.000Z');
const T1 = new Date('2026-11-03T10:30:00.000Z');

function action(overrides: Partial<Action> = {}): Action {
	return {
		id: 'a1',
		title: 'Samordnad plan',
		description: '',
		agencyId: 'soc',
		raisedByAgencyId: 'af',
		assigneeId: null,
		dueDate: '2026-12-01',
		status: 'open',
		meetingId: null,
		itemId: null,
		createdBy: 'u1',
		createdAt: T0.toISOString(),
		history: [{ status: 'open', by: 'u1', at: T0.toISOString() }],
		...overrides
	};
}

describe('toProjectedActions', () => {
	it('maps an action from the document, status change from the last history entry', () => {
		const doc = new Y.Doc();
		const id = createAction(doc, { title: ' Rutin ', agencyId: 'soc', raisedByAgencyId: 'af', createdBy: 'u1', assigneeId: 'u2', dueDate: '2026-12-15', meetingId: 'm1', itemId: 'i1' }, T0, 'x1');
		setActionStatus(doc, id, 'waiting', 'u3', T1);
		expect(toProjectedActions(listActions(doc))).toEqual([
			{
				id: 'x1',
				title: 'Rutin',
				description: '',
				agencyId: 'soc',
				raisedByAgencyId: 'af',
				assigneeId: 'u2',
				dueDate: '2026-12-15',
				status: 'waiting',
				meetingId: 'm1',
				itemId: 'i1',
				createdBy: 'u1',
				createdAt: T0,
				statusChangedBy: 'u3',
				statusChangedAt: T1,
				outcome: ''
			} satisfies ProjectedAction
		]);
	});

	it('salvages what a malformed action holds instead of failing the board', () => {
		const weird = action({
			id: 'w1',
			title: 'NUL\0inside' as string,
			description: 42 as unknown as string,
			agencyId: undefined as unknown as string,
			assigneeId: '' as string,
			dueDate: '2026-02-30',
			status: 'lost' as Action['status'],
			createdAt: 'not a date',
			history: [{ status: 'open', by: 7 as unknown as string, at: 'never' }]
		});
		expect(toProjectedActions([weird])[0]).toEqual({
			...toProjectedActions([action({ id: 'w1' })])[0],
			title: 'NULinside',
			description: '',
			agencyId: '',
			assigneeId: null,
			dueDate: null,
			status: 'open',
			createdAt: new Date(0),
			statusChangedBy: null,
			statusChangedAt: null
		});
		expect(toProjectedActions([action({ history: [] })])[0]).toMatchObject({ statusChangedBy: null, statusChangedAt: null });
		expect(toProjectedActions([action({ dueDate: '2026-1-5' })])[0].dueDate).toBeNull();
		expect(toProjectedActions([action({ dueDate: '2028-02-29' })])[0].dueDate).toBe('2028-02-29');
	});

	it('cuts absurdly long text to what a register row and a calendar event can hold, without splitting a character', () => {
		const huge = 'å'.repeat(300_000);
		const [row] = toProjectedActions([action({ id: 'x'.repeat(5000), title: huge, description: huge, agencyId: huge, createdBy: huge, assigneeId: huge, meetingId: huge, itemId: huge, history: [{ status: 'open', by: huge, at: T0.toISOString() }] })]);
		expect(row.title.length).toBeLessThanOrEqual(500);
		expect(row.description.length).toBeLessThanOrEqual(10_000);
		for (const value of [row.id, row.agencyId, row.createdBy, row.assigneeId, row.meetingId, row.itemId, row.statusChangedBy]) expect(value!.length).toBeLessThanOrEqual(200);
		const [emoji] = toProjectedActions([action({ title: '😀'.repeat(400) })]);
		expect(emoji.title).toBe('😀'.repeat(250));
	});

	it('strips NUL everywhere (PostgreSQL text cannot hold it)', () => {
		const [row] = toProjectedActions([action({ id: 'a\u00001', title: 'ti\u0000tel', description: '\u0000', agencyId: 's\u0000oc', createdBy: 'u\u00001' })]);
		expect(row).toMatchObject({ id: 'a1', title: 'titel', description: '', agencyId: 'soc', createdBy: 'u1' });
	});

	it('keeps the first of two actions with the same id', () => {
		expect(toProjectedActions([action({ title: 'först' }), action({ title: 'sedan' }), action({ id: 'a2' })]).map((a) => [a.id, a.title])).toEqual([
			['a1', 'först'],
			['a2', 'Samordnad plan']
		]);
	});
});

/** Store['projections'] and ['docs'] in memory, with a switch to make writes fail or hang. */
function fakeStore() {
	const writes: Array<{ boardId: string; docName: string; titles: string[]; upToId: number }> = [];
	const control = { fail: 0, gate: null as Promise<void> | null, projected: null as number | null };
	const docs = new Map<string, StoredDoc>();
	const store = {
		projections: {
			async replaceBoardActions(boardId: string, docName: string, actions: ProjectedAction[], upToId: number) {
				if (control.gate) await control.gate;
				if (control.fail > 0) {
					control.fail--;
					throw new Error('database unavailable');
				}
				writes.push({ boardId, docName, titles: actions.map((a) => a.title), upToId });
				return true;
			},
			async projectedUpToId() {
				return control.projected;
			},
			async listStale() {
				return [...docs.keys()].map((docName) => ({ docName, boardId: docName.slice('board:'.length), lastUpdateId: docs.get(docName)!.lastUpdateId }));
			}
		},
		docs: {
			async load(name: string) {
				const stored = docs.get(name);
				if (!stored) throw new Error('no such doc');
				return stored;
			}
		}
	} as unknown as Store;
	return { store, writes, control, docs };
}

function logSpy() {
	const logger = createLogger('silent');
	const errors: unknown[] = [];
	const child = createLogger('silent');
	child.error = ((obj: unknown) => errors.push(obj)) as typeof child.error;
	logger.child = (() => child) as typeof logger.child;
	return { logger, errors };
}

const withAction = (title: string, doc = new Y.Doc()) => {
	createAction(doc, { title, agencyId: 'soc', raisedByAgencyId: 'af', createdBy: 'u1' }, T0);
	return doc;
};

describe('createActionProjection', () => {
	it('projects board documents only', () => {
		const { store } = fakeStore();
		const projection = createActionProjection(store, createLogger('silent'));
		expect(projection.hooksFor('board:b1')).toBeDefined();
		expect(projection.hooksFor('meeting:m1')).toBeUndefined();
		expect(projection.hooksFor('meeting:m1:voices')).toBeUndefined();
	});

	it('projects after each stored batch; requests while one is in flight coalesce into the latest', async () => {
		const { store, writes, control } = fakeStore();
		const hooks = createActionProjection(store, createLogger('silent')).hooksFor('board:b1')!;
		const doc = withAction('första');
		let open!: () => void;
		control.gate = new Promise((r) => (open = r));
		hooks.stored!(doc, 1);
		withAction('andra', doc);
		hooks.stored!(doc, 2);
		withAction('tredje', doc);
		hooks.stored!(doc, 3);
		control.gate = null;
		open();
		await hooks.settle!();
		expect(writes).toEqual([
			{ boardId: 'b1', docName: 'board:b1', titles: ['första'], upToId: 1 },
			{ boardId: 'b1', docName: 'board:b1', titles: ['första', 'andra', 'tredje'], upToId: 3 }
		]);
	});

	it('a failed projection is logged with the document and retried with the next stored change', async () => {
		const { store, writes, control } = fakeStore();
		const { logger, errors } = logSpy();
		const hooks = createActionProjection(store, logger).hooksFor('board:b9')!;
		const doc = withAction('en');
		control.fail = 1;
		expect(() => hooks.stored!(doc, 5)).not.toThrow();
		await hooks.settle!();
		expect(writes).toEqual([]);
		expect(errors).toEqual([expect.objectContaining({ doc: 'board:b9', upToId: 5 })]);
		hooks.stored!(doc, 6);
		await hooks.settle!();
		expect(writes).toEqual([{ boardId: 'b9', docName: 'board:b9', titles: ['en'], upToId: 6 }]);
	});

	it('skips an entry that is not an action with one log line per entry, and keeps projecting every later change', async () => {
		const { store, writes } = fakeStore();
		const logger = createLogger('silent');
		const warnings: unknown[] = [];
		const child = createLogger('silent');
		child.warn = ((obj: unknown) => warnings.push(obj)) as typeof child.warn;
		logger.child = (() => child) as typeof logger.child;
		const hooks = createActionProjection(store, logger).hooksFor('board:b1')!;
		const doc = withAction('före');
		doc.getMap<unknown>('actions').set('bad', 'inte en karta');
		hooks.stored!(doc, 1);
		await hooks.settle!();
		withAction('efter', doc);
		hooks.stored!(doc, 2);
		await hooks.settle!();
		doc.getMap<unknown>('actions').set('worse', 42);
		hooks.stored!(doc, 3);
		await hooks.settle!();
		expect(writes.map((w) => [w.upToId, w.titles])).toEqual([
			[1, ['före']],
			[2, ['före', 'efter']],
			[3, ['före', 'efter']]
		]);
		expect(warnings).toEqual([expect.objectContaining({ doc: 'board:b1', key: 'bad' }), expect.objectContaining({ doc: 'board:b1', key: 'worse' })]);
	});

	it('on load, catches up a projection that is behind; leaves a current one alone', async () => {
		const behind = fakeStore();
		behind.control.projected = 3;
		const hooks = createActionProjection(behind.store, createLogger('silent')).hooksFor('board:b1')!;
		hooks.loaded!(withAction('ikapp'), 4);
		await vi.waitFor(() => expect(behind.writes).toEqual([{ boardId: 'b1', docName: 'board:b1', titles: ['ikapp'], upToId: 4 }]));

		const current = fakeStore();
		current.control.projected = 4;
		const hooks2 = createActionProjection(current.store, createLogger('silent')).hooksFor('board:b1')!;
		hooks2.loaded!(withAction('redan'), 4);
		hooks2.loaded!(new Y.Doc(), 0); // never stored: nothing to project
		await new Promise((r) => setTimeout(r, 20));
		await hooks2.settle!();
		expect(current.writes).toEqual([]);
	});

	it('rebuildStale projects each stale board from its stored state; one failure does not stop the others', async () => {
		const { store, writes, docs, control } = fakeStore();
		const { logger, errors } = logSpy();
		const source = withAction('från ögonblicksbilden');
		const snapshot = Y.encodeStateAsUpdate(source);
		const before = Y.encodeStateVector(source);
		withAction('från loggen', source);
		docs.set('board:b1', { snapshot, updates: [Y.encodeStateAsUpdate(source, before)], lastUpdateId: 17 });
		docs.set('board:b2', { snapshot: null, updates: [], lastUpdateId: 3 });
		docs.set('board:b3', { snapshot: null, updates: [Y.encodeStateAsUpdate(withAction('tre'))], lastUpdateId: 9 });
		control.fail = 0;
		const original = store.projections.replaceBoardActions;
		store.projections.replaceBoardActions = async (boardId, ...rest) => {
			if (boardId === 'b2') throw new Error('boom');
			return original(boardId, ...rest);
		};
		expect(await createActionProjection(store, logger).rebuildStale()).toEqual({ rebuilt: 2, failed: 1 });
		expect(writes).toEqual([
			{ boardId: 'b1', docName: 'board:b1', titles: ['från ögonblicksbilden', 'från loggen'], upToId: 17 },
			{ boardId: 'b3', docName: 'board:b3', titles: ['tre'], upToId: 9 }
		]);
		expect(errors).toEqual([expect.objectContaining({ doc: 'board:b2' })]);
	});
});
