import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, recordDecision, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { addPerspective } from '../../src/lib/domain/voices-doc';
import { startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, startInstance, type Instance, type TestDatabase } from './cluster/harness';
import { contentOf, formPost, lockFixture, meetingPage, refusedInPlace, statusOn, versionOn } from './lock-fixture';
import { suiteUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * The lock across instances (issue 10): the meeting is adjusted through the pages of instance A
 * (the built server); an editor's sockets on instance B turn read-only at once (the status change
 * reaches B over Redis), a new socket on B is admitted read-only, and both instances hold the
 * sealed content.
 */
const suite = 'The adjusted protocol is locked on every instance';
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

if (!adminUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances share a PostgreSQL database: set TEST_DATABASE_URL');
else if (!redisUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances talk over Redis: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)');
else {
	describe(suite, () => {
		let db: TestDatabase;
		let a: BuiltServer | undefined;
		let b: Instance | undefined;
		const clients: TestClient[] = [];

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterEach(async (context) => {
			if (context.task.result?.state === 'fail') console.error(`--- instance A\n${a?.output()}\n--- instance B\n${b?.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			await a?.stop();
			await b?.kill('SIGTERM');
		}, 30_000);
		afterAll(async () => {
			await db?.drop();
		}, 30_000);

		it("an editor's sockets on instance B turn read-only when the meeting is adjusted through instance A; a new socket on B is read-only; the content is the same on both", async () => {
			const fixture = await lockFixture(db.store);
			const { owner, secretary, chair, adjusterA, adjusterB, viewer, meetingId, meeting, voices } = fixture;
			const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, COLLAB_FLUSH_MS: '40' };
			[a, b] = await Promise.all([startBuiltServer(env), startInstance(env)]);
			const A = a.url;
			const B = b.url;
			const client = (url: string, doc: string, cookie: string) => {
				const c = connectClient(url, doc, cookie);
				clients.push(c);
				return c;
			};
			const post = (action: string, cookie: string, fields: Array<[string, string]>) => formPost(A, meetingId, action, cookie, fields);
			const agenda = (c: TestClient) => JSON.stringify(c.doc.getMap('agenda').toJSON());

			const ownerOnA = client(A, meeting, owner.cookie);
			const viewerOnB = client(B, meeting, viewer.cookie);
			await Promise.all([synced(ownerOnA), synced(viewerOnB)]);
			const itemId = addAgendaItem(ownerOnA.doc, { title: 'Bostad först i Åsby' });
			setMeetingRole(ownerOnA.doc, 'chairId', chair.user.id);
			setMeetingRole(ownerOnA.doc, 'secretaryId', secretary.user.id);
			await eventually(() => viewerOnB.doc.getMap('meta').get('secretaryId') === secretary.user.id, 'the roles reach instance B');

			expect((await post('move', owner.cookie, [['to', 'held']])).status).toBe(200);
			expect((await post('appoint', chair.cookie, [['adjusterIds', adjusterA.user.id], ['adjusterIds', adjusterB.user.id], ['dueDate', '2026-12-15']])).status).toBe(200);
			expect((await post('move', secretary.cookie, [['to', 'in_adjustment']])).status).toBe(200);

			// The secretary works on instance B: in adjustment their minutes go through, to A too.
			const secMeetingOnB = client(B, meeting, secretary.cookie);
			const secVoicesOnB = client(B, voices, secretary.cookie);
			const viewerOnA = client(A, meeting, viewer.cookie);
			await Promise.all([synced(secMeetingOnB), synced(secVoicesOnB), synced(viewerOnA)]);
			recordDecision(secMeetingOnB.doc, itemId, { text: 'Gruppen ställer sig bakom Bostad först.', createdBy: secretary.user.id });
			await eventually(() => agenda(viewerOnA).includes('Gruppen ställer sig bakom'), "the secretary's decision on B reaches A");
			expect(secMeetingOnB.permissionDenied).toEqual([]);

			// Adjusted through instance A's pages.
			const version = versionOn(await meetingPage(A, meetingId, chair.cookie))!;
			expect(version).toMatch(/^[0-9a-f]{64}$/);
			for (const p of [adjusterA, adjusterB, chair]) expect((await post('approve', p.cookie, [['version', version]])).status).toBe(200);
			expect(statusOn(await meetingPage(A, meetingId, viewer.cookie))).toBe('adjusted');
			expect((await db.store.protocols.get(meetingId))?.hash).toBe(version);

			const read = async (url: string) => {
				const m = client(url, meeting, viewer.cookie);
				const v = client(url, voices, viewer.cookie);
				await Promise.all([synced(m), synced(v)]);
				return { meeting: contentOf(m.doc, ['meta', 'agenda']), voices: contentOf(v.doc, ['perspectives', 'summaries']) };
			};
			const sealed = await read(A);

			// The secretary's next update on B is refused without reconnecting, on both documents.
			recordDecision(secMeetingOnB.doc, itemId, { text: 'Efter justeringen, på B.', createdBy: secretary.user.id });
			await refusedInPlace(secMeetingOnB, "the secretary's open socket on B refuses the update");
			addPerspective(secVoicesOnB.doc, itemId, secretary.author, 'Efter justeringen, på B.');
			await refusedInPlace(secVoicesOnB, "the secretary's open voices socket on B refuses the update");

			// A new socket on B is admitted, read-only.
			const fresh = client(B, meeting, secretary.cookie);
			await synced(fresh);
			expect(agenda(fresh)).toContain('Gruppen ställer sig bakom');
			recordDecision(fresh.doc, itemId, { text: 'Ny socket på B.', createdBy: secretary.user.id });
			await refusedInPlace(fresh, 'a new socket on B refuses the update');
			// And the owner on A as well.
			recordDecision(ownerOnA.doc, itemId, { text: 'Ägaren på A.', createdBy: owner.user.id });
			await refusedInPlace(ownerOnA, "the owner's open socket on A refuses the update");

			await new Promise((r) => setTimeout(r, 400));
			expect(await read(A)).toEqual(sealed);
			expect(await read(B)).toEqual(sealed);
			for (const c of [viewerOnA, viewerOnB]) expect(agenda(c)).not.toMatch(/Efter justeringen|Ny socket|Ägaren på A/);
		}, 120_000);
	});
}
