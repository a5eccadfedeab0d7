// Over 300 lines: one production server and one database serve every endpoint, scope and role of
// /api/v1, which each need the same boards, meetings and tokens; split, each file would start its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as v from 'valibot';
import { MyData } from '../../src/lib/domain/api-schemas';
import { addAgendaItem, recordDecision, setAttendance } from '../../src/lib/domain/meeting-doc';
import { createAction, listActions } from '../../src/lib/domain/board-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { renderInput } from '../../src/lib/server/protocol/current-protocol';
import { createApiToken } from '../../src/lib/server/services/api-tokens';
import { createMeeting } from '../../src/lib/server/services/boards';
import type { TokenChoice } from '../../src/lib/domain/api-tokens';
import { startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, type TestDatabase } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { postgresUnavailable } from './suite-unavailable';

const suite = 'The JSON API over HTTP: every endpoint, scope and role';
const adminUrl = process.env.TEST_DATABASE_URL;
/** Low, so one test can reach it with a token of its own; every other test's token stays far below. */
const RATE_LIMIT = 40;

type Person = Awaited<ReturnType<typeof makeUser>>;

if (!adminUrl) postgresUnavailable(suite);
else {
	/**
	 * Issue 15 against the production build on a PostgreSQL database the test shares with it: tokens
	 * made by the service the account page uses, boards and meetings by the board page's services,
	 * document content written as stored before the server first loads it.
	 */
	describe(suite, () => {
		let db: TestDatabase;
		let server: BuiltServer;
		let olle: Person; // owner of the first board
		let vera: Person; // viewer on it
		let otto: Person; // owner of another board only
		let boardId: string;
		let meetingId: string;
		let adjustedId: string;
		let sealedHash: string;
		let otherBoardId: string;
		let otherMeetingId: string;
		let exposedId: string; // a draft of the other board with a personnummer in an open §

		async function token(person: Person, choice: TokenChoice, board: { id: string } | null = null) {
			const role = board ? ((await db.store.boards.role(board.id, person.user.id)) ?? 'viewer') : 'viewer';
			const made = await createApiToken(db.store, person.user, { name: `Skript ${choice}`, scope: choice, days: '30' }, new Date(), board ? { id: board.id, role } : null);
			if (!made.ok) throw new Error(JSON.stringify(made.errors));
			return made.value.token;
		}

		function call(secret: string, path: string, init: RequestInit & { lang?: string } = {}) {
			const headers = new Headers(init.headers);
			headers.set('authorization', `Bearer ${secret}`);
			headers.set('accept-language', init.lang ?? 'en');
			return fetch(`${server.url}/api/v1${path}`, { ...init, headers, redirect: 'manual' });
		}
		const send = (secret: string, method: string, path: string, body: unknown, lang = 'en') =>
			call(secret, path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, lang });

		async function problem(response: Response, status: number, kind: string) {
			expect(response.status, await response.clone().text()).toBe(status);
			expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
			const body = await response.json();
			expect(body).toMatchObject({ type: `urn:samtavla:problem:${kind}`, status });
			expect(body.title).toEqual(expect.any(String));
			expect(body.detail).toEqual(expect.any(String));
			return body;
		}

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			const store = db.store;
			[olle, vera, otto] = [await makeUser(store, 'Olle'), await makeUser(store, 'Vera'), await makeUser(store, 'Otto')];
			({ boardId, meetingId } = await makeMeeting(store, olle.user));
			await store.boards.addMember(boardId, vera.user.id, 'viewer');
			({ boardId: otherBoardId, meetingId: otherMeetingId } = await makeMeeting(store, otto.user));

			const meeting = new Y.Doc();
			const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
			recordDecision(meeting, item, { text: 'Försöket pågår i ett år.', createdBy: olle.user.id, kind: 'consensus', reviewDate: '2027-11-30' }, 'd1');
			setAttendance(meeting, [olle.user.id], 'present');
			await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
			const boardDoc = new Y.Doc();
			createAction(boardDoc, { title: 'Ring hyresvärden', agencyId: olle.user.agencyId, raisedByAgencyId: olle.user.agencyId, createdBy: olle.user.id, dueDate: '2020-01-10' }, new Date(), 'a1');
			await store.docs.append(`board:${boardId}`, [Y.encodeStateAsUpdate(boardDoc)]);

			// A draft whose public version has an identity number: not exportable through the API.
			const exposed = await createMeeting(store, otto.user, otherBoardId, { title: 'Möte med nummer', startsAt: '2026-12-20T13:00', tzOffset: '60' });
			if (!exposed.ok) throw new Error(JSON.stringify(exposed.errors));
			exposedId = exposed.value.id;
			const exposedDoc = new Y.Doc();
			recordDecision(exposedDoc, addAgendaItem(exposedDoc, { title: 'Boende' }, 'i1'), { text: 'Klienten 811218-9876 har fått en lägenhet.', createdBy: olle.user.id }, 'd1');
			await store.docs.append(`meeting:${exposedId}`, [Y.encodeStateAsUpdate(exposedDoc)]);

			// A second meeting of the first board, adjusted: its sealed protocol has a hash.
			const second = await createMeeting(store, olle.user, boardId, { title: 'Justerat möte', startsAt: '2026-11-20T13:00', tzOffset: '60' });
			if (!second.ok) throw new Error(JSON.stringify(second.errors));
			adjustedId = second.value.id;
			const sealedDoc = new Y.Doc();
			recordDecision(sealedDoc, addAgendaItem(sealedDoc, { title: 'Dagordning' }, 'i1'), { text: 'Mötet godkänner dagordningen.', createdBy: olle.user.id }, 'd1');
			await store.docs.append(`meeting:${adjustedId}`, [Y.encodeStateAsUpdate(sealedDoc)]);
			const adjusted = (await store.meetings.get(adjustedId))!;
			const board = (await store.boards.get(boardId))!;
			const input = await renderInput(store, { meeting: adjusted, board, timeZone: 'Europe/Stockholm' });
			const sealed = renderProtocol(input);
			sealedHash = protocolHash(sealed);
			const at = new Date();
			const revision = await store.meetings.change(adjustedId, { revision: adjusted.revision, status: 'in_adjustment', bumpSequence: false, event: { kind: 'status', actorId: olle.user.id, at, detail: {} } });
			const sealedOk = await store.protocols.seal(
				{ meetingId: adjustedId, hash: sealedHash, format: sealed.format, canonical: canonicalJson(sealed), meetingState: Y.encodeStateAsUpdate(input.meetingDoc), voicesState: Y.encodeStateAsUpdate(input.voicesDoc!), approvals: [], sealedAt: at },
				revision!,
				{},
				olle.user.id
			);
			expect(sealedOk).toBe(true);

			server = await startBuiltServer({ DATABASE_URL: db.url, API_RATE_LIMIT: String(RATE_LIMIT), ORIGIN: 'https://samtavla.example.org' });
		}, 120_000);

		afterAll(async () => {
			await server?.stop();
			await db?.drop();
		});

		it('a personal token reads the person’s boards, each with their role, and nothing of a board they are not on (404)', async () => {
			const secret = await token(vera, 'read');
			const boards = await (await call(secret, '/boards')).json();
			expect(boards).toEqual({ items: [expect.objectContaining({ id: boardId, role: 'viewer', language: 'sv' })], next: null });
			const board = await (await call(secret, `/boards/${boardId}`)).json();
			expect(board.members.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual([[olle.user.id, 'owner'], [vera.user.id, 'viewer']].sort());
			expect(board.agencies).toEqual(expect.arrayContaining([{ id: olle.user.agencyId, name: expect.any(String) }]));
			await problem(await call(secret, `/boards/${otherBoardId}`), 404, 'not-found');
			await problem(await call(secret, `/meetings/${otherMeetingId}`), 404, 'not-found');
			await problem(await call(secret, `/boards/${otherBoardId}/actions`), 404, 'not-found');
			await problem(await call(secret, '/boards/no-such-board'), 404, 'not-found');
			// The register across boards has the first board's action, never another board's.
			const actions = await (await call(secret, '/actions?status=any')).json();
			expect(actions.items.map((a: { boardId: string }) => a.boardId)).toEqual([boardId]);
		});

		it('a board token reads its own board only, as an owner; another board is 404 everywhere', async () => {
			const secret = await token(olle, 'actions:write', { id: boardId });
			const me = await (await call(secret, '/me')).json();
			expect(me.token).toMatchObject({ boardId, scopes: ['read', 'actions:write'] });
			expect((await (await call(secret, '/boards')).json()).items.map((b: { id: string; role: string }) => [b.id, b.role])).toEqual([[boardId, 'owner']]);
			// Olle has a board of his own besides; his board token still does not read it.
			const { boardId: olleOther } = await makeMeeting(db.store, olle.user);
			await problem(await call(secret, `/boards/${olleOther}`), 404, 'not-found');
			await problem(await call(secret, `/boards/${olleOther}/meetings`), 404, 'not-found');
			await problem(await call(secret, `/actions?board=${olleOther}`), 404, 'not-found');
			expect((await (await call(secret, '/actions?status=any')).json()).items.every((a: { boardId: string }) => a.boardId === boardId)).toBe(true);
			expect((await (await call(secret, '/decisions')).json()).items.every((d: { boardId: string }) => d.boardId === boardId)).toBe(true);
			// Asking is a person's own act: a board token is no one to ask as.
			await problem(await send(secret, 'POST', `/boards/${boardId}/asks`, { kind: 'item', text: 'Ta upp bostadsfrågan' }), 403, 'insufficient-scope');
			const writer = await token(olle, 'write', { id: boardId });
			await problem(await send(writer, 'POST', `/boards/${boardId}/asks`, { kind: 'item', text: 'Ta upp bostadsfrågan' }), 403, 'forbidden');
		});

		it('the person’s own data: the account page’s export for a personal token (logged as an export), never for a board token', async () => {
			const secret = await token(vera, 'read');
			const response = await call(secret, '/me/data');
			expect(response.status).toBe(200);
			const data = v.parse(MyData, await response.json());
			expect(data.account).toMatchObject({ id: vera.user.id, email: vera.user.email });
			expect(data.memberships).toEqual([{ boardId, boardName: expect.any(String), role: 'viewer' }]);
			const exports = await db.store.audit.list({ kinds: ['data-exported'], actorId: vera.user.id });
			expect(exports.map((e) => (e.details as { via?: string }).via)).toContain('api');
			await problem(await call(await token(olle, 'read', { id: boardId }), '/me/data'), 403, 'forbidden');
		});

		it('a board token stops when its maker no longer owns the board', async () => {
			const eva = await makeUser(db.store, 'Eva');
			await db.store.boards.addMember(boardId, eva.user.id, 'owner');
			const secret = await token(eva, 'read', { id: boardId });
			expect((await call(secret, '/boards')).status).toBe(200);
			await db.store.boards.setRole(boardId, eva.user.id, 'editor');
			await problem(await call(secret, '/boards'), 401, 'token-invalid');
		});

		it('a meeting answers its agenda, decisions, attendance and status; lists page and filter', async () => {
			const secret = await token(olle, 'read');
			const meeting = await (await call(secret, `/meetings/${meetingId}`)).json();
			expect(meeting).toMatchObject({ id: meetingId, boardId, status: 'planned' });
			expect(meeting.agenda).toEqual([
				expect.objectContaining({
					number: 1,
					title: 'Bostad först',
					internal: false,
					decisions: [{ number: 1, text: 'Försöket pågår i ett år.', kind: 'consensus', reviewDate: '2027-11-30', reservations: [] }]
				})
			]);
			expect(meeting.attendance.present.flatMap((g: { people: Array<{ name: string }> }) => g.people.map((p) => p.name))).toEqual([olle.user.displayName]);

			const all = await (await call(secret, `/boards/${boardId}/meetings`)).json();
			expect(all.items.map((m: { id: string }) => m.id).sort()).toEqual([adjustedId, meetingId].sort());
			const first = await (await call(secret, `/boards/${boardId}/meetings?limit=1`)).json();
			expect(first.items).toHaveLength(1);
			expect(first.next).toMatch(/^\/api\/v1\/boards\/[^/]+\/meetings\?limit=1&cursor=1$/);
			const second = await (await call(secret, first.next.slice('/api/v1'.length))).json();
			expect([...first.items, ...second.items].map((m: { id: string }) => m.id)).toEqual(all.items.map((m: { id: string }) => m.id));
			expect(second.next).toBeNull();
			expect((await (await call(secret, `/boards/${boardId}/meetings?status=adjusted`)).json()).items.map((m: { id: string }) => m.id)).toEqual([adjustedId]);
			expect((await (await call(secret, `/boards/${boardId}/meetings?from=2026-11-25`)).json()).items.map((m: { id: string }) => m.id)).toEqual([meetingId]);

			const bad = await problem(await call(secret, `/boards/${boardId}/meetings?status=soon&limit=900`, { lang: 'sv' }), 422, 'invalid-request');
			expect(bad.title).toBe('Felaktigt anrop');
			expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
		});

		it('lists and single resources carry an ETag and answer 304 to If-None-Match until they change', async () => {
			const secret = await token(olle, 'actions:write');
			const first = await call(secret, `/boards/${boardId}/actions?status=any`);
			const etag = first.headers.get('etag');
			expect(etag).toMatch(/^W\/".+"$/);
			expect(first.headers.get('cache-control')).toBe('private, no-cache');
			const again = await call(secret, `/boards/${boardId}/actions?status=any`, { headers: { 'if-none-match': etag! } });
			expect(again.status).toBe(304);
			expect(await again.text()).toBe('');
			expect((await call(secret, `/meetings/${meetingId}`, { headers: { 'if-none-match': 'W/"other"' } })).status).toBe(200);
			expect((await send(secret, 'POST', `/boards/${boardId}/actions`, { title: 'Boka lokal', agencyId: olle.user.agencyId })).status).toBe(201);
			const changed = await call(secret, `/boards/${boardId}/actions?status=any`, { headers: { 'if-none-match': etag! } });
			// The register is projected from the document a moment after the write.
			if (changed.status === 304) await new Promise((r) => setTimeout(r, 500));
			const later = await call(secret, `/boards/${boardId}/actions?status=any`, { headers: { 'if-none-match': etag! } });
			expect(later.status).toBe(200);
			expect(later.headers.get('etag')).not.toBe(etag);
		});

		it('writing actions needs the scope (403 with the challenge), a role that writes, and valid input (422 in the caller’s language)', async () => {
			const reader = await token(olle, 'read');
			const refused = await send(reader, 'POST', `/boards/${boardId}/actions`, { title: 'X', agencyId: olle.user.agencyId });
			await problem(refused, 403, 'insufficient-scope');
			expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="samtavla", error="insufficient_scope", scope="actions:write"');

			// Vera is a viewer: her token may have the scope, her role does not write.
			const viewer = await token(vera, 'actions:write');
			await problem(await send(viewer, 'POST', `/boards/${boardId}/actions`, { title: 'X', agencyId: olle.user.agencyId }), 403, 'forbidden');

			const writer = await token(olle, 'actions:write');
			const invalid = await problem(await send(writer, 'POST', `/boards/${boardId}/actions`, { title: ' ', agencyId: 'nobody', dueDate: 'tomorrow' }, 'sv'), 422, 'invalid-request');
			expect(invalid.errors).toEqual(
				expect.arrayContaining([
					{ field: 'title', code: 'act_error_title_required', message: expect.any(String) },
					{ field: 'agencyId', code: 'act_error_agency_required', message: expect.any(String) },
					{ field: 'dueDate', code: 'act_error_due_invalid', message: expect.any(String) }
				])
			);
			const notJson = await call(writer, `/boards/${boardId}/actions`, { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
			expect((await problem(notJson, 422, 'invalid-request')).errors[0].code).toBe('api_error_json_required');
			const broken = await call(writer, `/boards/${boardId}/actions`, { method: 'POST', body: '{"title":', headers: { 'content-type': 'application/json' } });
			await problem(broken, 422, 'invalid-request');
			const huge = await send(writer, 'POST', `/boards/${boardId}/actions`, { title: 'x'.repeat(70_000), agencyId: olle.user.agencyId });
			expect((await problem(huge, 422, 'invalid-request')).errors[0].code).toBe('api_error_body_too_large');

			// Hostile bodies: deeply nested, wrong types, a forged maker; refused or ignored, and the server stays up.
			const deep = `{"title":${'['.repeat(30_000)}${']'.repeat(30_000)},"agencyId":"x"}`;
			await problem(await call(writer, `/boards/${boardId}/actions`, { method: 'POST', body: deep, headers: { 'content-type': 'application/json' } }), 422, 'invalid-request');
			await problem(await send(writer, 'POST', `/boards/${boardId}/actions`, [1, 2, 3]), 422, 'invalid-request');
			await problem(await send(writer, 'POST', `/boards/${boardId}/actions`, { title: 7, agencyId: null }), 422, 'invalid-request');
			const forged = await send(writer, 'POST', `/boards/${boardId}/actions`, { title: 'Påhittad', agencyId: olle.user.agencyId, createdBy: otto.user.id, status: 'done', __proto__: { admin: true } });
			expect(forged.status).toBe(201);
			const forgedId = (await forged.json()).id;
			// Stored in the caller's name, whatever the body said.
			const stored = await db.store.docs.load(`board:${boardId}`);
			const doc = new Y.Doc();
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(doc, update);
			expect(listActions(doc).find((a) => a.id === forgedId)).toMatchObject({ status: 'open', createdBy: olle.user.id });

			const made = await send(writer, 'POST', `/boards/${boardId}/actions`, { title: 'Ta fram statistik', agencyId: olle.user.agencyId, dueDate: '2027-01-15', assigneeId: olle.user.id });
			expect(made.status).toBe(201);
			const action = await made.json();
			expect(action).toMatchObject({ boardId, title: 'Ta fram statistik', status: 'open', dueDate: '2027-01-15', assigneeName: olle.user.displayName, overdue: false, lastChange: null });

			const done = await send(writer, 'PATCH', `/boards/${boardId}/actions/${action.id}`, { status: 'done', outcome: 'Statistiken visar en minskning.' });
			expect(done.status).toBe(200);
			expect(await done.json()).toMatchObject({ id: action.id, status: 'done', outcome: 'Statistiken visar en minskning.', lastChange: { by: olle.user.displayName } });
			await problem(await send(writer, 'PATCH', `/boards/${boardId}/actions/${action.id}`, { status: 'finished' }), 422, 'invalid-request');
			await problem(await send(writer, 'PATCH', `/boards/${boardId}/actions/no-such-action`, { status: 'done' }), 404, 'not-found');
			await problem(await send(writer, 'PATCH', `/boards/${otherBoardId}/actions/${action.id}`, { status: 'done' }), 404, 'not-found');
		});

		it('each role writes what its pages let it: owners and editors record actions, contributors and viewers only ask', async () => {
			const expected = { owner: 201, editor: 201, contributor: 403, viewer: 403 } as const;
			for (const [role, status] of Object.entries(expected)) {
				const person = await makeUser(db.store, `Roll ${role}`);
				await db.store.boards.addMember(boardId, person.user.id, role as keyof typeof expected);
				const secret = await token(person, 'write');
				const action = await send(secret, 'POST', `/boards/${boardId}/actions`, { title: `Åtgärd av ${role}`, agencyId: olle.user.agencyId });
				expect(action.status, `${role} records an action`).toBe(status);
				const ask = await send(secret, 'POST', `/boards/${boardId}/asks`, { kind: 'item', text: `Önskemål från ${role}` });
				expect(ask.status, `${role} asks`).toBe(201);
				expect((await call(secret, `/boards/${boardId}/decisions`)).status, `${role} reads`).toBe(200);
			}
		});

		it('asks: a person with the scope asks in their own name; the board’s asks list it', async () => {
			const secret = await token(vera, 'write');
			const made = await send(secret, 'POST', `/boards/${boardId}/asks`, { kind: 'action', text: 'Kan bostadsbolaget svara på frågan om trapphuset?', toAgencyId: olle.user.agencyId });
			expect(made.status, await made.clone().text()).toBe(201);
			const ask = await made.json();
			expect(ask).toMatchObject({ boardId, kind: 'action', authorName: vera.user.displayName, answer: null, withdrawn: false });
			const list = await (await call(secret, `/boards/${boardId}/asks`)).json();
			expect(list.items.map((a: { id: string }) => a.id)).toContain(ask.id);
			const refused = await problem(await send(secret, 'POST', `/boards/${boardId}/asks`, { kind: 'item', text: '' }, 'da'), 422, 'invalid-request');
			expect(refused.errors[0]).toMatchObject({ field: 'text', code: 'asks_error_text_required' });
		});

		it('decisions: the register with its filters, per board and across boards', async () => {
			const secret = await token(olle, 'read');
			const all = await (await call(secret, '/decisions')).json();
			expect(all.items).toEqual(expect.arrayContaining([expect.objectContaining({ boardId, meetingId, text: 'Försöket pågår i ett år.', kind: 'consensus', reviewDate: '2027-11-30' })]));
			const consensus = await (await call(secret, `/boards/${boardId}/decisions?kind=consensus`)).json();
			expect(consensus.items.map((d: { text: string }) => d.text)).toEqual(['Försöket pågår i ett år.']);
			expect((await (await call(secret, `/boards/${boardId}/decisions?q=dagordningen`)).json()).items.map((d: { meetingId: string }) => d.meetingId)).toEqual([adjustedId]);
			await problem(await call(secret, '/decisions?kind=unanimous'), 422, 'invalid-request');
		});

		it('the protocol: an adjusted one’s hash and verification address; exports as PDF, DOCX and Markdown; internal ones logged', async () => {
			const secret = await token(olle, 'read');
			const info = await (await call(secret, `/meetings/${adjustedId}/protocol`)).json();
			expect(info).toEqual({
				meetingId: adjustedId,
				adjusted: true,
				hash: sealedHash,
				draftVersion: null,
				language: 'sv',
				verifyUrl: `https://samtavla.example.org/verify/${sealedHash}`,
				publicExportable: true,
				exports: { pdf: `/api/v1/meetings/${adjustedId}/protocol.pdf`, docx: `/api/v1/meetings/${adjustedId}/protocol.docx`, md: `/api/v1/meetings/${adjustedId}/protocol.md` }
			});
			const draft = await (await call(secret, `/meetings/${meetingId}/protocol`)).json();
			expect(draft).toMatchObject({ adjusted: false, hash: null, draftVersion: expect.stringMatching(/^[0-9a-f]{64}$/), publicExportable: true });
			// An identity number in an open §: the public version is not exportable, and its export is refused.
			const ottos = await token(otto, 'read');
			expect(await (await call(ottos, `/meetings/${exposedId}/protocol`)).json()).toMatchObject({ adjusted: false, publicExportable: false });
			await problem(await call(ottos, `/meetings/${exposedId}/protocol.pdf?version=public`), 403, 'forbidden');

			const md = await call(secret, `/meetings/${adjustedId}/protocol.md`);
			expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
			const text = await md.text();
			expect(text).toContain('Mötet godkänner dagordningen.');
			expect(text).toContain(sealedHash);
			const pdf = await call(secret, `/meetings/${adjustedId}/protocol.pdf?version=public`);
			expect(pdf.headers.get('content-type')).toBe('application/pdf');
			expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
			const docx = await call(secret, `/meetings/${adjustedId}/protocol.docx`);
			expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
			await problem(await call(secret, `/meetings/${adjustedId}/protocol.md?version=secret`), 422, 'invalid-request');

			const exports = await db.store.audit.list({ boardId, kinds: ['internal-export'] });
			expect(exports.filter((e) => e.meetingId === adjustedId).map((e) => (e.details as { format: string; via: string }).format).sort()).toEqual(['docx', 'md']);
		});

		it('every use of a token is in the audit log: the token, method, route and status, on the board it concerned', async () => {
			const secret = await token(olle, 'read');
			const me = await (await call(secret, '/me')).json();
			await call(secret, `/boards/${boardId}/meetings`);
			await call(secret, `/boards/${otherBoardId}`);
			const entries = (await db.store.audit.list({ kinds: ['api-request'], actorId: olle.user.id })).filter((e) => e.subject === me.token.id);
			const seen = entries.map((e) => [e.boardId, (e.details as { method: string }).method, (e.details as { route: string }).route, (e.details as { status: number }).status]);
			expect(seen).toEqual(
				expect.arrayContaining([
					[null, 'GET', '/api/v1/me', 200],
					[boardId, 'GET', '/api/v1/boards/[boardId]/meetings', 200],
					[null, 'GET', '/api/v1/boards/[boardId]', 404]
				])
			);
			const made = await db.store.audit.list({ kinds: ['api-token-created'], actorId: olle.user.id });
			expect(made.map((e) => e.subject)).toContain(me.token.id);
		});

		it(`a token gets ${RATE_LIMIT} requests a minute, told in RateLimit headers; then 429 with Retry-After, other tokens unaffected`, async () => {
			const secret = await token(otto, 'read');
			const first = await call(secret, '/me');
			expect(first.headers.get('ratelimit-policy')).toBe(`"token";q=${RATE_LIMIT};w=60`);
			expect(first.headers.get('ratelimit')).toMatch(new RegExp(`^"token";r=${RATE_LIMIT - 1};t=\\d+$`));
			for (let i = 1; i < RATE_LIMIT; i++) expect((await call(secret, '/me')).status).toBe(200);
			const refused = await call(secret, '/me', { lang: 'da' });
			const body = await problem(refused, 429, 'rate-limited');
			expect(body.title).toBe('For mange kald');
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(refused.headers.get('ratelimit')).toMatch(/^"token";r=0;t=\d+$/);
			expect((await call(await token(otto, 'read'), '/me')).status).toBe(200);
		});
	});
}
