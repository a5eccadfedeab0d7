import { describe, expect, it } from 'vitest';
import { createSupabaseClient, createSupabaseStore } from './index';

/**
 * What the Supabase adapter sends for the backlog and the meeting template (issue 12): real
 * supabase-js over a recording fetch that answers as PostgREST does (as requests.spec.ts; hosted
 * PostgREST cannot run here). The SQL behind them is proven by the store contract.
 */
const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

function recorded(...answers: Array<{ status?: number; body?: unknown }>) {
	const sent: Array<{ method: string; url: URL; headers: Record<string, string>; body: unknown }> = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		sent.push({
			method: init.method ?? 'GET',
			url: new URL(String(input)),
			headers: Object.fromEntries(new Headers(init.headers)),
			body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body
		});
		const answer = answers.shift() ?? { body: [] };
		const body = answer.body === undefined ? null : JSON.stringify(answer.body);
		return new Response(body, { status: answer.status ?? 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
	};
	const client = createSupabaseClient({ url: URL_BASE, serviceRoleKey: KEY }, { fetch: fetch as typeof globalThis.fetch });
	return { store: createSupabaseStore(client), sent };
}

const AT = new Date('2026-12-02T13:00:00Z');

describe('Supabase adapter — backlog and template requests', () => {
	it('backlog.add inserts one row with every column', async () => {
		const { store, sent } = recorded({ status: 201 });
		await store.backlog.add({ id: 'bl1', boardId: 'b1', title: 'Lokalfrågan', description: 'Rad', sourceMeetingId: 'm1', sourceItemId: 'i1', createdBy: 'u1', createdAt: AT });
		expect(sent[0].method).toBe('POST');
		expect(sent[0].url.pathname).toBe('/rest/v1/board_backlog');
		expect(sent[0].headers.apikey).toBe(KEY);
		expect(sent[0].body).toEqual({
			id: 'bl1',
			board_id: 'b1',
			title: 'Lokalfrågan',
			description: 'Rad',
			source_meeting_id: 'm1',
			source_item_id: 'i1',
			created_by: 'u1',
			created_at: AT.toISOString()
		});
	});

	it('backlog.schedule: one PATCH only of a row not yet scheduled, the row asked back to tell whether it was', async () => {
		const { store, sent } = recorded({ body: [{ id: 'bl1' }] }, { body: [] });
		expect(await store.backlog.schedule('bl1', 'm2', AT)).toBe(true);
		expect(sent[0].method).toBe('PATCH');
		expect(sent[0].url.pathname).toBe('/rest/v1/board_backlog');
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ id: 'eq.bl1', scheduled_at: 'is.null', removed_at: 'is.null', select: 'id' });
		expect(sent[0].body).toEqual({ scheduled_meeting_id: 'm2', scheduled_at: AT.toISOString() });
		expect(await store.backlog.schedule('bl1', 'm2', AT)).toBe(false);
	});

	it('backlog.remove: one PATCH only of a row neither scheduled nor removed, marking who and when', async () => {
		const { store, sent } = recorded({ body: [{ id: 'bl1' }] }, { body: [] });
		expect(await store.backlog.remove('bl1', 'u2', AT)).toBe(true);
		expect(sent[0].method).toBe('PATCH');
		expect(sent[0].url.pathname).toBe('/rest/v1/board_backlog');
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ id: 'eq.bl1', scheduled_at: 'is.null', removed_at: 'is.null', select: 'id' });
		expect(sent[0].body).toEqual({ removed_at: AT.toISOString(), removed_by: 'u2' });
		expect(await store.backlog.remove('bl1', 'u2', AT)).toBe(false);
		expect(sent).toHaveLength(2);
	});

	it('backlog.get reads one row into an item', async () => {
		const row = { id: 'bl1', board_id: 'b1', title: 'T', description: '', source_meeting_id: null, source_item_id: null, created_by: null, created_at: AT.toISOString(), scheduled_meeting_id: null, scheduled_at: null, removed_at: AT.toISOString(), removed_by: 'u2' };
		const { store, sent } = recorded({ body: row });
		expect(await store.backlog.get('bl1')).toEqual({
			id: 'bl1',
			boardId: 'b1',
			title: 'T',
			description: '',
			sourceMeetingId: null,
			sourceItemId: null,
			createdBy: null,
			createdAt: AT,
			scheduledMeetingId: null,
			scheduledAt: null,
			removedAt: AT,
			removedBy: 'u2'
		});
		expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ select: '*', id: 'eq.bl1' });
	});

	it('templates.set: the board looked up, then one upsert on board_id; a missing board is false without a write', async () => {
		const { store, sent } = recorded({ body: { id: 'b1' } }, { status: 201, body: [{ board_id: 'b1' }] }, { body: null });
		expect(await store.templates.set('b1', { standingItems: ['Öppnande', 'Nästa möte'], lengthMinutes: 90 }, 'u1', AT)).toBe(true);
		expect(sent[1].method).toBe('POST');
		expect(sent[1].url.pathname).toBe('/rest/v1/board_templates');
		expect(sent[1].url.searchParams.get('on_conflict')).toBe('board_id');
		expect(sent[1].headers.prefer).toContain('resolution=merge-duplicates');
		expect(sent[1].body).toEqual({ board_id: 'b1', standing_items: ['Öppnande', 'Nästa möte'], length_minutes: 90, updated_by: 'u1', updated_at: AT.toISOString() });
		expect(await store.templates.set('nope', { standingItems: [], lengthMinutes: 60 }, 'u1', AT)).toBe(false);
		expect(sent).toHaveLength(3);
	});

	it('templates.get reads the jsonb items back', async () => {
		const { store } = recorded({ body: { standing_items: ['Öppnande'], length_minutes: 45, updated_at: AT.toISOString() } }, { body: null });
		expect(await store.templates.get('b1')).toEqual({ standingItems: ['Öppnande'], lengthMinutes: 45, updatedAt: AT });
		expect(await store.templates.get('nope')).toBeNull();
	});
});
