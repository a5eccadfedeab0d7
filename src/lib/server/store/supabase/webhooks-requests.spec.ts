import { describe, expect, it } from 'vitest';
import { createSupabaseClient, createSupabaseStore } from './index';

/**
 * What the webhooks adapter sends to PostgREST (hosted PostgREST cannot run here; the SQL behind
 * it is proven by the store contract on PGlite and PostgreSQL): real supabase-js over a recording
 * fetch, as api-tokens-requests.spec.ts. The point: reads never ask for the secret, every change
 * filters on the webhook's own board, and the outbox goes through the same store functions.
 */
const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

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

const row = { id: 'w1', board_id: 'b1', url: 'https://hooks.example.org/in', description: 'CRM', events: ['action.created', 'gone.event'], active: true, created_at: '2026-12-11T10:00:00+00:00' };

describe('Supabase adapter — webhooks', () => {
	it('create: one POST with the secret; list: one GET of the board’s webhooks without it, an unknown event left out', async () => {
		const { store, sent } = recorded({ status: 201, body: null }, { body: [row] });
		await store.webhooks.create({ id: 'w1', boardId: 'b1', url: row.url, description: 'CRM', events: ['action.created'], active: true, createdAt: new Date('2026-12-11T10:00:00Z'), secret: 'whsec_x' });
		expect(sent[0]).toMatchObject({ method: 'POST', body: { id: 'w1', board_id: 'b1', url: row.url, description: 'CRM', events: ['action.created'], secret: 'whsec_x', active: true, created_at: '2026-12-11T10:00:00.000Z' } });
		expect(sent[0].url.pathname).toBe('/rest/v1/webhooks');
		expect(await store.webhooks.listForBoard('b1')).toEqual([
			{ id: 'w1', boardId: 'b1', url: row.url, description: 'CRM', events: ['action.created'], active: true, createdAt: new Date('2026-12-11T10:00:00Z') }
		]);
		expect(Object.fromEntries(sent[1].url.searchParams)).toEqual({ select: 'id,board_id,url,description,events,active,created_at', board_id: 'eq.b1', order: 'created_at.asc,id.asc' });
	});

	it('pause and delete filter on the webhook and its board', async () => {
		const { store, sent } = recorded({ body: [{ id: 'w1' }] }, { body: [] });
		expect(await store.webhooks.setActive('w1', 'b1', false)).toBe(true);
		expect(sent[0].method).toBe('PATCH');
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ id: 'eq.w1', board_id: 'eq.b1', select: 'id' });
		expect(sent[0].body).toEqual({ active: false });
		expect(await store.webhooks.remove('w1', 'b2')).toBe(false);
		expect(sent[1].method).toBe('DELETE');
		expect(Object.fromEntries(sent[1].url.searchParams)).toEqual({ id: 'eq.w1', board_id: 'eq.b2', select: 'id' });
	});

	it('the outbox through the store functions: enqueue, claim, delivered, failed, prune', async () => {
		const claimed = [{ ...row, id: 'msg_1', webhook_id: 'w1', event_type: 'action.created', body: '{}', state: 'sending', attempts: 1, next_attempt_at: '2026-12-11T10:01:00+00:00', last_status: null, last_error: null, delivered_at: null, secret: 'whsec_x' }];
		const { store, sent } = recorded({ body: 2 }, { body: claimed }, { body: true }, { body: 'pending' }, { body: 3 });
		expect(await store.webhooks.enqueue('b1', 'action.overdue', '{"a":1}', { dedupeKey: 'k' })).toBe(2);
		expect(sent[0].url.pathname).toBe('/rest/v1/rpc/samtavla_webhook_enqueue');
		expect(sent[0].body).toEqual({ p_board_id: 'b1', p_event: 'action.overdue', p_body: '{"a":1}', p_dedupe_key: 'k', p_webhook_id: null });
		const [d] = await store.webhooks.claim('h', 60_000, 1);
		expect(d).toMatchObject({ id: 'msg_1', webhookId: 'w1', url: row.url, secret: 'whsec_x', attempts: 1, state: 'sending' });
		expect(sent[1].body).toEqual({ p_holder: 'h', p_lease_ms: 60_000, p_limit: 1 });
		expect(await store.webhooks.markDelivered('msg_1', 'h', 204)).toBe(true);
		expect(sent[2].body).toEqual({ p_id: 'msg_1', p_holder: 'h', p_status: 204 });
		expect(await store.webhooks.markFailed('msg_1', 'h', { status: null, error: 'ECONNREFUSED', retryMs: 300, maxAttempts: 12 })).toBe('pending');
		expect(sent[3].body).toEqual({ p_id: 'msg_1', p_holder: 'h', p_status: null, p_error: 'ECONNREFUSED', p_retry_ms: 300, p_max_attempts: 12 });
		expect(await store.webhooks.prune(new Date('2026-11-11T00:00:00Z'))).toBe(3);
		expect(sent[4].body).toEqual({ p_before: '2026-11-11T00:00:00.000Z' });
	});
});
