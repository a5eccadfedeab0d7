import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAction, setActionStatus, updateAction } from '../../src/lib/domain/board-doc';
import { serializeCalendar, userCalendar } from '../../src/lib/server/services/calendar';
import { docName } from '../../src/lib/domain/doc-names';
import type { RegisterAction } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp, withStoppedDatabase } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

async function start(options: Parameters<typeof startTestApp>[0] = {}) {
	const app = await startTestApp(options);
	apps.push(app);
	return app;
}
async function stop(app: App) {
	await app.close();
	apps.splice(apps.indexOf(app), 1);
}
function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}

const TODAY = '2026-12-01';

/** A board with its owner and an editor of another agency; the board document's name. */
async function board(app: App) {
	const owner = await makeUser(app.runtime.store, 'Owner');
	const editor = await makeUser(app.runtime.store, 'Editor');
	const { boardId, meetingId } = await makeMeeting(app.runtime.store, owner.user);
	await app.runtime.store.boards.addMember(boardId, editor.user.id, 'editor');
	return { owner, editor, boardId, meetingId, name: docName({ kind: 'board', boardId }) };
}

const register = (app: App, userId: string) => app.runtime.store.actions.listForUser(userId, { today: TODAY });
const byId = async (app: App, userId: string, id: string): Promise<RegisterAction | undefined> => (await register(app, userId)).find((a) => a.id === id);

