// Over 300 lines on purpose: one recorded-fetch harness pins down every request the Supabase adapter
// sends, store area by store area; split, each file would repeat the harness and its PostgREST answers.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../index';
import { readMigrations, SchemaBehindError } from '../migrate';
import { FencedOutError, isDocumentPurged } from '../fencing';
import type { ProjectedAction } from '../types';
import { createSupabaseClient, createSupabaseStore, supabaseSchemaStatus, SupabaseStoreError } from './index';

/**
 * Hosted PostgREST cannot run here (no network, no Supabase), so this pins down what the adapter
 * sends: real supabase-js with a recording `fetch` that answers as PostgREST does. The SQL behind
 * each request is the store functions', proven by the contract suite on PGlite and PostgreSQL;
 * the same contract runs against a real project in tests/integration/store-contract-supabase.spec.ts
 * when one is configured.
 */

const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

interface Answer {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
}

interface Sent {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body: unknown;
}

/** supabase-js over a fetch that records each request and answers from a queue (default: 200 []). */
function recorded(...answers: Array<Answer | Error>) {
	const sent: Sent[] = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		sent.push({
			method: init.method ?? 'GET',
			url: new URL(String(input)),
			headers: Object.fromEntries(new Headers(init.headers)),
			body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body
		});
		const answer = answers.shift() ?? { body: [] };
		if (answer instanceof Error) throw answer;
		const status = answer.status ?? 200;
		const body = answer.body === undefined || init.method === 'HEAD' ? null : JSON.stringify(answer.body);
		return new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8', ...answer.headers } });
	};
	const client = createSupabaseClient({ url: URL_BASE, serviceRoleKey: KEY }, { fetch: fetch as typeof globalThis.fetch });
	return { store: createSupabaseStore(client), client, sent };
}

/** What every request carries: the service role key in both headers, never in the URL. */
function expectServiceRole(request: Sent) {
	expect(request.headers.apikey).toBe(KEY);
	expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
	expect(request.url.toString()).not.toContain(KEY);
	expect(request.url.origin).toBe(URL_BASE);
}

function expectRpc(request: Sent, fn: string, body: unknown) {
	expectServiceRole(request);
	expect(request.method).toBe('POST');
	expect(request.url.pathname).toBe(`/rest/v1/rpc/${fn}`);
	expect(request.url.search).toBe('');
	expect(request.headers['content-type']).toBe('application/json');
	expect(request.headers['content-profile']).toBe('public');
	expect(request.headers.prefer).toBeUndefined();
	expect(request.body).toEqual(body);
}

