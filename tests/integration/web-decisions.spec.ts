import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, recordDecision } from '../../src/lib/domain/meeting-doc';
import { addReservation } from '../../src/lib/domain/voices-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { renderInput } from '../../src/lib/server/protocol/current-protocol';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * The decision register (issue 12, point 8) and the protocol's decision details (point 5)
 * against the production build: members see their boards' decisions, with kind, review date and
 * reservations, filtered by GET forms; someone outside the board sees none of them. A protocol
 * sealed before a reservation was added still verifies and is served as it was sealed.
 */
const DECISION = 'Försöket med Bostad först pågår i ett år.';
const RESERVATION = 'Vi anser att uppföljningen kommer för sent.';
const OTHER = 'Nästa möte hålls i Stadshuset.';
const SEALED_DECISION = 'Mötet godkänner dagordningen.';

describe('Decision register and decision details, over HTTP', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let contributor: Awaited<ReturnType<typeof makeUser>>;
	let outsider: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;
	let adjustedId: string;
	let sealedHash: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		contributor = await makeUser(store, 'Contributor');
		outsider = await makeUser(store, 'Outsider');
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, contributor.user.id, 'contributor');
		const agency = (await store.agencies.get(contributor.user.agencyId))!;
		const author = { id: contributor.user.id, name: contributor.user.displayName, agencyId: agency.id, agencyName: agency.name };

		const meeting = new Y.Doc();
		const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
		recordDecision(meeting, item, { text: DECISION, createdBy: owner.user.id, kind: 'majority', reviewDate: '2027-11-30' }, 'd1');
		recordDecision(meeting, item, { text: OTHER, createdBy: owner.user.id }, 'd2');
		const voices = new Y.Doc();
		addReservation(voices, { itemId: item, decisionId: 'd1' }, author, RESERVATION);
		await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
		await store.docs.append(`meeting:${meetingId}:voices`, [Y.encodeStateAsUpdate(voices)]);

		// A meeting sealed with a decision as format 1 always had it ({ number, text }); a
		// reservation written into its voices afterwards must change nothing of what was sealed.
		const second = await makeMeeting(store, owner.user);
		adjustedId = second.meetingId;
		const sealedMeeting = new Y.Doc();
		const sealedItem = addAgendaItem(sealedMeeting, { title: 'Dagordning' }, 'item1');
		recordDecision(sealedMeeting, sealedItem, { text: SEALED_DECISION, createdBy: owner.user.id }, 'd1');
		await store.docs.append(`meeting:${adjustedId}`, [Y.encodeStateAsUpdate(sealedMeeting)]);
		const adjusted = (await store.meetings.get(adjustedId))!;
		const board = (await store.boards.get(second.boardId))!;
		const input = await renderInput(store, { meeting: adjusted, board, timeZone: 'Europe/Stockholm' });
		const sealed = renderProtocol(input);
		sealedHash = protocolHash(sealed);
		const at = new Date();
		const revision = await store.meetings.change(adjustedId, { revision: adjusted.revision, status: 'in_adjustment', bumpSequence: false, event: { kind: 'status', actorId: owner.user.id, at, detail: {} } });
		expect(
			await store.protocols.seal(
				{ meetingId: adjustedId, hash: sealedHash, format: sealed.format, canonical: canonicalJson(sealed), meetingState: Y.encodeStateAsUpdate(input.meetingDoc), voicesState: Y.encodeStateAsUpdate(input.voicesDoc!), approvals: [], sealedAt: at },
				revision!,
				{},
				owner.user.id
			)
		).toBe(true);
		const lateVoices = new Y.Doc();
		addReservation(lateVoices, { itemId: sealedItem, decisionId: 'd1' }, { id: owner.user.id, name: owner.user.displayName, agencyId: owner.user.agencyId, agencyName: 'X' }, 'Sen reservation');
		await store.docs.append(`meeting:${adjustedId}:voices`, [Y.encodeStateAsUpdate(lateVoices)]);

		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 180_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });

	it('shows a member every decision of the board with its kind, review date, reservation and a link to its §', async () => {
		const response = await get(`/boards/${boardId}/decisions`, contributor.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const words of [DECISION, OTHER, 'Majoritetsbeslut', RESERVATION, contributor.user.displayName, 'data-review-date="2027-11-30"']) expect(html).toContain(words);
		expect(html).toContain(`href="/meetings/${meetingId}#item-item1"`);
	});

	it('filters by GET parameters on the server (no JavaScript needed)', async () => {
		const withReservation = await (await get(`/boards/${boardId}/decisions?reservations=with`, contributor.cookie)).text();
		expect(withReservation).toContain(DECISION);
		expect(withReservation).not.toContain(OTHER);
		const byText = await (await get(`/boards/${boardId}/decisions?q=stadshuset`, contributor.cookie)).text();
		expect(byText).toContain(OTHER);
		expect(byText).not.toContain(DECISION);
		const consensus = await (await get(`/boards/${boardId}/decisions?kind=consensus`, contributor.cookie)).text();
		expect(consensus).not.toContain(DECISION);
		expect(consensus).not.toContain(OTHER);
	});

	it('lists the decisions of the person’s boards in /decisions, and none of boards they are not on', async () => {
		const mine = await (await get('/decisions', contributor.cookie)).text();
		expect(mine).toContain(DECISION);
		const theirs = await get('/decisions', outsider.cookie);
		expect(theirs.status).toBe(200);
		const html = await theirs.text();
		expect(html).not.toContain(DECISION);
		expect(html).not.toContain(RESERVATION);
	});

	it('refuses a board register to someone outside the board (403), an unknown board (404), and sends the signed-out to sign in', async () => {
		expect((await get(`/boards/${boardId}/decisions`, outsider.cookie)).status).toBe(403);
		expect((await get('/boards/no-such-board/decisions', outsider.cookie)).status).toBe(404);
		const anonymous = await get(`/boards/${boardId}/decisions`, '');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/signin');
	});

	it('prints the kind, review date and reservation in the draft protocol (Markdown)', async () => {
		const md = await (await get(`/meetings/${meetingId}/protocol.md`, owner.cookie)).text();
		expect(md).toContain('Majoritetsbeslut. Utvärderas senast 30 november 2027.');
		expect(md).toContain(`Reservation av ${contributor.user.displayName}`);
		expect(md).toContain(RESERVATION);
	});

	it('serves and verifies a protocol sealed before a reservation was added exactly as sealed', async () => {
		const md = await (await get(`/meetings/${adjustedId}/protocol.md`, owner.cookie)).text();
		expect(md).toContain(SEALED_DECISION);
		expect(md).not.toContain('Sen reservation');
		expect(md).toContain(sealedHash);
		const verify = await fetch(`${server.url}/verify/${sealedHash}.json`);
		expect(verify.status).toBe(200);
		const body = (await verify.json()) as { kind: string; hash: string };
		expect(body).toMatchObject({ kind: 'match', hash: sealedHash });
	});
});
