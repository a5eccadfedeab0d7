import { describe, expect, it } from 'vitest';
import { createSupabaseClient, createSupabaseStore } from './index';

/**
 * What the API-token adapter sends to PostgREST (hosted PostgREST cannot run here; the SQL behind
 * it is proven by the store contract on PGlite and PostgreSQL): real supabase-js over a recording
 * fetch, as in requests.spec.ts. The point: every lookup filters on unrevoked and unexpired, and
 * revoking filters on the token's own person, so PostgREST cannot answer more than the SQL store.
 */

const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';
const COLUMNS = 'id,user_id,board_id,name,scopes,created_at,expires_at,last_used_at,revoked_at';

function recorded(...answers: Array<{ status?: number; body?: unknown }>) {
	const sent: Array<{ method: string; url: URL; body: unknown }> = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		sent.push({ method: init.method ?? 'GET', url: new URL(String(input)), body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body });
		const answer = answers.shift() ?? { body: [] };
		return new Response(JSON.stringify(answer.body ?? null), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
	};
	const client = createSupabaseClient({ url: URL_BASE, serviceRoleKey: KEY }, { fetch: fetch as typeof globalThis.fetch });
	return { store: createSupabaseStore(client), sent };
}

const row = {
	id: 't1',
	user_id: 'u1',
	board_id: null,
	name: 'Rapportskript',
	scopes: ['read', 'actions:write'],
	created_at: '2026-12-10T10:00:00+00:00',
	expires_at: '2027-01-09T10:00:00+00:00',
	last_used_at: null,
	revoked_at: null
};
const at = new Date('2026-12-11T10:00:00Z');

describe('Supabase adapter — API access tokens', () => {
	it('create: one POST of the row with the hash and instants as ISO strings', async () => {
		const { store, sent } = recorded({ status: 201, body: null });
		await store.apiTokens.create({
			id: 't1',
			userId: 'u1',
			boardId: null,
			name: 'Rapportskript',
			scopes: ['read'],
			createdAt: new Date('2026-12-10T10:00:00Z'),
			expiresAt: new Date('2027-01-09T10:00:00Z'),
			lastUsedAt: null,
			revokedAt: null,
			tokenHash: 'h1'
		});
		expect(sent[0].method).toBe('POST');
		expect(sent[0].url.pathname).toBe('/rest/v1/api_tokens');
		expect(sent[0].body).toEqual({
			id: 't1',
			token_hash: 'h1',
			user_id: 'u1',
			board_id: null,
			name: 'Rapportskript',
			scopes: ['read'],
			created_at: '2026-12-10T10:00:00.000Z',
			expires_at: '2027-01-09T10:00:00.000Z'
		});
	});

	it('findActiveByHash: one GET filtered by hash, unrevoked and unexpired, never asking for the hash; the row mapped', async () => {
		const { store, sent } = recorded({ body: row }, { status: 406, body: { code: 'PGRST116', message: 'no rows', details: '', hint: null } });
		expect(await store.apiTokens.findActiveByHash('h1', at)).toEqual({
			id: 't1',
			userId: 'u1',
			boardId: null,
			name: 'Rapportskript',
			scopes: ['read', 'actions:write'],
			createdAt: new Date('2026-12-10T10:00:00Z'),
			expiresAt: new Date('2027-01-09T10:00:00Z'),
			lastUsedAt: null,
			revokedAt: null
		});
		expect(sent[0].method).toBe('GET');
		expect(sent[0].url.pathname).toBe('/rest/v1/api_tokens');
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({
			select: COLUMNS,
			token_hash: 'eq.h1',
			revoked_at: 'is.null',
			expires_at: `gt.${at.toISOString()}`
		});
	});

	it('listForUser: one GET of the person’s tokens, newest first; revoke: one PATCH filtered by id, person and unrevoked; touch: one PATCH', async () => {
		const { store, sent } = recorded({ body: [row] }, { body: [{ id: 't1' }] }, { body: [] }, { body: [] });
		expect((await store.apiTokens.listForUser('u1')).map((t) => t.id)).toEqual(['t1']);
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ select: COLUMNS, user_id: 'eq.u1', order: 'created_at.desc,id.asc' });
		expect(await store.apiTokens.revoke('t1', 'u1', at)).toBe(true);
		expect(await store.apiTokens.revoke('t1', 'u2', at)).toBe(false);
		expect(sent[1].method).toBe('PATCH');
		expect(Object.fromEntries(sent[1].url.searchParams)).toEqual({ id: 'eq.t1', user_id: 'eq.u1', revoked_at: 'is.null', select: 'id' });
		expect(sent[1].body).toEqual({ revoked_at: at.toISOString() });
		await store.apiTokens.touch('t1', at);
		expect(sent[3].method).toBe('PATCH');
		expect(Object.fromEntries(sent[3].url.searchParams)).toEqual({ id: 'eq.t1' });
		expect(sent[3].body).toEqual({ last_used_at: at.toISOString() });
	});
	it('listForBoard and revokeForBoard: filtered on the board, so one board never reads or revokes another’s', async () => {
		const { store, sent } = recorded({ body: [{ ...row, board_id: 'b1' }] }, { body: [{ id: 't1' }] }, { body: [] });
		expect((await store.apiTokens.listForBoard('b1')).map((t) => [t.id, t.boardId])).toEqual([['t1', 'b1']]);
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ select: COLUMNS, board_id: 'eq.b1', order: 'created_at.desc,id.asc' });
		expect(await store.apiTokens.revokeForBoard('t1', 'b1', at)).toBe(true);
		expect(await store.apiTokens.revokeForBoard('t1', 'b2', at)).toBe(false);
		expect(sent[1].method).toBe('PATCH');
		expect(Object.fromEntries(sent[1].url.searchParams)).toEqual({ id: 'eq.t1', board_id: 'eq.b1', revoked_at: 'is.null', select: 'id' });
		expect(sent[1].body).toEqual({ revoked_at: at.toISOString() });
	});
});
