import { describe, expect, it } from 'vitest';
import { DocumentPurgedError } from '../fencing';
import { createSupabaseClient, createSupabaseStore } from './index';

/**
 * What the Supabase adapter sends for board deletion and retention (as requests.spec.ts does for
 * the rest): the purge and prunes are RPCs of the same SQL functions the SQL store calls (proven
 * on PGlite and PostgreSQL in tests/integration/board-purge.spec.ts); the request, cancel and
 * periods are conditional updates of the board row.
 */
const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

function recorded(...answers: Array<{ status?: number; body?: unknown; headers?: Record<string, string> }>) {
	const sent: Array<{ method: string; url: URL; body: unknown }> = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		sent.push({ method: init.method ?? 'GET', url: new URL(String(input)), body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body });
		const answer = answers.shift() ?? { body: [] };
		const body = answer.body === undefined ? null : JSON.stringify(answer.body);
		return new Response(body, { status: answer.status ?? 200, headers: { 'content-type': 'application/json; charset=utf-8', ...answer.headers } });
	};
	const client = createSupabaseClient({ url: URL_BASE, serviceRoleKey: KEY }, { fetch: fetch as typeof globalThis.fetch });
	return { store: createSupabaseStore(client), sent };
}

describe('Supabase adapter: board deletion and retention', () => {
	it('purge, forget and prunes are RPCs with the same arguments as the SQL store', async () => {
		const counts = { meetings: 2, protocols: 1, addenda: 1, members: 3, invites: 1, actions: 0, updates: 9, snapshots: 2 };
		const { store, sent } = recorded({ body: counts }, { body: null }, { body: 4 }, { body: { meetings: 1, updates: 2, snapshots: 1 } }, { body: { updates: 5, documents: 2 } });
		const at = new Date('2026-11-30T08:00:00Z');
		expect(await store.boardDeletion.purge('b1', at)).toEqual(counts);
		expect(await store.boardDeletion.purge('b1', at)).toBeNull();
		expect(await store.boardDeletion.forgetPurged(at)).toBe(4);
		expect(await store.retention.pruneDrafts('b1', at)).toEqual({ meetings: 1, updates: 2, snapshots: 1 });
		expect(await store.retention.pruneHistory('b1', at, 100)).toEqual({ updates: 5, documents: 2 });
		expect(sent.map((s) => [s.method, s.url.pathname, s.body])).toEqual([
			['POST', '/rest/v1/rpc/samtavla_purge_board', { p_board_id: 'b1', p_requested_before: at.toISOString() }],
			['POST', '/rest/v1/rpc/samtavla_purge_board', { p_board_id: 'b1', p_requested_before: at.toISOString() }],
			['POST', '/rest/v1/rpc/samtavla_forget_purged_docs', { p_before: at.toISOString() }],
			['POST', '/rest/v1/rpc/samtavla_prune_drafts', { p_board_id: 'b1', p_started_before: at.toISOString() }],
			['POST', '/rest/v1/rpc/samtavla_board_prune_history', { p_board_id: 'b1', p_adjusted_before: at.toISOString(), p_limit: 100 }]
		]);
	});

	it('a request only where none is pending, a cancel only where one is; the periods as columns', async () => {
		const { store, sent } = recorded({ body: [{ id: 'b1' }] }, { body: [] }, { body: [{ id: 'b1' }] });
		const at = new Date('2026-11-30T08:00:00Z');
		expect(await store.boardDeletion.request('b1', 'u1', at)).toBe(true);
		expect(await store.boardDeletion.cancel('b1')).toBe(false);
		expect(await store.retention.set('b1', { draftsDays: 400, historyDays: null, auditDays: 30 })).toBe(true);
		expect(sent[0].method).toBe('PATCH');
		expect(sent[0].url.searchParams.get('deletion_requested_at')).toBe('is.null');
		expect(sent[0].body).toEqual({ deletion_requested_at: at.toISOString(), deletion_requested_by: 'u1' });
		expect(sent[1].url.searchParams.get('deletion_requested_at')).toBe('not.is.null');
		expect(sent[1].body).toEqual({ deletion_requested_at: null, deletion_requested_by: null });
		expect(sent[2].body).toEqual({ retain_drafts_days: 400, retain_history_days: null, retain_audit_days: 30 });
	});

	it('a write refused by the purge guard (SQLSTATE SMT02) becomes DocumentPurgedError', async () => {
		const refused = { status: 400, body: { code: 'SMT02', message: 'write to a document of a deleted board refused', details: null, hint: null } };
		const { store } = recorded(refused, refused);
		await expect(store.docs.append('board:b1', [Uint8Array.of(1)])).rejects.toBeInstanceOf(DocumentPurgedError);
		await expect(store.docs.compact('board:b1', Uint8Array.of(1), 1)).rejects.toBeInstanceOf(DocumentPurgedError);
	});
});
