import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, recordDecision } from '../../src/lib/domain/meeting-doc';
import { addReservation } from '../../src/lib/domain/voices-doc';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createApiToken } from '../../src/lib/server/services/api-tokens';
import { startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, type TestDatabase } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { postgresUnavailable } from './suite-unavailable';

const suite = 'the OpenAPI description against the answers of the built server';
const adminUrl = process.env.TEST_DATABASE_URL;

type Json = Record<string, unknown>;
type Op = { operationId: string; parameters: ({ name: string; in: string } | { $ref: string })[]; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };

// ajv-formats is CommonJS with its function as `default`; under Node's ESM loader it may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

if (!adminUrl) postgresUnavailable(suite);
else {
	/**
	 * Issue 15, point 2: the served description is the contract. Every GET it lists is called with a
	 * real token against the production build, and every JSON answer is checked with ajv against
	 * that operation's response schema *from the served document*; problems against its Problem
	 * schemas; the writes' answers against theirs.
	 */
	describe(suite, () => {
		let db: TestDatabase;
		let server: BuiltServer;
		let doc: { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Json> } };
		let secret: string;
		const ids: Record<string, string> = {};
		const ajv = new Ajv2020({ allErrors: true, strict: true });
		addFormats(ajv);
		const validators = new Map<string, ValidateFunction>();

		const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
			const { token = secret, ...rest } = init;
			const headers = new Headers(rest.headers);
			if (token) headers.set('authorization', `Bearer ${token}`);
			return fetch(server.url + '/api/v1' + path, { ...rest, headers, redirect: 'manual' });
		};
		const operation = (id: string) => {
			for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) if (op.operationId === id) return { path, method, op };
			throw new Error(`the served description has no operation ${id}`);
		};
		/**
		 * The schema with every described object closed (no properties beyond those it lists): valibot's
		 * objects allow unknown keys, so without this a field the description forgot would pass unseen.
		 */
		const closed = (schema: unknown): unknown => {
			if (Array.isArray(schema)) return schema.map(closed);
			if (!schema || typeof schema !== 'object') return schema;
			const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, closed(v)])) : closed(value)]));
			return 'properties' in copy && !('additionalProperties' in copy) ? { ...copy, additionalProperties: false } : copy;
		};
		/** Checks a body against a schema of the served document, naming the operation when it does not fit. */
		function expectFits(name: string, schema: Json, body: unknown) {
			let validate = validators.get(name);
			if (!validate) validators.set(name, (validate = ajv.compile(closed(schema) as Json)));
			if (!validate(body)) expect.fail(`${name}: the answer does not match its schema in openapi.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(body).slice(0, 600)}`);
		}
		async function expectOperationAnswer(id: string, response: Response, status: number) {
			const { op } = operation(id);
			expect(response.status, `${id}: status (${await response.clone().text().then((t) => t.slice(0, 300))})`).toBe(status);
			expect(response.headers.get('content-type'), id).toMatch(/^application\/json/);
			const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
			expect(schema, `${id}: a ${status} JSON schema in the description`).toBeDefined();
			const body = await response.json();
			expectFits(id, schema!, body);
			return body;
		}
		async function expectProblem(label: string, response: Response, status: number) {
			expect(response.status, label).toBe(status);
			expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
			const body = await response.json();
			expectFits(status === 422 ? 'ValidationProblem' : 'Problem', doc.components.schemas[status === 422 ? 'ValidationProblem' : 'Problem'], body);
			return body;
		}

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			const anna = await makeUser(db.store, 'Anna');
			const made = await makeMeeting(db.store, anna.user);
			ids.boardId = made.boardId;
			ids.meetingId = made.meetingId;
			ids.agencyId = anna.user.agencyId!;
			// A § with a decision and a reservation, so the meeting's agenda and the decision lists are checked with items in them.
			const meeting = new Y.Doc();
			const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
			recordDecision(meeting, item, { text: 'Försöket pågår i ett år.', createdBy: anna.user.id, kind: 'majority', reviewDate: '2027-11-30' }, 'd1');
			const voices = new Y.Doc();
			const agency = (await db.store.agencies.get(ids.agencyId))!;
			addReservation(voices, { itemId: item, decisionId: 'd1' }, { id: anna.user.id, name: anna.user.displayName, agencyId: agency.id, agencyName: agency.name }, 'Uppföljningen kommer för sent.');
			await db.store.docs.append(`meeting:${ids.meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
			await db.store.docs.append(`meeting:${ids.meetingId}:voices`, [Y.encodeStateAsUpdate(voices)]);
			const token = await createApiToken(db.store, anna.user, { name: 'OpenAPI-test', scope: 'write', days: '30' });
			if (!token.ok) throw new Error(JSON.stringify(token.errors));
			secret = token.value.token;
			server = await startBuiltServer({ DATABASE_URL: db.url });
		}, 90_000);

		afterAll(async () => {
			await server?.stop();
			await db?.drop();
		});

		it('serves the description without a token, cacheable, with an ETag that revalidates', async () => {
			const response = await api('/openapi.json', { token: null });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^application\/json/);
			expect(response.headers.get('cache-control')).toBe('public, max-age=300');
			const etag = response.headers.get('etag');
			expect(etag).toBeTruthy();
			doc = await response.json();
			expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: '/api/v1' }] });
			expect((await api('/openapi.json', { token: null, headers: { 'if-none-match': etag! } })).status).toBe(304);
		});

		it('the writes answer their schemas: createAction, changeAction, createAsk', async () => {
			const made = await api(`/boards/${ids.boardId}/actions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ title: 'Kartlägga boendestödet', agencyId: ids.agencyId, dueDate: '2027-01-15', meetingId: ids.meetingId })
			});
			const action = await expectOperationAnswer('createAction', made, 201);
			ids.actionId = action.id;
			const changed = await api(`/boards/${ids.boardId}/actions/${ids.actionId}`, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ status: 'in_progress', outcome: 'Första mötet hållet.' })
			});
			expect(await expectOperationAnswer('changeAction', changed, 200)).toMatchObject({ status: 'in_progress', outcome: 'Första mötet hållet.' });
			const asked = await api(`/boards/${ids.boardId}/asks`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ kind: 'item', text: 'Kan vi ta upp väntetiderna till boendestöd?' })
			});
			await expectOperationAnswer('createAsk', asked, 201);
		});

		it('every GET in the description answers, and every JSON answer matches its schema', async () => {
			const gets = Object.entries(doc.paths).flatMap(([path, item]) => (item.get ? [{ path, op: item.get }] : []));
			expect(gets.length).toBeGreaterThan(10);
			for (const { path, op } of gets) {
				const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => {
					if (!ids[name]) throw new Error(`${op.operationId}: no id for the path parameter ${name}`);
					return ids[name];
				});
				const response = await api(concrete);
				const ok = op.responses['200'];
				const types = Object.keys(ok?.content ?? {});
				expect(types.length, `${op.operationId}: a 200 answer with a media type`).toBe(1);
				if (types[0] === 'application/json') {
					const body = await expectOperationAnswer(op.operationId, response, 200);
					if (op.operationId === 'getMeeting') expect((body as { agenda: { decisions: unknown[] }[] }).agenda[0]?.decisions.length, 'getMeeting: a decision').toBe(1);
					// The lists made above are not empty, so their items were checked too.
					if (['listBoards', 'listBoardActions', 'listMyActions', 'listBoardAsks', 'listBoardMeetings', 'listBoardDecisions', 'listMyDecisions'].includes(op.operationId)) {
						expect((body as { items: unknown[] }).items.length, `${op.operationId}: items`).toBeGreaterThan(0);
					}
				} else {
					expect(response.status, `${op.operationId}: status`).toBe(200);
					expect(response.headers.get('content-type'), `${op.operationId}: content-type`).toContain(types[0]);
					const bytes = Buffer.from(await response.arrayBuffer());
					expect(bytes.length, `${op.operationId}: a non-empty file`).toBeGreaterThan(0);
					if (types[0] === 'application/pdf') expect(bytes.subarray(0, 4).toString('latin1'), op.operationId).toBe('%PDF');
					if (types[0].includes('wordprocessingml')) expect(bytes.subarray(0, 2).toString('latin1'), `${op.operationId}: a zip`).toBe('PK');
				}
			}
		});

		it('a GET answers 304 to its own ETag', async () => {
			const first = await api('/boards');
			const etag = first.headers.get('etag');
			expect(etag).toMatch(/^W\/"/);
			expect((await api('/boards', { headers: { 'if-none-match': etag! } })).status).toBe(304);
		});

		it('401, 404 and 422 are problem details as the description says', async () => {
			await expectProblem('401 without a token', await api('/me', { token: null }), 401);
			await expectProblem('404 for an unknown board', await api('/boards/no-such-board'), 404);
			const invalid = await expectProblem('422 for a bad limit', await api('/boards?limit=lots'), 422);
			expect(invalid.errors).toContainEqual(expect.objectContaining({ field: 'limit' }));
			const noTitle = await api(`/boards/${ids.boardId}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agencyId: ids.agencyId }) });
			await expectProblem('422 for an action without a title', noTitle, 422);
		});
	});
}