describe('Supabase adapter — exact PostgREST requests (hosted PostgREST cannot run here)', () => {
	describe('docs: bytea as "\\\\x<hex>" both ways', () => {
		it('append: one RPC with every update hex-encoded (a view sends only its bytes) and the fence token', async () => {
			const { store, sent } = recorded({ body: 42 });
			const all = Uint8Array.from({ length: 256 }, (_, i) => i);
			const id = await store.docs.append('meeting:m1', [Uint8Array.of(0, 0xff, 0x5c), Uint8Array.of(), all.subarray(0x10, 0x13)], 7);
			expect(id).toBe(42);
			expect(sent).toHaveLength(1);
			expectRpc(sent[0], 'samtavla_doc_append', { p_doc_name: 'meeting:m1', p_updates: ['\\x00ff5c', '\\x', '\\x101112'], p_fence: 7, p_authors: null });
		});

		it('appendMany: one request for every document, each refusal named in its row; a failed request throws', async () => {
			const { store, sent } = recorded(
				{
					body: [
						{ out_doc_name: 'meeting:m1', out_last_id: 12, out_refused: null },
						{ out_doc_name: 'board:b1', out_last_id: null, out_refused: 'fenced-out' },
						{ out_doc_name: 'meeting:m2', out_last_id: null, out_refused: 'purged' }
					]
				},
				{ status: 500, body: { code: 'XX000', message: 'boom' } }
			);
			const batches = [
				{ docName: 'meeting:m1', updates: [Uint8Array.of(1), { update: Uint8Array.of(2), author: { userId: 'u1', agencyId: 'a1' } }] },
				{ docName: 'board:b1', updates: [Uint8Array.of(0xff)], fence: 3 },
				{ docName: 'meeting:m2', updates: [Uint8Array.of()] }
			];
			const results = await store.docs.appendMany(batches);
			expect(sent).toHaveLength(1);
			expectRpc(sent[0], 'samtavla_doc_append_many', {
				p_doc_names: ['meeting:m1', 'meeting:m1', 'board:b1', 'meeting:m2'],
				p_updates: ['\\x01', '\\x02', '\\xff', '\\x'],
				p_authors: [null, { user: 'u1', agency: 'a1' }, null, null],
				p_fences: { 'board:b1': 3 }
			});
			expect(results[0]).toEqual({ docName: 'meeting:m1', lastUpdateId: 12 });
			expect('refused' in results[1] && results[1].refused instanceof FencedOutError).toBe(true);
			expect('refused' in results[2] && isDocumentPurged(results[2].refused)).toBe(true);
			await expect(store.docs.appendMany(batches)).rejects.toBeInstanceOf(SupabaseStoreError);
			expect(await store.docs.appendMany([])).toEqual([]);
			expect(sent).toHaveLength(2);
		});

		it('append with authors: one author (or null for the server) per update, as JSON', async () => {
			const { store, sent } = recorded({ body: 8 });
			const author = { userId: 'u1', agencyId: 'a1' };
			await store.docs.append('meeting:m1', [{ update: Uint8Array.of(1), author }, Uint8Array.of(2), { update: Uint8Array.of(3), author: null }]);
			expectRpc(sent[0], 'samtavla_doc_append', {
				p_doc_name: 'meeting:m1',
				p_updates: ['\\x01', '\\x02', '\\x03'],
				p_fence: null,
				p_authors: [{ user: 'u1', agency: 'a1' }, null, null]
			});
		});

		it('history: one row of arrays, decoded into entries; pruneHistory sends the cut-off', async () => {
			const { store, sent } = recorded(
				{
					body: {
						entries: [
							{ id: 4, at: '2026-12-01T10:00:00.123456+00:00', author_id: 'u1', agency_id: 'a1', source: 'member' },
							{ id: 9, at: '2026-12-01T10:01:00+00:00', author_id: null, agency_id: null, source: 'server' }
						],
						updates: ['\\x00ff', '\\x']
					}
				},
				{ body: { updates: 3, documents: 2 } }
			);
			const entries = await store.docs.history('meeting:m1', { afterId: 2, limit: 10 });
			expectRpc(sent[0], 'samtavla_doc_history', { p_doc_name: 'meeting:m1', p_after_id: 2, p_limit: 10 });
			expect(sent[0].headers.accept).toBe('application/vnd.pgrst.object+json');
			expect(entries).toEqual([
				{ id: 4, at: new Date('2026-12-01T10:00:00.123Z'), authorId: 'u1', agencyId: 'a1', source: 'member', update: Uint8Array.of(0, 0xff) },
				{ id: 9, at: new Date('2026-12-01T10:01:00Z'), authorId: null, agencyId: null, source: 'server', update: new Uint8Array() }
			]);
			expect(await store.docs.pruneHistory(new Date('2026-09-01T00:00:00Z'), 500)).toEqual({ updates: 3, documents: 2 });
			expectRpc(sent[1], 'samtavla_doc_prune_history', { p_adjusted_before: '2026-09-01T00:00:00.000Z', p_limit: 500 });
		});

		it('append without a fence sends p_fence null; an empty batch sends nothing', async () => {
			const { store, sent } = recorded({ body: 1 });
			await store.docs.append('board:b1', [Uint8Array.of(1)]);
			expect(sent[0].body).toEqual({ p_doc_name: 'board:b1', p_updates: ['\\x01'], p_fence: null, p_authors: null });
			await expect(store.docs.append('board:b1', [])).rejects.toThrow('append needs at least one update');
			expect(sent).toHaveLength(1);
		});

		it('load: asks for the one row as an object and decodes the snapshot and updates exactly', async () => {
			const every = '\\x' + Buffer.from(Uint8Array.from({ length: 256 }, (_, i) => i)).toString('hex');
			const { store, sent } = recorded(
				{ body: { snapshot: every, updates: ['\\x00', '\\x', '\\xFF5c78'], last_update_id: 9, snapshot_judged_under: 1 } },
				{ body: { snapshot: null, updates: [], last_update_id: 0 } }
			);
			const loaded = await store.docs.load('meeting:m1');
			expectRpc(sent[0], 'samtavla_doc_load', { p_doc_name: 'meeting:m1' });
			expect(sent[0].headers.accept).toBe('application/vnd.pgrst.object+json');
			expect([...loaded.snapshot!]).toEqual(Array.from({ length: 256 }, (_, i) => i));
			expect(loaded.updates.map((u) => [...u])).toEqual([[0], [], [0xff, 0x5c, 0x78]]);
			expect(loaded.lastUpdateId).toBe(9);
			expect(loaded.snapshotJudgedUnder).toBe(1);
			expect(await store.docs.load('meeting:none')).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
		});

		it('loadMany: one RPC for every name, answers back in the order asked, nothing asked for none', async () => {
			const { store, sent } = recorded({
				body: [
					{ ask_n: 2, snapshot: null, updates: [], last_update_id: 0, snapshot_judged_under: null },
					{ ask_n: 1, snapshot: '\\x0102', updates: ['\\xff'], last_update_id: 7, snapshot_judged_under: 1 }
				]
			});
			const [first, second] = await store.docs.loadMany(['meeting:m1', 'meeting:none']);
			expectRpc(sent[0], 'samtavla_doc_load_many', { p_doc_names: ['meeting:m1', 'meeting:none'] });
			expect([...first.snapshot!]).toEqual([1, 2]);
			expect(first.updates.map((u) => [...u])).toEqual([[0xff]]);
			expect(first.lastUpdateId).toBe(7);
			expect(first.snapshotJudgedUnder).toBe(1);
			expect(second).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
			expect(await store.docs.loadMany([])).toEqual([]);
			expect(sent).toHaveLength(1);
		});

		it('load refuses an escape-format bytea (bytea_output = escape) instead of returning wrong bytes', async () => {
			const { store } = recorded({ body: { snapshot: '\\000\\377', updates: [], last_update_id: 1 } });
			await expect(store.docs.load('meeting:m1')).rejects.toThrow(/snapshot of meeting:m1: expected PostgREST's hex bytea/);
		});

		it('compact: the state hex-encoded, the id and the fence; claim and pendingCount are RPCs too', async () => {
			const { store, sent } = recorded({ status: 204 }, { body: 3 }, { body: 5 });
			await store.docs.compact('board:b1', Uint8Array.of(1, 2, 0xfe), 12, 3, 1);
			expectRpc(sent[0], 'samtavla_doc_compact', { p_doc_name: 'board:b1', p_state: '\\x0102fe', p_up_to_id: 12, p_fence: 3, p_judged_under: 1 });
			expect(await store.docs.claim('board:b1')).toBe(3);
			expectRpc(sent[1], 'samtavla_doc_claim', { p_doc_name: 'board:b1' });
			expect(await store.docs.pendingCount('board:b1')).toBe(5);
			expectRpc(sent[2], 'samtavla_doc_pending_count', { p_doc_name: 'board:b1' });
		});

		it('a write refused by the fencing triggers (SQLSTATE SMT01) becomes FencedOutError', async () => {
			const fenced = { status: 400, body: { code: 'SMT01', message: 'write to board:b1 refused: fenced out (token 1 < 2)', details: null, hint: null } };
			const { store } = recorded(fenced, fenced);
			await expect(store.docs.append('board:b1', [Uint8Array.of(1)], 1)).rejects.toBeInstanceOf(FencedOutError);
			await expect(store.docs.compact('board:b1', Uint8Array.of(1), 1, 1)).rejects.toBeInstanceOf(FencedOutError);
		});
	});

	it('instanceLease: claim, renew and release are RPCs of the same functions the SQL store calls', async () => {
		const { store, sent } = recorded({ body: { claimed: false, holder: 'host-a:12', expires_in_ms: 8000 } }, { body: true }, { status: 204 });
		expect(await store.instanceLease.claim('host-b:7', 15000)).toEqual({ claimed: false, holder: 'host-a:12', expiresInMs: 8000 });
		expectRpc(sent[0], 'samtavla_instance_lease_claim', { p_holder: 'host-b:7', p_lease_ms: 15000 });
		expect(await store.instanceLease.renew('host-b:7', 15000)).toBe(true);
		expectRpc(sent[1], 'samtavla_instance_lease_renew', { p_holder: 'host-b:7', p_lease_ms: 15000 });
		await store.instanceLease.release('host-b:7');
		expectRpc(sent[2], 'samtavla_instance_lease_release', { p_holder: 'host-b:7' });
	});

	it('audit.append: one RPC of samtavla_audit_append with the canonical form; the hash the database returns is checked', async () => {
		const { auditHash } = await import('../../../domain/audit-chain');
		const head = 'c'.repeat(64);
		const entry = { at: new Date('2026-12-01T13:00:00.000Z'), actorId: 'u1', actorName: 'Åsa', actorAgency: 'Soc', kind: 'sign-in', boardId: null, meetingId: null, subject: null, details: { a: 1 }, address: '203.0.113.7' };
		const hash = auditHash(head, entry);
		const { store, sent } = recorded({ body: [{ appended_id: '7', prev_hash: head, hash }] }, { body: [{ appended_id: 8, prev_hash: head, hash: 'd'.repeat(64) }] });
		expect(await store.audit.append(entry)).toEqual({ id: 7, ...entry, prevHash: head, hash });
		expectRpc(sent[0], 'samtavla_audit_append', {
			p_canonical: '{"actorAgency":"Soc","actorId":"u1","actorName":"Åsa","address":"203.0.113.7","at":"2026-12-01T13:00:00.000Z","boardId":null,"details":{"a":1},"kind":"sign-in","meetingId":null,"subject":null,"v":1}',
			p_at: '2026-12-01T13:00:00.000Z',
			p_actor_id: 'u1',
			p_actor_name: 'Åsa',
			p_actor_agency: 'Soc',
			p_kind: 'sign-in',
			p_board_id: null,
			p_meeting_id: null,
			p_subject: null,
			p_details: { a: 1 },
			p_address: '203.0.113.7'
		});
		// A database that hashed something else: refused loudly, not returned as if the check would pass.
		await expect(store.audit.append(entry)).rejects.toThrow(/SQL and TypeScript disagree/);
	});

	it('meetings.change and protocols.seal: RPCs of the same functions, jsonb as JSON values and bytes as hex bytea', async () => {
		const { store, sent } = recorded({ body: 4 }, { body: null }, { body: true });
		const at = new Date('2026-12-01T13:00:00.000Z');
		const event = { kind: 'moved', actorId: 'u1', at, detail: { from: 'held', to: 'in_adjustment' } };
		expect(await store.meetings.change('m1', { revision: 3, status: 'in_adjustment', adjustment: { approvals: [] }, bumpSequence: false, event })).toBe(4);
		expectRpc(sent[0], 'samtavla_meeting_change', {
			p_id: 'm1',
			p_revision: 3,
			p_status: 'in_adjustment',
			p_cancel_reason: null,
			p_details: null,
			p_adjustment: { approvals: [] },
			p_bump_sequence: false,
			p_event_kind: 'moved',
			p_actor_id: 'u1',
			p_at: '2026-12-01T13:00:00.000Z',
			p_detail: { from: 'held', to: 'in_adjustment' }
		});
		expect(await store.meetings.change('m1', { revision: 3, bumpSequence: false, event })).toBeNull();
		const protocol = { meetingId: 'm1', hash: 'ab'.repeat(32), format: 1, canonical: '{}', meetingState: Uint8Array.of(0, 255), voicesState: Uint8Array.of(1), approvals: [], sealedAt: at };
		expect(await store.protocols.seal(protocol, 4, { final: true }, 'u1')).toBe(true);
		expectRpc(sent[2], 'samtavla_meeting_seal', {
			p_id: 'm1',
			p_revision: 4,
			p_adjustment: { final: true },
			p_hash: 'ab'.repeat(32),
			p_format: 1,
			p_canonical: '{}',
			p_meeting_state: '\\x00ff',
			p_voices_state: '\\x01',
			p_approvals: [],
			p_actor_id: 'u1',
			p_at: '2026-12-01T13:00:00.000Z'
		});
	});

	it('publications: slug, publish and unpublish are RPCs of the same functions; reads filter by column', async () => {
		const row = { meeting_id: 'm1', board_id: 'b1', path_date: '2026-11-21', published_by: 'u1', published_at: '2026-12-01T13:00:00+00:00', unpublished_by: null, unpublished_at: null };
		const { store, sent } = recorded({ body: 'set' }, { body: 'published' }, { body: true }, { body: row }, { body: { id: 'b1' } });
		const at = new Date('2026-12-01T13:00:00.000Z');
		expect(await store.publications.setSlug('b1', 'ledningsgruppen')).toBe('set');
		expectRpc(sent[0], 'samtavla_board_set_slug', { p_board_id: 'b1', p_slug: 'ledningsgruppen' });
		expect(await store.publications.publish('m1', '2026-11-21', 'u1', at)).toBe('published');
		expectRpc(sent[1], 'samtavla_protocol_publish', { p_meeting_id: 'm1', p_path_date: '2026-11-21', p_actor_id: 'u1', p_at: '2026-12-01T13:00:00.000Z' });
		expect(await store.publications.unpublish('m1', 'u1', at)).toBe(true);
		expectRpc(sent[2], 'samtavla_protocol_unpublish', { p_meeting_id: 'm1', p_actor_id: 'u1', p_at: '2026-12-01T13:00:00.000Z' });
		expect(await store.publications.find('b1', '2026-11-21')).toEqual({
			meetingId: 'm1',
			boardId: 'b1',
			pathDate: '2026-11-21',
			publishedBy: 'u1',
			publishedAt: at,
			unpublishedBy: null,
			unpublishedAt: null
		});
		expectServiceRole(sent[3]);
		expect(sent[3].method).toBe('GET');
		expect(sent[3].url.pathname).toBe('/rest/v1/protocol_publications');
		expect(sent[3].url.searchParams.get('board_id')).toBe('eq.b1');
		expect(sent[3].url.searchParams.get('path_date')).toBe('eq.2026-11-21');
		expect(await store.publications.boardIdBySlug('ledningsgruppen')).toBe('b1');
		expect(sent[4].url.pathname).toBe('/rest/v1/boards');
		expect(sent[4].url.searchParams.get('slug')).toBe('eq.ledningsgruppen');
	});

	it('sessions.get: one GET on sessions with the user embedded, filtered by id', async () => {
		const { store, sent } = recorded({
			body: [
				{
					id: 'sess1',
					user_id: 'u1',
					expires_at: '2026-12-01T10:00:00.5+00:00',
					user: { id: 'u1', email: 'a@kommun.se', display_name: 'Åsa', agency_id: 'ag1', created_at: '2026-01-15T08:30:00.123+00:00' }
				}
			]
		});
		const found = await store.sessions.get('sess1');
		expectServiceRole(sent[0]);
		expect(sent[0].method).toBe('GET');
		expect(sent[0].url.pathname).toBe('/rest/v1/sessions');
		expect([...sent[0].url.searchParams]).toEqual([
			['select', 'id,user_id,expires_at,user:users(id,email,display_name,agency_id,created_at,kind,easy_mode)'],
			['id', 'eq.sess1']
		]);
		expect(sent[0].headers['accept-profile']).toBe('public');
		expect(sent[0].body).toBeUndefined();
		expect(found).toEqual({
			session: { id: 'sess1', userId: 'u1', expiresAt: new Date('2026-12-01T10:00:00.500Z') },
			user: { id: 'u1', email: 'a@kommun.se', displayName: 'Åsa', agencyId: 'ag1', createdAt: new Date('2026-01-15T08:30:00.123Z') }
		});
	});

	it('sessions.admissions: one RPC for every asked session and document place, answers back in the order asked', async () => {
		const row = {
			ask_n: 2,
			session_id: 'sess1',
			user_id: 'u1',
			expires_at: '2026-12-01T10:00:00.5+00:00',
			email: 'a@kommun.se',
			display_name: 'Åsa',
			agency_id: 'ag1',
			created_at: '2026-01-15T08:30:00.123+00:00',
			agency_name: 'Socialtjänsten',
			agency_kind: 'social_services',
			agency_color: '#1f5f8b',
			board_id: 'b1',
			meeting_id: 'm1',
			meeting_status: 'in_adjustment',
			meeting_adjustment: { secretaryId: 'u1' },
			role: 'editor'
		};
		const { store, sent } = recorded({ body: [row, { ...row, ask_n: 3, meeting_id: null, meeting_status: null, meeting_adjustment: null, role: null }] });
		const answers = await store.sessions.admissions([
			{ id: 'gone', place: { boardId: 'b1' } },
			{ id: 'sess1', place: { meetingId: 'm1' } },
			{ id: 'sess1', place: { boardId: 'b1' } }
		]);
		expectRpc(sent[0], 'samtavla_session_admissions', { p_session_ids: ['gone', 'sess1', 'sess1'], p_board_ids: ['b1', null, 'b1'], p_meeting_ids: [null, 'm1', null] });
		expect(answers[0]).toBeNull();
		expect(answers[1]).toEqual({
			session: { id: 'sess1', userId: 'u1', expiresAt: new Date('2026-12-01T10:00:00.500Z') },
			user: { id: 'u1', email: 'a@kommun.se', displayName: 'Åsa', agencyId: 'ag1', createdAt: new Date('2026-01-15T08:30:00.123Z') },
			agency: { id: 'ag1', name: 'Socialtjänsten', kind: 'social_services', color: '#1f5f8b' },
			place: { boardId: 'b1', meeting: { id: 'm1', status: 'in_adjustment', adjustment: { secretaryId: 'u1' } } },
			role: 'editor'
		});
		expect(answers[2]).toMatchObject({ place: { boardId: 'b1', meeting: null }, role: null });
		expect(await store.sessions.admissions([])).toEqual([]);
		expect(sent).toHaveLength(1);
	});

	it('sessions.expiries: GETs on sessions filtered by id, at most 100 ids a request', async () => {
		const ids = Array.from({ length: 150 }, (_, i) => `s${i}`);
		const { store, sent } = recorded({ body: [{ id: 's0', expires_at: '2026-12-01T10:00:00+00:00' }] }, { body: [{ id: 's149', expires_at: '2026-12-02T10:00:00+00:00' }] });
		const found = await store.sessions.expiries(ids);
		expect(found).toEqual(new Map([['s0', new Date('2026-12-01T10:00:00Z')], ['s149', new Date('2026-12-02T10:00:00Z')]]));
		expect(sent).toHaveLength(2);
		for (const request of sent) {
			expectServiceRole(request);
			expect(request.method).toBe('GET');
			expect(request.url.pathname).toBe('/rest/v1/sessions');
			expect(request.url.searchParams.get('select')).toBe('id,expires_at');
		}
		expect(sent[0].url.searchParams.get('id')).toBe(`in.(${ids.slice(0, 100).join(',')})`);
		expect(sent[1].url.searchParams.get('id')).toBe(`in.(${ids.slice(100).join(',')})`);
		expect(await store.sessions.expiries([])).toEqual(new Map());
		expect(sent).toHaveLength(2);
	});

	it('boards.create: one RPC, so the board and its owner are one transaction', async () => {
		const { store, sent } = recorded({ status: 204 });
		await store.boards.create({ id: 'b1', name: 'Ledningsgrupp', description: '', createdBy: 'u1', createdAt: new Date('2026-02-01T10:00:00Z') }, 'u1');
		expectRpc(sent[0], 'samtavla_create_board', {
			p_id: 'b1',
			p_name: 'Ledningsgrupp',
			p_description: '',
			p_created_by: 'u1',
			p_created_at: '2026-02-01T10:00:00.000Z',
			p_owner_id: 'u1'
		});
	});

	it('invites.accept: one RPC (check, join and use in one transaction), its outcome mapped', async () => {
		const { store, sent } = recorded({ body: { outcome: 'joined', role: 'viewer' } }, { body: { outcome: 'used-up' } }, { body: { outcome: 'nonsense' } });
		const at = new Date('2026-03-26T12:00:00Z');
		expect(await store.invites.accept('hash1', 'u1', at)).toEqual({ outcome: 'joined', role: 'viewer' });
		expectRpc(sent[0], 'samtavla_accept_invite', { p_token_hash: 'hash1', p_user_id: 'u1', p_at: '2026-03-26T12:00:00.000Z' });
		expect(await store.invites.accept('hash2', 'u1', at)).toEqual({ outcome: 'used-up' });
		await expect(store.invites.accept('hash3', 'u1', at)).rejects.toThrow(/unexpected result/);
	});

	it('boards.removeMember sends the instant the removal is remembered at; removedAt reads it back', async () => {
		const { store, sent } = recorded({ body: 'changed' }, { body: { removed_at: '2026-03-27T08:00:00+00:00' } });
		expect(await store.boards.removeMember('b1', 'u2', new Date('2026-03-27T08:00:00Z'))).toBe('changed');
		expectRpc(sent[0], 'samtavla_remove_member', { p_board_id: 'b1', p_user_id: 'u2', p_at: '2026-03-27T08:00:00.000Z' });
		expect(await store.boards.removedAt('b1', 'u2')).toEqual(new Date('2026-03-27T08:00:00Z'));
		expectServiceRole(sent[1]);
		expect(sent[1].method).toBe('GET');
		expect(sent[1].url.pathname).toBe('/rest/v1/board_removals');
		expect(Object.fromEntries(sent[1].url.searchParams)).toEqual({ select: 'removed_at', board_id: 'eq.b1', user_id: 'eq.u2' });
	});

	it("boards.setLanguage: one PATCH of the board's language, the updated row asked back to tell a missing board", async () => {
		const { store, sent } = recorded({ body: [{ id: 'b1' }] }, { body: [] });
		expect(await store.boards.setLanguage('b1', 'da')).toBe(true);
		expectServiceRole(sent[0]);
		expect(sent[0].method).toBe('PATCH');
		expect(sent[0].url.pathname).toBe('/rest/v1/boards');
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ id: 'eq.b1', select: 'id' });
		expect(sent[0].body).toEqual({ language: 'da' });
		expect(await store.boards.setLanguage('nope', 'en')).toBe(false);
	});

	it('e-mail retention and the agenda: prune and markAgendaSent are RPCs of the same functions; an unsubscribe link whose message went is read from the kept links', async () => {
		const { store, sent } = recorded(
			{ body: { sent: 4, failed: 1, links: 2 } },
			{ body: { previous: '2026-12-01T08:00:00+00:00' } },
			{ body: null },
			{ body: [] },
			{ body: [{ address: 'a@kommun.se', kind: 'weeklyDigest' }] }
		);
		const cutoffs = { sentBefore: new Date('2026-11-01T03:00:00Z'), failedBefore: new Date('2026-09-02T03:00:00Z'), linksBefore: new Date('2025-12-01T03:00:00Z') };
		expect(await store.outbox.prune(cutoffs)).toEqual({ sent: 4, failed: 1, links: 2 });
		expectRpc(sent[0], 'samtavla_mail_prune', { p_sent_before: '2026-11-01T03:00:00.000Z', p_failed_before: '2026-09-02T03:00:00.000Z', p_links_before: '2025-12-01T03:00:00.000Z' });
		expect(await store.meetings.markAgendaSent('m1', new Date('2026-12-02T08:00:00Z'))).toEqual({ previous: new Date('2026-12-01T08:00:00Z') });
		expectRpc(sent[1], 'samtavla_meeting_agenda_sent', { p_meeting_id: 'm1', p_at: '2026-12-02T08:00:00.000Z' });
		expect(await store.meetings.markAgendaSent('gone', new Date('2026-12-02T08:00:00Z'))).toBeUndefined();
		expect(await store.mailPrefs.unsubscribeTarget('h1')).toEqual({ address: 'a@kommun.se', kind: 'weeklyDigest' });
		expect(sent[3].url.pathname).toBe('/rest/v1/mail_outbox');
		expect(Object.fromEntries(sent[3].url.searchParams)).toEqual({ select: 'recipient,kind', unsubscribe_hash: 'eq.h1' });
		expectServiceRole(sent[4]);
		expect(sent[4].url.pathname).toBe('/rest/v1/mail_unsubscribe_links');
		expect(Object.fromEntries(sent[4].url.searchParams)).toEqual({ select: 'address,kind', token_hash: 'eq.h1' });
	});

	it('invites.create sends the limit of uses', async () => {
		const { store, sent } = recorded({ status: 201 });
		await store.invites.create({
			id: 'i1',
			boardId: 'b1',
			role: 'editor',
			createdBy: 'u1',
			expiresAt: new Date('2026-04-01T12:00:00Z'),
			revokedAt: null,
			createdAt: new Date('2026-03-25T12:00:00Z'),
			maxUses: 1,
			uses: 0,
			tokenHash: 'h1'
		});
		expectServiceRole(sent[0]);
		expect(sent[0].method).toBe('POST');
		expect(sent[0].url.pathname).toBe('/rest/v1/invites');
		expect(sent[0].body).toMatchObject({ id: 'i1', token_hash: 'h1', max_uses: 1, uses: 0 });
	});

	it('actions.listForUser: one RPC with every filter explicit, its JSON array mapped', async () => {
		const row = {
			board_id: 'b1',
			board_name: 'X',
			id: 'a1',
			title: 'Följ upp',
			description: '',
			agency_id: 'ag1',
			agency_name: 'Socialtjänsten',
			agency_color: '#1f5f8b',
			raised_by_agency_id: 'ag2',
			raised_by_agency_name: null,
			assignee_id: null,
			assignee_name: null,
			due_date: '2026-01-10',
			status: 'open',
			meeting_id: null,
			item_id: null,
			created_by: 'u1',
			created_at: '2026-11-02T09:15:00.25+00:00',
			status_changed_by: null,
			status_changed_at: null
		};
		const { store, sent } = recorded({ body: [row] });
		const list = await store.actions.listForUser('u1', { today: '2026-02-01', myAgency: true, overdue: true, status: 'open' });
		expectRpc(sent[0], 'samtavla_register_actions', {
			p_user_id: 'u1',
			p_today: '2026-02-01',
			p_mine: false,
			p_my_agency: true,
			p_owed_to_my_agency: false,
			p_overdue: true,
			p_status: 'open'
		});
		expect(list).toEqual([
			{
				boardId: 'b1',
				boardName: 'X',
				id: 'a1',
				title: 'Följ upp',
				description: '',
				agencyId: 'ag1',
				agencyName: 'Socialtjänsten',
				agencyColor: '#1f5f8b',
				raisedByAgencyId: 'ag2',
				raisedByAgencyName: null,
				assigneeId: null,
				assigneeName: null,
				dueDate: '2026-01-10',
				status: 'open',
				meetingId: null,
				itemId: null,
				createdBy: 'u1',
				createdAt: new Date('2026-11-02T09:15:00.250Z'),
				statusChangedBy: null,
				statusChangedAt: null,
				outcome: ''
			}
		]);
		await expect(store.actions.listForUser('u1', { today: '1 feb' })).rejects.toThrow(RangeError);
		expect(sent).toHaveLength(1);
	});

	it('projections.replaceBoardActions: every action in one JSON array, instants as ISO strings', async () => {
		const { store, sent } = recorded({ body: true });
		const action: ProjectedAction = {
			id: 'a1',
			title: 'T',
			description: 'D',
			agencyId: 'ag1',
			raisedByAgencyId: 'ag2',
			assigneeId: null,
			dueDate: null,
			status: 'waiting',
			meetingId: 'm1',
			itemId: 'i1',
			createdBy: 'u1',
			createdAt: new Date('2026-11-20T10:11:12.345Z'),
			statusChangedBy: 'u1',
			statusChangedAt: new Date('2026-11-21T08:00:00.001Z'),
			outcome: ''
		};
		expect(await store.projections.replaceBoardActions('b1', 'board:b1', [action], 4)).toBe(true);
		expectRpc(sent[0], 'samtavla_replace_board_actions', {
			p_board_id: 'b1',
			p_doc_name: 'board:b1',
			p_up_to_id: 4,
			p_actions: [
				{
					id: 'a1',
					title: 'T',
					description: 'D',
					agency_id: 'ag1',
					raised_by_agency_id: 'ag2',
					assignee_id: null,
					due_date: null,
					status: 'waiting',
					meeting_id: 'm1',
					item_id: 'i1',
					created_by: 'u1',
					created_at: '2026-11-20T10:11:12.345Z',
					status_changed_by: 'u1',
					status_changed_at: '2026-11-21T08:00:00.001Z',
					outcome: ''
				}
			]
		});
	});

	it('users.count: HEAD with Prefer count=exact, the total read from Content-Range', async () => {
		const { store, sent } = recorded({ status: 200, headers: { 'content-range': '*/42' } });
		expect(await store.users.count()).toBe(42);
		expect(sent[0].method).toBe('HEAD');
		expect(sent[0].url.pathname).toBe('/rest/v1/users');
		expect(sent[0].headers.prefer).toBe('count=exact');
	});

	it('lists are read page by page up to the exact count (PostgREST cuts at max-rows without saying so)', async () => {
		const meeting = (i: number) => ({
			id: `m${i}`,
			board_id: 'b1',
			title: `Möte ${i}`,
			starts_at: '2026-12-01T12:00:00+00:00',
			place: '',
			accessibility_notes: '',
			online_url: '',
			created_by: 'u1',
			created_at: '2026-11-01T08:00:00+00:00',
			status: 'planned',
			status_changed_at: null,
			cancel_reason: '',
			sequence: 0,
			updated_at: null,
			revision: 0,
			adjustment: null
		});
		const { store, sent } = recorded(
			{ status: 206, body: Array.from({ length: 1000 }, (_, i) => meeting(i)), headers: { 'content-range': '0-999/1001' } },
			{ status: 206, body: [meeting(1000)], headers: { 'content-range': '1000-1000/1001' } }
		);
		const list = await store.meetings.listForBoard('b1');
		expect(list).toHaveLength(1001);
		expect(list.at(-1)?.id).toBe('m1000');
		expect(sent.map((r) => [r.method, r.url.pathname, r.headers.prefer])).toEqual([
			['GET', '/rest/v1/meetings', 'count=exact'],
			['GET', '/rest/v1/meetings', 'count=exact']
		]);
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ select: '*', board_id: 'eq.b1', order: 'starts_at.desc,id.asc', offset: '0', limit: '1000' });
		expect(sent[1].url.searchParams.get('offset')).toBe('1000');
	});

	describe('errors', () => {
		it('a PostgREST error becomes an Error naming the table and PostgreSQL’s code and message, never the key or row values', async () => {
			const { store, sent } = recorded({
				status: 409,
				body: {
					code: '23505',
					details: 'Key (lower(name))=(vården) already exists.',
					hint: null,
					message: 'duplicate key value violates unique constraint "agencies_name_key"'
				}
			});
			const error = await store.agencies.create({ id: 'a1', name: 'Vården', kind: 'health_care', color: '#1f5f8b' }).catch((e: unknown) => e);
			expect(sent[0].method).toBe('POST');
			expect(sent[0].url.pathname).toBe('/rest/v1/agencies');
			expect(sent[0].body).toEqual({ id: 'a1', name: 'Vården', kind: 'health_care', color: '#1f5f8b' });
			expect(error).toBeInstanceOf(SupabaseStoreError);
			expect(error).toMatchObject({ code: '23505', status: 409 });
			expect((error as Error).message).toBe(
				'Supabase insert into agencies failed (HTTP 409): 23505 duplicate key value violates unique constraint "agencies_name_key"'
			);
			expect((error as Error).message).not.toContain(KEY);
			expect((error as Error).message).not.toContain('vården');
		});

		it('a function error names the function, with PostgREST’s hint', async () => {
			const { store } = recorded({
				status: 404,
				body: { code: 'PGRST202', details: null, hint: 'Perhaps you meant to call the function public.samtavla_agencies', message: 'Could not find the function public.samtavla_board_members(p_board_id) in the schema cache' }
			});
			await expect(store.boards.members('b1')).rejects.toThrow(
				/^Supabase rpc samtavla_board_members failed \(HTTP 404\): PGRST202 Could not find the function .* — hint: Perhaps you meant/
			);
		});

		it('ping fails at once when the project cannot be reached: no retries (supabase-js retries reads for ~7 s)', async () => {
			const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
			const { store, sent } = recorded(refused);
			await expect(store.ping()).rejects.toThrow(
				'Supabase ping (select from agencies) failed (no response): TypeError: fetch failed (connect ECONNREFUSED 10.0.0.1:443 (ECONNREFUSED))'
			);
			expect(sent).toHaveLength(1); // one request: no retry
			expect(sent[0].method).toBe('GET');
			expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ select: 'id', limit: '1' });
		});
	});

	describe('schema check through samtavla_recorded_migrations()', () => {
		const migrationsDir = resolve('supabase/migrations');

		it('migrated by `supabase db push` (the CLI history): up to date; by db:migrate (our table): the same', async () => {
			const migrations = await readMigrations(migrationsDir);
			const cli = migrations.map((m) => ({ version: m.name.slice(0, 14), name: m.name.slice(15, -4) }));
			const { client, sent } = recorded({ body: { own: [], supabase: cli } }, { body: { own: migrations.map((m) => m.name), supabase: [] } });
			expect(await supabaseSchemaStatus(client, migrations)).toEqual({ missing: [], unknown: [] });
			expectRpc(sent[0], 'samtavla_recorded_migrations', {});
			expect(await supabaseSchemaStatus(client, migrations)).toEqual({ missing: [], unknown: [] });
		});

		it('behind: names what is missing; ahead: names the unknown', async () => {
			const migrations = await readMigrations(migrationsDir);
			const names = migrations.map((m) => m.name);
			const { client } = recorded({ body: { own: names.slice(0, -1), supabase: [] } }, { body: { own: [...names, '29990101000000_later.sql'], supabase: [] } });
			expect(await supabaseSchemaStatus(client, migrations)).toEqual({ missing: [names.at(-1)], unknown: [] });
			expect(await supabaseSchemaStatus(client, migrations)).toEqual({ missing: [], unknown: ['29990101000000_later.sql'] });
		});

		it('no such function (PGRST202): the migration creating it and every later one are missing', async () => {
			const migrations = await readMigrations(migrationsDir);
			const { client } = recorded({ status: 404, body: { code: 'PGRST202', message: 'Could not find the function public.samtavla_recorded_migrations without parameters in the schema cache' } });
			const status = await supabaseSchemaStatus(client, migrations);
			const creating = migrations.findIndex((m) => m.name.endsWith('_store_functions.sql'));
			expect(creating).toBeGreaterThan(0);
			expect(status).toEqual({ missing: migrations.slice(creating).map((m) => m.name), unknown: [] });
		});

		it('createStore never tries to migrate Supabase: `migrate` mode is refused before any request', async () => {
			const opened = createStore({ dataDir: '', databaseUrl: undefined, supabase: { url: URL_BASE, serviceRoleKey: KEY } }, { migrationsDir, schema: 'migrate' });
			await expect(opened).rejects.toThrow(/cannot apply migrations: run `supabase db push`/);
			await expect(opened).rejects.not.toBeInstanceOf(SchemaBehindError);
		});
	});
});
