import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, recordDecision, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { addendumHash } from '../../src/lib/domain/addendum';
import type { SealedProtocol } from '../../src/lib/server/store/types';
import { addPerspective } from '../../src/lib/domain/voices-doc';
import { startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, type TestDatabase } from './cluster/harness';
import { contentOf, formPost, lockFixture, meetingPage, refusedInPlace, statusOn, versionOn, type Person } from './lock-fixture';
import { suiteUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * The lock across instances (issue 10): two built servers (pages and collab server each) on one
 * PostgreSQL database and one Redis. Both compute the same version of the protocol from the same
 * documents (the hash does not depend on the instance), approvals may go to either, and the
 * meeting is sealed through A: the secretary's sockets on B turn read-only at once (the status
 * change reaches B over Redis); fresh sockets of the owner, the secretary and the user
 * association's adjuster are refused on both documents on both instances, and still on B after it
 * crashed and came back; an addendum written and approved across the two leaves the adjusted hash,
 * the stored protocol and the sealed documents as they were.
 */
const suite = 'The adjusted protocol is locked on every instance';
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** The stored protocol as comparable values: a byte changed anywhere changes one of them. */
const sameRow = (row: SealedProtocol) => ({
	hash: row.hash,
	canonical: row.canonical,
	meetingState: Buffer.from(row.meetingState).toString('base64'),
	voicesState: Buffer.from(row.voicesState).toString('base64'),
	format: row.format,
	approvals: JSON.stringify(row.approvals),
	sealedAt: row.sealedAt.toISOString()
});

/** The page a no-JavaScript form post gets back carries the action's refusal (SvelteKit's `form`). */
async function expectOk(response: Promise<Response>, what: string): Promise<void> {
	const r = await response;
	expect(r.status, `${what}: ${r.status === 400 ? /errors:\{[^}]*\}/.exec(await r.text())?.[0] : ''}`).toBe(200);
}

