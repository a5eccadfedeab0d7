import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, recordDecision, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { addPerspective } from '../../src/lib/domain/voices-doc';
import { canonicalBytes, protocolHash } from '../../src/lib/domain/protocol/canonical';
import type { SealedProtocol, Store } from '../../src/lib/server/store/types';
import { startBuiltServer, startBuiltServerOn, type BuiltServer } from './built-server';
import { createDatabase } from './cluster/harness';
import { startTestApp } from './helpers';
import { contentOf, formPost, lockFixture, meetingPage, refusedInPlace, statusOn, versionOn } from './lock-fixture';
import { openRaw, updatesOf } from './raw-collab';
import { postgresUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Issue 10's lock, end to end against the production build: the whole justering through the
 * meeting page's form posts (no JavaScript), the chair and secretary chosen over the websocket;
 * in adjustment only the secretary writes the minutes; once the chair and both adjusters approved
 * the same version the protocol is sealed and both documents refuse every update, from sockets
 * open during the seal too, and still after a restart, with the stored protocol unchanged.
 */

interface Backend {
	/** Starts (or restarts) the built server on the backend's data. */
	start(): Promise<BuiltServer>;
	/** The backend's store, for reading what was stored (PGlite: only while no server runs). */
	withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
	dispose(): Promise<void>;
}

async function pgliteBackend(): Promise<{ backend: Backend; fixture: Awaited<ReturnType<typeof lockFixture>> }> {
	const setup = await startTestApp();
	const fixture = await lockFixture(setup.runtime.store);
	await setup.close();
	const withStore = async <T,>(fn: (store: Store) => Promise<T>) => {
		const app = await startTestApp({ dataDir: setup.dataDir });
		try {
			return await fn(app.runtime.store);
		} finally {
			await app.close();
		}
	};
	return { fixture, backend: { start: () => startBuiltServerOn(setup.dataDir), withStore, dispose: async () => {} } };
}

async function postgresBackend(adminUrl: string): Promise<{ backend: Backend; fixture: Awaited<ReturnType<typeof lockFixture>> }> {
	const db = await createDatabase(adminUrl);
	const fixture = await lockFixture(db.store);
	return { fixture, backend: { start: () => startBuiltServer({ DATABASE_URL: db.url }), withStore: (fn) => fn(db.store), dispose: () => db.drop() } };
}

/**
 * The refusals, by message key: the page a form post without JavaScript gets back carries the
 * action's result (SvelteKit's `form`), whether or not this person's page shows that form.
 */
const EDITORS_ONLY = 'error_meeting_move_editors_only';
const NEEDS_ADJUSTER = 'error_meeting_move_needs_adjuster';
const CHAIR_OR_SECRETARY = 'error_meeting_move_chair_or_secretary';
const VERSION_CHANGED = 'lc_error_version_changed';
const ADJUSTED_FINAL = 'error_meeting_move_adjusted_final';
async function refused(response: Promise<Response>, key: string): Promise<void> {
	const r = await response;
	expect(r.status).toBe(400);
	expect(await r.text()).toContain(`errors:{_form:"${key}"}`);
}
const settle = () => new Promise((r) => setTimeout(r, 400));
const sameRow = (row: SealedProtocol) => ({
	hash: row.hash,
	canonical: row.canonical,
	meetingState: Buffer.from(row.meetingState).toString('base64'),
	voicesState: Buffer.from(row.voicesState).toString('base64'),
	format: row.format,
	approvals: JSON.stringify(row.approvals),
	sealedAt: row.sealedAt.toISOString()
});

function lockSuite(name: string, make: () => Promise<{ backend: Backend; fixture: Awaited<ReturnType<typeof lockFixture>> }>) {
	describe(name, () => {
		const servers: BuiltServer[] = [];
		const clients: TestClient[] = [];
		let dispose: (() => Promise<void>) | undefined;
		afterEach(async (context) => {
			if (context.task.result?.state === 'fail') for (const s of servers) console.error(`--- built server\n${s.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			for (const s of servers.splice(0)) await s.stop();
			await dispose?.();
		}, 30_000);

		it('the justering runs through form posts; the adjusted protocol is sealed and locked for everyone, open sockets too, across a restart', async () => {
			const { backend, fixture } = await make();
			dispose = () => backend.dispose();
			const { owner, secretary, chair, adjusterA, adjusterB, viewer, meetingId, meeting, voices } = fixture;
			let server = await backend.start();
			servers.push(server);
			const client = (doc: string, cookie: string) => {
				const c = connectClient(server.url, doc, cookie);
				clients.push(c);
				return c;
			};
			const post = (action: string, cookie: string, fields: Array<[string, string]>) => formPost(server.url, meetingId, action, cookie, fields);
			const status = async () => statusOn(await meetingPage(server.url, meetingId, viewer.cookie));

			// The owner (an editor) writes the agenda and chooses the chair and secretary in the document.
			const ownerMeeting = client(meeting, owner.cookie);
			const ownerVoices = client(voices, owner.cookie);
			const watcher = client(meeting, viewer.cookie);
			await Promise.all([ownerMeeting, ownerVoices, watcher].map((c) => synced(c)));
			const itemId = addAgendaItem(ownerMeeting.doc, { title: 'Bostad först i Åsby' });
			recordDecision(ownerMeeting.doc, itemId, { text: 'Gruppen ställer sig bakom Bostad först.', createdBy: owner.user.id });
			setMeetingRole(ownerMeeting.doc, 'chairId', chair.user.id);
			setMeetingRole(ownerMeeting.doc, 'secretaryId', secretary.user.id);
			addPerspective(ownerVoices.doc, itemId, owner.author, 'Ägarens perspektiv');
			await eventually(() => watcher.doc.getMap('meta').get('secretaryId') === secretary.user.id, 'the chair and secretary reach others');
			expect(ownerMeeting.permissionDenied).toEqual([]);

			// Moves a person may not make are refused; the status stays.
			expect((await post('move', adjusterB.cookie, [['to', 'in_progress']])).status).toBe(400);
			expect((await post('move', owner.cookie, [['to', 'in_progress']])).status).toBe(200);
			await refused(post('move', adjusterB.cookie, [['to', 'held']]), EDITORS_ONLY); // a contributor ending the meeting
			expect((await post('move', viewer.cookie, [['to', 'held']])).status).toBe(400);
			expect(await status()).toBe('in_progress');
			expect((await post('move', owner.cookie, [['to', 'held']])).status).toBe(200);
			// Sent for adjustment without adjusters; and by someone who neither chairs nor keeps the minutes.
			await refused(post('move', secretary.cookie, [['to', 'in_adjustment']]), NEEDS_ADJUSTER);
			expect((await post('appoint', owner.cookie, [['adjusterIds', adjusterA.user.id], ['adjusterIds', adjusterB.user.id], ['dueDate', '2026-12-15']])).status).toBe(400);
			expect((await post('appoint', chair.cookie, [['adjusterIds', adjusterA.user.id], ['adjusterIds', adjusterB.user.id], ['dueDate', '2026-12-15']])).status).toBe(200);
			await refused(post('move', owner.cookie, [['to', 'in_adjustment']]), CHAIR_OR_SECRETARY);
			expect(await status()).toBe('held');
			expect((await post('move', secretary.cookie, [['to', 'in_adjustment']])).status).toBe(200);
			expect(await status()).toBe('in_adjustment');

			// In adjustment: the secretary's correction goes through, the owner's is refused; nobody writes the voices.
			const secMeeting = client(meeting, secretary.cookie);
			const secVoices = client(voices, secretary.cookie);
			const contributorVoices = client(voices, adjusterB.cookie);
			await Promise.all([secMeeting, secVoices, contributorVoices].map((c) => synced(c)));
			recordDecision(secMeeting.doc, itemId, { text: 'Uppföljning sker i mars.', createdBy: secretary.user.id });
			recordDecision(ownerMeeting.doc, itemId, { text: 'Ägaren smyger in ett beslut.', createdBy: owner.user.id });
			await refusedInPlace(ownerMeeting, "the owner's minutes update refused");
			await eventually(() => JSON.stringify(watcher.doc.getMap('agenda').toJSON()).includes('Uppföljning sker i mars.'), "the secretary's correction reaches others");
			addPerspective(ownerVoices.doc, itemId, owner.author, 'Ägaren i justeringen');
			addPerspective(secVoices.doc, itemId, secretary.author, 'Sekreteraren i justeringen');
			addPerspective(contributorVoices.doc, itemId, adjusterB.author, 'Brukarföreningen i justeringen');
			for (const [c, who] of [[ownerVoices, 'owner'], [secVoices, 'secretary'], [contributorVoices, 'contributor']] as const) await refusedInPlace(c, `${who}'s voices update refused`);
			await settle();
			const agendaNow = JSON.stringify(watcher.doc.getMap('agenda').toJSON());
			expect(agendaNow).not.toContain('Ägaren smyger in');
			expect(secMeeting.permissionDenied).toEqual([]);

			// An objection to the §, answered by the secretary.
			const version1 = versionOn(await meetingPage(server.url, meetingId, adjusterA.cookie))!;
			expect(version1).toMatch(/^[0-9a-f]{64}$/);
			expect(versionOn(await meetingPage(server.url, meetingId, owner.cookie)), 'only approvers get the approve form').toBeUndefined();
			expect((await post('object', adjusterA.cookie, [['version', version1], ['itemId', itemId], ['problem', 'Datumet för uppföljningen saknas.'], ['suggestion', 'Skriv den 15 mars.']])).status).toBe(200);
			expect((await post('object', viewer.cookie, [['version', version1], ['itemId', itemId], ['problem', 'Jag får inte.']])).status).toBe(400);
			const secretaryPage = await meetingPage(server.url, meetingId, secretary.cookie);
			expect(secretaryPage).toContain('Datumet för uppföljningen saknas.');
			const objectionId = /name="objectionId" value="([^"]+)"/.exec(secretaryPage)?.[1];
			expect(objectionId).toBeDefined();
			expect((await post('answer', adjusterA.cookie, [['objectionId', objectionId!], ['outcome', 'corrected'], ['reason', '']])).status).toBe(400);
			recordDecision(secMeeting.doc, itemId, { text: 'Uppföljningen sker den 15 mars.', createdBy: secretary.user.id });
			await eventually(() => JSON.stringify(watcher.doc.getMap('agenda').toJSON()).includes('den 15 mars'), 'the correction reaches others');
			expect((await post('answer', secretary.cookie, [['objectionId', objectionId!], ['outcome', 'corrected'], ['reason', '']])).status).toBe(200);
			expect(await meetingPage(server.url, meetingId, adjusterA.cookie)).toMatch(/data-testid="objection" data-answered="yes"/);

			// The correction changed the protocol: an approval of the version read before it is stale.
			await refused(post('approve', chair.cookie, [['version', version1]]), VERSION_CHANGED);
			const version2 = versionOn(await meetingPage(server.url, meetingId, chair.cookie))!;
			expect(version2).not.toBe(version1);

			// Sockets open during the seal: the secretary (who may write until then) and readers.
			const secBefore = secMeeting.permissionDenied.length;
			expect(secBefore).toBe(0);
			expect((await post('approve', adjusterA.cookie, [['version', version2]])).status).toBe(200);
			expect((await post('approve', adjusterB.cookie, [['version', version2]])).status).toBe(200);
			expect(await status()).toBe('in_adjustment');
			expect((await post('approve', chair.cookie, [['version', version2]])).status).toBe(200);
			const adjustedPage = await meetingPage(server.url, meetingId, viewer.cookie);
			expect(statusOn(adjustedPage)).toBe('adjusted');
			const hash = /href="\/verify\/([0-9a-f]{64})"/.exec(adjustedPage)?.[1];
			expect(hash).toBe(version2);
			const verified = await (await fetch(`${server.url}/verify/${hash}.json`)).json();
			expect(verified).toMatchObject({ kind: 'match' });
			const markdown = await (await fetch(`${server.url}/meetings/${meetingId}/protocol.md`, { headers: { cookie: viewer.cookie } })).text();
			expect(markdown).toContain(hash);
			expect(markdown).toContain('Uppföljningen sker den 15 mars.');

			// What a fresh reader sees now, before anyone tries to write.
			const read = async () => {
				const m = client(meeting, viewer.cookie);
				const v = client(voices, viewer.cookie);
				await Promise.all([synced(m), synced(v)]);
				return { meeting: contentOf(m.doc, ['meta', 'agenda', 'attendance']), voices: contentOf(v.doc, ['perspectives', 'summaries']) };
			};
			const sealedContent = await read();

			// The secretary's open socket turned read-only without reconnecting.
			recordDecision(secMeeting.doc, itemId, { text: 'Sekreteraren efter justeringen.', createdBy: secretary.user.id });
			await refusedInPlace(secMeeting, "the secretary's socket open during the seal refuses updates");
			// Fresh stock clients of the owner, the secretary and the contributor, on both documents.
			const tryAll = async (label: string) => {
				for (const [p, who] of [[owner, 'owner'], [secretary, 'secretary'], [adjusterB, 'contributor']] as const) {
					const m = client(meeting, p.cookie);
					const v = client(voices, p.cookie);
					await Promise.all([synced(m), synced(v)]);
					recordDecision(m.doc, itemId, { text: `${who} ${label}`, createdBy: p.user.id });
					m.doc.getMap('meta').set('secretaryId', p.user.id);
					addPerspective(v.doc, itemId, p.author, `${who} ${label}`);
					await refusedInPlace(m, `${who}'s minutes update ${label} refused`);
					await refusedInPlace(v, `${who}'s voices update ${label} refused`);
				}
				// A hand-written update frame on a raw socket, too.
				const raw = await openRaw(server.url, meeting, owner.cookie);
				for (const u of updatesOf((d) => d.getMap('meta').set('chairId', owner.user.id))) raw.sendUpdate(u);
				await settle();
				raw.ws.close();
			};
			await tryAll('after the seal');
			expect(await read()).toEqual(sealedContent);

			// Restart on the same data: the stored protocol is byte for byte what was sealed, and still locked.
			await server.stop();
			servers.splice(servers.indexOf(server), 1);
			const row = (await backend.withStore((store) => store.protocols.get(meetingId)))!;
			expect(row.hash).toBe(hash);
			// The hash is the SHA-256 of the stored canonical text, recomputed from it.
			const parsed = JSON.parse(row.canonical);
			expect(Buffer.from(canonicalBytes(parsed)).toString('utf8')).toBe(row.canonical);
			expect(protocolHash(parsed)).toBe(row.hash);
			// The sealed states are the documents as read now.
			const sealedMeeting = new Y.Doc();
			Y.applyUpdate(sealedMeeting, row.meetingState);
			const sealedVoices = new Y.Doc();
			Y.applyUpdate(sealedVoices, row.voicesState);
			expect(contentOf(sealedMeeting, []).snapshot).toEqual(sealedContent.meeting.snapshot);
			expect(contentOf(sealedVoices, []).snapshot).toEqual(sealedContent.voices.snapshot);

			server = await backend.start();
			servers.push(server);
			expect(statusOn(await meetingPage(server.url, meetingId, viewer.cookie))).toBe('adjusted');
			await tryAll('after the restart');
			expect(await read()).toEqual(sealedContent);
			await refused(post('move', chair.cookie, [['to', 'held']]), ADJUSTED_FINAL);
			await server.stop();
			servers.splice(servers.indexOf(server), 1);
			const after = (await backend.withStore((store) => store.protocols.get(meetingId)))!;
			expect(sameRow(after)).toEqual(sameRow(row));
		}, 240_000);
	});
}

lockSuite('The adjusted protocol is locked (built server, PGlite)', pgliteBackend);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) postgresUnavailable('The adjusted protocol is locked (built server, PostgreSQL)');
else lockSuite('The adjusted protocol is locked (built server, PostgreSQL)', () => postgresBackend(adminUrl));
