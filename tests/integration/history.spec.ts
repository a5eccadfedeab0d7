import { afterEach, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { loadedText, replayedText, typedBy } from './history-helpers';
import { connectClient, eventually, synced, type TestClient, serverMinutes } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

async function start(options: Parameters<typeof startTestApp>[0] = {}) {
	const app = await startTestApp(options);
	apps.push(app);
	return app;
}
async function stop(app: App) {
	apps.splice(apps.indexOf(app), 1);
	await app.close();
}
function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

const minutes = (c: TestClient) => c.doc.getText('minutes');

/** Types `words` at the end, one update each, waiting for the server to have each. */
async function type(app: App, name: string, c: TestClient, words: string[]) {
	for (const word of words) {
		minutes(c).insert(minutes(c).length, word);
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc) === minutes(c).toString(), `server has "${word}"`);
	}
}

describe('history with authors over real websockets', () => {
	it('keeps who typed what, of two agencies, through compaction, a restart and the retention job', async () => {
		// A snapshot every 3 stored rows: the log is compacted several times while they type.
		const first = await start({ env: { COLLAB_SNAPSHOT_EVERY: '3', HISTORY_RETENTION_DAYS: '90' } });
		const store = () => first.runtime.store;
		const anna = await makeUser(store(), 'Anna');
		const bo = await makeUser(store(), 'Bo');
		expect(anna.user.agencyId).not.toBe(bo.user.agencyId);
		const { boardId, meetingId } = await makeMeeting(store(), anna.user);
		await store().boards.addMember(boardId, bo.user.id, 'editor');
		const name = docName({ kind: 'meeting', meetingId });

		const a = client(first, name, anna.cookie);
		const b = client(first, name, bo.cookie);
		await Promise.all([synced(a), synced(b)]);
		const annaWords = ['§ 1 ', 'Mötet ', 'öppnas. '];
		const boWords = ['Arbetsförmedlingen ', 'deltar. '];
		for (let round = 0; round < 3; round++) {
			await type(first, name, a, annaWords);
			await type(first, name, b, boWords);
		}
		const typed = minutes(a).toString();
		await first.collab.registry.peek(name)?.flush();

		const history = await store().docs.history(name);
		const rows = history.map((h) => [h.authorId, h.agencyId, h.source]);
		expect(rows).toContainEqual([anna.user.id, anna.user.agencyId, 'member']);
		expect(rows).toContainEqual([bo.user.id, bo.user.agencyId, 'member']);
		expect(history.every((h) => h.source === 'member')).toBe(true);
		// Each row says what its author typed: Anna's words only in Anna's rows, Bo's only in Bo's.
		const by = typedBy(history);
		expect(by.get(anna.user.id)).toBe(annaWords.join('').repeat(3));
		expect(by.get(bo.user.id)).toBe(boWords.join('').repeat(3));
		// Compacted on the way, and the log was kept: load reads fewer rows than the history holds.
		const stored = await store().docs.load(name);
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates.length).toBeLessThan(history.length);
		expect(loadedText(stored)).toBe(typed);
		expect(replayedText(history)).toBe(typed);

		// A restart: the shutdown stores and snapshots; history and text survive it.
		a.destroy();
		b.destroy();
		await stop(first);
		const second = await start({ dataDir: first.dataDir, env: { COLLAB_SNAPSHOT_EVERY: '3', HISTORY_RETENTION_DAYS: '90', COLLAB_IDLE_UNLOAD_MS: '200' } });
		const after = await second.runtime.store.docs.history(name);
		expect(after.slice(0, history.length)).toEqual(history);
		expect(typedBy(after).get(bo.user.id)).toBe(boWords.join('').repeat(3));
		const reloaded = client(second, name, bo.cookie);
		await synced(reloaded);
		expect(minutes(reloaded).toString()).toBe(typed);
		await type(second, name, reloaded, ['Bo igen.']);
		await second.collab.registry.peek(name)?.flush();
		const last = (await second.runtime.store.docs.history(name)).at(-1)!;
		expect([last.authorId, last.agencyId]).toEqual([bo.user.id, bo.user.agencyId]);

		// Retention: not while the meeting is not adjusted, nor 89 days after; 91 days after, the
		// compacted history goes and the document loads as before.
		reloaded.destroy();
		await eventually(() => second.collab.stats().documents === 0, 'unloaded (and so compacted)');
		const adjustedAt = new Date('2026-12-02T10:00:00Z');
		const meeting = (await second.runtime.store.meetings.get(meetingId))!;
		const event = { kind: 'moved', actorId: anna.user.id, at: adjustedAt, detail: {} };
		expect(await second.runtime.store.meetings.change(meetingId, { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event })).not.toBeNull();
		const sealed = { meetingId, hash: 'ab'.repeat(32), format: 1, canonical: '{}', meetingState: Uint8Array.of(1), voicesState: Uint8Array.of(2), approvals: [], sealedAt: adjustedAt };
		expect(await second.runtime.store.protocols.seal(sealed, meeting.revision + 1, {}, anna.user.id)).toBe(true);
		const beforePrune = await second.runtime.store.docs.load(name);
		expect(await second.retention.runOnce(new Date(adjustedAt.getTime() + 89 * 86_400_000))).toMatchObject({ updates: 0 });
		const kept = await second.runtime.store.docs.history(name);
		const run = await second.retention.runOnce(new Date(adjustedAt.getTime() + 91 * 86_400_000));
		const pending = beforePrune.updates.length;
		expect(run).toMatchObject({ updates: kept.length - pending, documents: 1 });
		expect(await second.runtime.store.docs.history(name)).toHaveLength(pending);
		expect(loadedText(await second.runtime.store.docs.load(name))).toBe(typed + 'Bo igen.');
	}, 60_000);
});
