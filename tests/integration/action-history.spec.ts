import { afterEach, describe, expect, it } from 'vitest';
import { createAction, setActionStatus, updateAction } from '../../src/lib/domain/board-doc';
import { docName } from '../../src/lib/domain/doc-names';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * The history of a board's actions (issue 11, point 7) against the production build, over real
 * websockets: who created an action, moved its due date, changed its assignee and closed it, each
 * named from the authored log the server keeps (not from what a client writes into the action),
 * for every member of the board, and the same after a restart.
 */
const clients: TestClient[] = [];
const servers: BuiltServer[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

async function page(url: string, path: string, cookie: string): Promise<string> {
	const response = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
	expect(response.status, path).toBe(200);
	return response.text();
}
/** Each change on the page: its label and its whole text, newest first. */
const changesOn = (html: string) =>
	html
		.split('data-testid="action-change"')
		.slice(1)
		.map((block) => block.split('</ol>')[0])
		.map((block) => ({ label: /data-label="([a-z-]+)"/.exec(block)?.[1], text: block.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') }));

describe('the history of a board’s actions', () => {
	it('names who created, moved the due date of, reassigned and closed an action, for every field, across a restart', async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		const anna = await makeUser(store, 'Anna');
		const bo = await makeUser(store, 'Bo');
		const vera = await makeUser(store, 'Vera');
		const { boardId } = await makeMeeting(store, anna.user);
		await store.boards.addMember(boardId, bo.user.id, 'editor');
		await store.boards.addMember(boardId, vera.user.id, 'viewer');
		const boAgency = (await store.agencies.get(bo.user.agencyId))!;
		await setup.close();
		const server = await startBuiltServerOn(setup.dataDir, { COLLAB_SNAPSHOT_EVERY: '2', LOG_LEVEL: 'warn' });
		servers.push(server);
		const name = docName({ kind: 'board', boardId });
		const a = connectClient(server.url, name, anna.cookie);
		const b = connectClient(server.url, name, bo.cookie);
		clients.push(a, b);
		await Promise.all([synced(a), synced(b)]);

		const id = createAction(a.doc, { title: 'Ring hyresvärden', agencyId: anna.user.agencyId, raisedByAgencyId: anna.user.agencyId, createdBy: anna.user.id, dueDate: '2026-12-10' });
		await eventually(() => b.doc.getMap('actions').has(id), 'Bo has the action');
		updateAction(b.doc, id, { dueDate: '2026-12-20' });
		await eventually(() => (a.doc.getMap('actions').get(id) as { get(k: string): unknown }).get('dueDate') === '2026-12-20', 'Anna sees the new date');
		updateAction(b.doc, id, { assigneeId: anna.user.id });
		setActionStatus(b.doc, id, 'done', bo.user.id);
		await eventually(() => (a.doc.getMap('actions').get(id) as { get(k: string): unknown }).get('status') === 'done', 'Anna sees it closed');

		let changes: ReturnType<typeof changesOn> = [];
		await eventually(async () => {
			changes = changesOn(await page(server.url, `/boards/${boardId}/history`, vera.cookie));
			return changes.length === 4;
		}, 'four changes listed');
		// Newest first; Bo's three changes may share a stored row (runs of one author are stored merged).
		const [created, ...bos] = [...changes].reverse();
		expect(created.label).toBe('created');
		expect(created.text).toContain(anna.user.displayName);
		expect(created.text).toContain('Ring hyresvärden');
		const of = (label: string) => bos.find((c) => c.label === label)!;
		expect(bos.map((c) => c.label).sort()).toEqual(['closed', 'due-date', 'field']);
		for (const c of bos) expect(c.text).toContain(`${bo.user.displayName} (${boAgency.name})`);
		expect(of('due-date').text).toContain('från 2026-12-10 till 2026-12-20');
		expect(of('field').text).toContain(`till ”${anna.user.displayName}”`);
		expect(of('closed').text).not.toContain(anna.user.displayName);
		// The board page links to it.
		expect(await page(server.url, `/boards/${boardId}`, vera.cookie)).toContain(`href="/boards/${boardId}/history"`);

		// A restart (stored, compacted): the same history.
		for (const c of clients.splice(0)) c.destroy();
		await servers.pop()!.stop();
		const again = await startBuiltServerOn(setup.dataDir, { LOG_LEVEL: 'warn' });
		servers.push(again);
		expect(changesOn(await page(again.url, `/boards/${boardId}/history`, bo.cookie))).toEqual(changes);
	}, 90_000);
});
