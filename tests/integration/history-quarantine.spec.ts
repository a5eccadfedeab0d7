import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/domain/doc-names';
import { rulesForDoc } from '../../server/collab/safe-load';
import * as history from '../../src/lib/server/services/history';
import { keptLog, laterRows, stateAt } from '../../src/lib/server/services/history-log';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { deleteUpdate, nestedMapUpdate, updatesOf } from './raw-collab';

/**
 * Content the loader sets aside (quarantine) is still in the kept log below the snapshot: looking
 * at the past must not bring it back. Every version of a document once poisoned with a map nested
 * 4000 levels deep rebuilds without the nesting (replayed through the loader's checks, not a bare
 * Y.applyUpdate), renders, and restoring the whole meeting to it puts no nesting in the live document.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
afterEach(async () => {
	for (const app of apps.splice(0)) await app.close();
});

/** How deep Yjs types nest under `type` (iteratively: the poison would overflow a recursion). */
function depthOf(type: Y.Map<unknown>): number {
	let max = 0;
	const stack: Array<[unknown, number]> = [[type, 0]];
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (!(value instanceof Y.Map)) continue;
		max = Math.max(max, depth);
		for (const child of value.values()) stack.push([child, depth + 1]);
	}
	return max;
}

describe('the history of a document with quarantined content', () => {
	it('never rebuilds the poison, in any version, nor restores it', async () => {
		const app = await startTestApp({ env: { COLLAB_IDLE_UNLOAD_MS: '100' } });
		apps.push(app);
		const store = app.runtime.store;
		const owner = await makeUser(store, 'Owner');
		const { boardId, meetingId } = await makeMeeting(store, owner.user);
		const name = docName({ kind: 'meeting', meetingId });
		const [honest] = updatesOf((d) => d.getXmlFragment('minutes').insert(0, [new Y.XmlText('Ord som ska finnas kvar')]));
		const { update: poison, client } = nestedMapUpdate('agenda', 4000);
		// As a server before the structure checks stored them: honest text, the nesting, its removal, more text.
		await store.docs.append(name, [{ update: honest, author: { userId: owner.user.id, agencyId: owner.user.agencyId } }]);
		await store.docs.append(name, [poison]);
		await store.docs.append(name, [deleteUpdate(client, 0, 1)]);
		const [later] = updatesOf((d) => d.getXmlFragment('minutes').insert(1, [new Y.XmlText(' och mer.')]), honest);
		await store.docs.append(name, [{ update: later, author: { userId: owner.user.id, agencyId: owner.user.agencyId } }]);
		// The live document loads it (and sets the poison aside), as when someone opened the meeting.
		await app.runtime.live.readDoc(name);

		const maxDepth = rulesForDoc(name).maxTypeDepth;
		const log = await keptLog(store, name);
		for (const row of laterRows(log)) {
			const doc = await stateAt(log, row.id);
			expect(depthOf(doc.getMap('agenda')), `after row ${row.id}`).toBeLessThanOrEqual(maxDepth);
			doc.destroy();
		}

		const access = { user: owner.user, board: (await store.boards.get(boardId))!, role: 'owner' as const, meeting: (await store.meetings.get(meetingId))! };
		const list = await history.listVersions(app.runtime, access);
		expect(list.versions.length).toBeGreaterThan(0);
		for (const version of list.versions) {
			const view = await history.versionView(app.runtime, access, version.id);
			expect(view?.protocol.notes.length).toBeGreaterThanOrEqual(0);
			expect((await history.restore(app.runtime, access, version.id, null)).ok).toBe(true);
			const live = await app.runtime.live.readDoc(name);
			expect(depthOf(live.getMap('agenda'))).toBeLessThanOrEqual(maxDepth);
		}
		const now = await app.runtime.live.readDoc(name);
		expect(now.getXmlFragment('minutes').toString()).toContain('Ord som ska finnas kvar');
	}, 60_000);
});