if (!adminUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances share a PostgreSQL database: set TEST_DATABASE_URL');
else if (!redisUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances talk over Redis: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)');
else {
	describe(suite, () => {
		let db: TestDatabase;
		const servers: BuiltServer[] = [];
		const clients: TestClient[] = [];

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterEach(async (context) => {
			if (context.task.result?.state === 'fail') for (const [i, s] of servers.entries()) console.error(`--- built server ${i} (${s.url})\n${s.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			for (const s of servers.splice(0)) await s.stop();
		}, 30_000);
		afterAll(async () => {
			await db?.drop();
		}, 30_000);

		it('both instances compute the same version and take approvals; once adjusted through A every socket on A and B is refused, on both documents, after B crashed and came back too; an addendum leaves the hash', async () => {
			const fixture = await lockFixture(db.store);
			const { owner, secretary, chair, adjusterA, adjusterB, viewer, meetingId, meeting, voices } = fixture;
			// A short document lease: B is killed while it may hold some, and its successor should not wait 10 s for them.
			const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, COLLAB_FLUSH_MS: '40', COLLAB_LEASE_MS: '3000' };
			const start = async () => {
				const s = await startBuiltServer(env);
				servers.push(s);
				return s;
			};
			const a = await start();
			let b = await start();
			const A = a.url;
			const client = (url: string, doc: string, cookie: string) => {
				const c = connectClient(url, doc, cookie);
				clients.push(c);
				return c;
			};
			const post = (url: string, action: string, who: Person, fields: Array<[string, string]>) => formPost(url, meetingId, action, who.cookie, fields);
			const agenda = (c: TestClient) => JSON.stringify(c.doc.getMap('agenda').toJSON());

			const ownerOnA = client(A, meeting, owner.cookie);
			const viewerOnB = client(b.url, meeting, viewer.cookie);
			await Promise.all([synced(ownerOnA), synced(viewerOnB)]);
			const itemId = addAgendaItem(ownerOnA.doc, { title: 'Bostad först i Åsby' });
			setMeetingRole(ownerOnA.doc, 'chairId', chair.user.id);
			setMeetingRole(ownerOnA.doc, 'secretaryId', secretary.user.id);
			await eventually(() => viewerOnB.doc.getMap('meta').get('secretaryId') === secretary.user.id, 'the roles reach instance B', 20_000);

			// The lifecycle moves go to either instance: each reads and writes the one database.
			await expectOk(post(A, 'move', owner, [['to', 'held']]), 'the owner ends the meeting on A');
			await expectOk(post(b.url, 'appoint', chair, [['adjusterIds', adjusterA.user.id], ['adjusterIds', adjusterB.user.id], ['dueDate', '2026-12-15']]), 'the chair appoints on B');
			await expectOk(post(A, 'move', secretary, [['to', 'in_adjustment']]), 'the secretary sends it for adjustment on A');
			expect(statusOn(await meetingPage(b.url, meetingId, viewer.cookie))).toBe('in_adjustment');

			// The secretary works on instance B: in adjustment their minutes go through, to A too.
			const secMeetingOnB = client(b.url, meeting, secretary.cookie);
			const secVoicesOnB = client(b.url, voices, secretary.cookie);
			const viewerOnA = client(A, meeting, viewer.cookie);
			await Promise.all([synced(secMeetingOnB), synced(secVoicesOnB), synced(viewerOnA)]);
			recordDecision(secMeetingOnB.doc, itemId, { text: 'Gruppen ställer sig bakom Bostad först.', createdBy: secretary.user.id });
			await eventually(() => agenda(viewerOnA).includes('Gruppen ställer sig bakom'), "the secretary's decision on B reaches A", 20_000);
			expect(secMeetingOnB.permissionDenied).toEqual([]);

			// The same documents give the same version on both instances (same input, same bytes, same hash).
			const version = versionOn(await meetingPage(A, meetingId, chair.cookie))!;
			expect(version).toMatch(/^[0-9a-f]{64}$/);
			expect(versionOn(await meetingPage(b.url, meetingId, chair.cookie))).toBe(version);
			expect(versionOn(await meetingPage(b.url, meetingId, adjusterB.cookie))).toBe(version);

			// Approvals on either instance; the chair's on A seals it.
			await expectOk(post(A, 'approve', adjusterA, [['version', version]]), 'adjuster A approves on A');
			await expectOk(post(b.url, 'approve', adjusterB, [['version', version]]), "the user association's adjuster approves on B");
			expect(statusOn(await meetingPage(A, meetingId, viewer.cookie))).toBe('in_adjustment');
			await expectOk(post(A, 'approve', chair, [['version', version]]), 'the chair approves on A');
			for (const url of [A, b.url]) expect(statusOn(await meetingPage(url, meetingId, viewer.cookie)), url).toBe('adjusted');
			const row = (await db.store.protocols.get(meetingId))!;
			expect(row.hash).toBe(version);

			// Both instances verify it, naming the meeting and its three approvers.
			const verifyOn = async (url: string) => (await fetch(`${url}/verify/${version}.json`)).json();
			for (const url of [A, b.url]) {
				const verified = await verifyOn(url);
				expect(verified, url).toMatchObject({ kind: 'match', hash: version, meetingTitle: expect.any(String), addenda: [] });
				expect(verified.approvers.map((p: { name: string; role: string }) => `${p.role} ${p.name}`).sort(), url).toEqual(
					[`chair ${chair.user.displayName}`, `adjuster ${adjusterA.user.displayName}`, `adjuster ${adjusterB.user.displayName}`].sort()
				);
			}

			const read = async (url: string) => {
				const m = client(url, meeting, viewer.cookie);
				const v = client(url, voices, viewer.cookie);
				await Promise.all([synced(m), synced(v)]);
				return { meeting: contentOf(m.doc, ['meta', 'agenda', 'attendance']), voices: contentOf(v.doc, ['perspectives', 'summaries']) };
			};
			const sealed = await read(A);
			expect(await read(b.url)).toEqual(sealed);

			// The secretary's open sockets on B (who could write until the seal) are refused without reconnecting.
			recordDecision(secMeetingOnB.doc, itemId, { text: 'Efter justeringen, på B.', createdBy: secretary.user.id });
			await refusedInPlace(secMeetingOnB, "the secretary's open socket on B refuses the update");
			addPerspective(secVoicesOnB.doc, itemId, secretary.author, 'Efter justeringen, på B.');
			await refusedInPlace(secVoicesOnB, "the secretary's open voices socket on B refuses the update");
			// And the owner's open socket on A.
			recordDecision(ownerOnA.doc, itemId, { text: 'Ägaren på A.', createdBy: owner.user.id });
			await refusedInPlace(ownerOnA, "the owner's open socket on A refuses the update");

			// Fresh sockets of the owner, the secretary and the user association's adjuster (a contributor), on both documents.
			const people = [
				[owner, 'owner'],
				[secretary, 'secretary'],
				[adjusterB, 'contributor']
			] as const;
			const tryAll = async (url: string, label: string) => {
				for (const [p, who] of people) {
					const m = client(url, meeting, p.cookie);
					const v = client(url, voices, p.cookie);
					await Promise.all([synced(m), synced(v)]);
					expect(agenda(m), `${who} ${label}: the sealed minutes are read`).toContain('Gruppen ställer sig bakom');
					recordDecision(m.doc, itemId, { text: `${who} ${label}`, createdBy: p.user.id });
					m.doc.getMap('meta').set('secretaryId', p.user.id);
					addPerspective(v.doc, itemId, p.author, `${who} ${label}`);
					await refusedInPlace(m, `${who}'s minutes update ${label} refused`);
					await refusedInPlace(v, `${who}'s voices update ${label} refused`);
				}
			};
			await tryAll(A, 'on A');
			await tryAll(b.url, 'on B');

			// A correction now is an addendum: written on B, approved across both; the hash stays.
			await expectOk(post(b.url, 'addendum', secretary, [['text', '§ 1: uppföljningen sker i mars.']]), 'the secretary writes an addendum on B');
			await expectOk(post(A, 'approveAddendum', chair, [['number', '1']]), 'the chair approves the addendum on A');
			await expectOk(post(b.url, 'approveAddendum', adjusterA, [['number', '1']]), 'adjuster A approves the addendum on B');
			await expectOk(post(A, 'approveAddendum', adjusterB, [['number', '1']]), "the user association's adjuster approves the addendum on A");
			const [addendum] = await db.store.addenda.list(meetingId);
			expect(addendum?.approvedAt).not.toBeNull();
			for (const url of [A, b.url]) {
				const page = await meetingPage(url, meetingId, viewer.cookie);
				expect(page, url).toMatch(/data-testid="addendum" data-approved="yes"/);
				expect(page, url).toContain(`href="/verify/${version}"`);
				expect(await verifyOn(url), url).toMatchObject({ kind: 'match', hash: version, addenda: [{ number: 1, hash: addendum.hash }] });
			}
			// Its own hash, of the protocol it corrects and its words; never the protocol's.
			expect(addendum.hash).toBe(addendumHash(version, 1, '§ 1: uppföljningen sker i mars.'));
			expect(sameRow((await db.store.protocols.get(meetingId))!)).toEqual(sameRow(row));

			// Whatever an instance might have let through would reach the others within the flush interval.
			await new Promise((r) => setTimeout(r, 400));
			expect(await read(A)).toEqual(sealed);
			expect(await read(b.url)).toEqual(sealed);
			for (const c of [viewerOnA, viewerOnB]) expect(agenda(c)).not.toMatch(/Efter justeringen|Ägaren på A|on A|on B/);

			// B crashes (SIGKILL: nothing flushed on the way out) and comes back: still adjusted, still locked.
			for (const c of clients.filter((c) => c.provider.url.startsWith(b.url.replace(/^http/, 'ws')))) c.destroy();
			await b.stop('SIGKILL');
			servers.splice(servers.indexOf(b), 1);
			b = await start();
			expect(statusOn(await meetingPage(b.url, meetingId, viewer.cookie))).toBe('adjusted');
			expect(await verifyOn(b.url)).toMatchObject({ kind: 'match', hash: version });
			await tryAll(b.url, 'on B after the crash');
			await new Promise((r) => setTimeout(r, 400));
			expect(await read(b.url)).toEqual(sealed);
			expect(await read(A)).toEqual(sealed);
			expect(sameRow((await db.store.protocols.get(meetingId))!)).toEqual(sameRow(row));
		}, 300_000);
	});
}