describe('action projection over real websockets', () => {
	it('follows live edits of a stock y-websocket client and survives a restart', async () => {
		const first = await start();
		const { owner, editor, boardId, meetingId, name } = await board(first);
		const c = client(first, name, editor.cookie);
		await synced(c);

		const id = createAction(c.doc, {
			title: 'Gemensam rutin för SIP',
			description: 'Socialtjänsten och vården tar fram en rutin',
			agencyId: editor.user.agencyId,
			raisedByAgencyId: owner.user.agencyId,
			createdBy: editor.user.id,
			assigneeId: editor.user.id,
			dueDate: '2026-11-20',
			meetingId,
			itemId: 'item1'
		});
		await eventually(async () => (await byId(first, owner.user.id, id)) !== undefined, 'the new action is in the register');
		expect(await byId(first, owner.user.id, id)).toMatchObject({
			boardId,
			boardName: 'Ledningsgrupp för utveckling',
			title: 'Gemensam rutin för SIP',
			agencyId: editor.user.agencyId,
			raisedByAgencyId: owner.user.agencyId,
			assigneeId: editor.user.id,
			assigneeName: editor.user.displayName,
			dueDate: '2026-11-20',
			status: 'open',
			meetingId,
			itemId: 'item1',
			statusChangedBy: editor.user.id
		});
		// The filters see it from both sides.
		const mine = await first.runtime.store.actions.listForUser(editor.user.id, { today: TODAY, mine: true, overdue: true });
		expect(mine.map((a) => a.id)).toEqual([id]);
		const owed = await first.runtime.store.actions.listForUser(owner.user.id, { today: TODAY, owedToMyAgency: true });
		expect(owed.map((a) => a.id)).toEqual([id]);

		const changedAt = new Date('2026-11-10T12:00:00.000Z');
		setActionStatus(c.doc, id, 'in_progress', editor.user.id, changedAt);
		updateAction(c.doc, id, { dueDate: '2026-12-24' });
		await eventually(async () => (await byId(first, owner.user.id, id))?.status === 'in_progress', 'the status change is projected');
		await eventually(async () => (await byId(first, owner.user.id, id))?.dueDate === '2026-12-24', 'the new due date is projected');
		expect(await byId(first, owner.user.id, id)).toMatchObject({ statusChangedBy: editor.user.id, statusChangedAt: changedAt });
		const stored = await first.runtime.store.docs.load(name);
		await eventually(async () => (await first.runtime.store.projections.projectedUpToId(name)) === stored.lastUpdateId, 'projected up to the stored update');

		// Typed just before the stop: the last flush at shutdown projects it too.
		setActionStatus(c.doc, id, 'done', editor.user.id);
		await eventually(() => first.collab.registry.peek(name)?.doc.getMap('actions').toJSON()[id]?.status === 'done', 'the server has the change');
		c.destroy();
		await stop(first);

		const second = await start({ dataDir: first.dataDir });
		expect(await byId(second, owner.user.id, id)).toMatchObject({ status: 'done', dueDate: '2026-12-24', statusChangedBy: editor.user.id });
		expect(await second.runtime.store.projections.listStale()).toEqual([]);

		// And it keeps following after the restart.
		const again = client(second, name, owner.cookie);
		await synced(again);
		const next = createAction(again.doc, { title: 'Efter omstarten', agencyId: owner.user.agencyId, raisedByAgencyId: owner.user.agencyId, createdBy: owner.user.id });
		await eventually(async () => (await byId(second, editor.user.id, next))?.title === 'Efter omstarten', 'a new action after the restart is projected');
		expect((await register(second, editor.user.id)).map((a) => a.id).sort()).toEqual([id, next].sort());
	});

	it('rebuilds a projection found stale at start (rows and its record deleted while stopped)', async () => {
		const first = await start();
		const { owner, editor, boardId, name } = await board(first);
		const c = client(first, name, editor.cookie);
		await synced(c);
		const ids = ['Första', 'Andra', 'Tredje'].map((title) =>
			createAction(c.doc, { title, agencyId: editor.user.agencyId, raisedByAgencyId: owner.user.agencyId, createdBy: editor.user.id })
		);
		await eventually(async () => (await register(first, owner.user.id)).length === 3, 'three actions projected');
		c.destroy();
		await stop(first);

		await withStoppedDatabase(first.dataDir, async (sql) => {
			await sql('delete from actions where board_id = $1', [boardId]);
			await sql('delete from doc_projections where doc_name = $1', [name]);
		});

		const second = await start({ dataDir: first.dataDir });
		// Rebuilt before the server listened: no client has connected, the document is not loaded.
		expect(second.collab.registry.peek(name)).toBeUndefined();
		expect((await register(second, owner.user.id)).map((a) => a.id).sort()).toEqual([...ids].sort());
		const stored = await second.runtime.store.docs.load(name);
		expect(await second.runtime.store.projections.projectedUpToId(name)).toBe(stored.lastUpdateId);
	});

	it('a failing projection never holds up live editing, and is caught up at the next start', async () => {
		const first = await start();
		const { owner, editor, name } = await board(first);
		let failures = 0;
		first.runtime.store.projections.replaceBoardActions = async () => {
			failures++;
			throw new Error('projection table unavailable');
		};
		const a = client(first, name, editor.cookie);
		const b = client(first, name, owner.cookie);
		await Promise.all([synced(a), synced(b)]);
		const id = createAction(a.doc, { title: 'Skrivs trots felet', agencyId: editor.user.agencyId, raisedByAgencyId: editor.user.agencyId, createdBy: editor.user.id });
		await eventually(() => b.doc.getMap('actions').has(id), 'the other client receives the action');
		await eventually(() => failures > 0, 'the projection was attempted');
		const stored = await first.runtime.store.docs.load(name);
		expect(stored.lastUpdateId).toBeGreaterThan(0); // stored despite the failing projection
		expect(await register(first, owner.user.id)).toEqual([]);
		a.destroy();
		b.destroy();
		await stop(first);

		const second = await start({ dataDir: first.dataDir });
		expect((await register(second, owner.user.id)).map((x) => x.title)).toEqual(['Skrivs trots felet']);
	});

	it('a stock client writing a non-map entry and a NUL title freezes nothing: later actions reach the register and the calendar feed', async () => {
		const app = await start();
		const { owner, editor, name } = await board(app);
		const c = client(app, name, editor.cookie);
		await synced(c);
		const base = { agencyId: editor.user.agencyId, raisedByAgencyId: owner.user.agencyId, createdBy: editor.user.id, assigneeId: editor.user.id, dueDate: '2026-12-20' };

		// Hostile: a value that is no action at all, an action whose title holds NUL, a broken history.
		const actions = c.doc.getMap<unknown>('actions');
		actions.set('junk', 'inte en åtgärd');
		const nul = createAction(c.doc, { ...base, title: 'Noll\u0000tecken' });
		const broken = createAction(c.doc, { ...base, title: 'Trasig historik' });
		const entry = actions.get(broken) as Y.Map<unknown>;
		entry.set('history', 'ingen lista');
		entry.set('description', new Y.Text('beskrivning som Y.Text'));
		// Then an honest one, in a later update.
		const honest = createAction(c.doc, { ...base, title: 'Ärlig åtgärd efteråt' });

		await eventually(async () => (await byId(app, editor.user.id, honest)) !== undefined, 'the honest action reaches the register');
		const rows = await register(app, editor.user.id);
		expect(Object.fromEntries(rows.map((a) => [a.id, a.title]))).toEqual({ [nul]: 'Nolltecken', [broken]: 'Trasig historik', [honest]: 'Ärlig åtgärd efteråt' });

		const labels = {
			calendarName: (n: string) => n,
			actionSummary: (t: string) => t,
			board: (b: string) => b,
			accessibility: (n: string) => n,
			online: (u: string) => u,
			agency: (a: string) => a,
			assignee: (n: string) => n,
			status: (s: string) => s,
			cancelled: (r: string) => r
		};
		const feed = serializeCalendar(await userCalendar(app.runtime.store, editor.user, { origin: 'https://samtavla.test', labels, now: new Date('2026-12-01T00:00:00Z') }));
		expect(feed).toContain('SUMMARY:Ärlig åtgärd efteråt');
		expect(feed).toContain('SUMMARY:Nolltecken');

		// And it keeps following later changes.
		updateAction(c.doc, honest, { title: 'Ärlig, ändrad' });
		await eventually(async () => (await byId(app, editor.user.id, honest))?.title === 'Ärlig, ändrad', 'a later change reaches the register');
	});
});
