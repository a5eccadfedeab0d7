import { describe, expect, it } from 'vitest';
import { createSupabaseClient, createSupabaseStore } from './index';

/**
 * What the venues and access-needs adapter sends to PostgREST (hosted PostgREST cannot run here;
 * the SQL behind it is proven by the store contract on PGlite and PostgreSQL): real supabase-js
 * over a recording fetch, as in requests.spec.ts.
 */

const URL_BASE = 'https://abcdefghijklmnopqrst.supabase.co';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

function recorded(...answers: Array<{ status?: number; body?: unknown; headers?: Record<string, string> }>) {
	const sent: Array<{ method: string; url: URL; body: unknown; prefer: string | null }> = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		sent.push({
			method: init.method ?? 'GET',
			url: new URL(String(input)),
			body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
			prefer: new Headers(init.headers).get('prefer')
		});
		const answer = answers.shift() ?? { body: [] };
		return new Response(JSON.stringify(answer.body ?? null), { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } });
	};
	const client = createSupabaseClient({ url: URL_BASE, serviceRoleKey: KEY }, { fetch: fetch as typeof globalThis.fetch });
	return { store: createSupabaseStore(client), sent };
}

const copy = { venueId: 'v1', name: 'Stadshuset', hostAgency: '', address: 'Torget 1', features: ['lift' as const], interpretingLanguages: '', notes: '' };

describe('Supabase adapter — venues and access needs', () => {
	it('setForMeeting: one RPC with the copy as a JSON object (null clears), its boolean answer', async () => {
		const { store, sent } = recorded({ body: true }, { body: false });
		const at = new Date('2026-12-02T11:00:00Z');
		expect(await store.venues.setForMeeting('m1', copy, 'u1', at)).toBe(true);
		expect(await store.venues.setForMeeting('m1', null, 'u1', at)).toBe(false);
		expect(sent.map((s) => [s.method, s.url.pathname])).toEqual([
			['POST', '/rest/v1/rpc/samtavla_set_meeting_venue'],
			['POST', '/rest/v1/rpc/samtavla_set_meeting_venue']
		]);
		expect(sent[0].body).toEqual({
			p_meeting_id: 'm1',
			p_venue: { venue_id: 'v1', name: 'Stadshuset', host_agency: '', address: 'Torget 1', features: ['lift'], interpreting_languages: '', notes: '' },
			p_actor_id: 'u1',
			p_at: '2026-12-02T11:00:00.000Z'
		});
		expect(sent[1].body).toMatchObject({ p_venue: null });
	});

	it('listForBoard leaves out archived venues unless asked, and maps rows (unknown feature keys dropped)', async () => {
		const row = { id: 'v1', board_id: 'b1', name: 'A', host_agency: '', address: '', features: ['lift', 'helipad'], interpreting_languages: '', notes: '', created_by: 'u1', created_at: '2026-12-01T10:00:00Z', updated_at: null, archived_at: null };
		const { store, sent } = recorded({ body: [row], headers: { 'content-range': '0-0/1' } }, { body: [], headers: { 'content-range': '*/0' } });
		const [venue] = await store.venues.listForBoard('b1');
		expect(venue.features).toEqual(['lift']);
		await store.venues.listForBoard('b1', { archived: true });
		expect(sent[0].url.searchParams.get('board_id')).toBe('eq.b1');
		expect(sent[0].url.searchParams.get('archived_at')).toBe('is.null');
		expect(sent[1].url.searchParams.get('archived_at')).toBeNull();
	});

	it('accessNeeds.set upserts on user_id; forBoard reads the members, then their needs', async () => {
		const { store, sent } = recorded(
			{ status: 201, body: null },
			{ body: [{ user_id: 'u2' }], headers: { 'content-range': '0-0/1' } },
			{ body: [{ user_id: 'u2', needs: ['stepFree'], interpreting_language: '', updated_at: '2026-12-01T10:00:00Z' }] }
		);
		await store.accessNeeds.set('u2', { needs: ['stepFree'], interpretingLanguage: '' }, new Date('2026-12-01T10:00:00Z'));
		expect(sent[0].method).toBe('POST');
		expect(sent[0].url.pathname).toBe('/rest/v1/access_needs');
		expect(sent[0].url.searchParams.get('on_conflict')).toBe('user_id');
		expect(sent[0].prefer).toContain('resolution=merge-duplicates');
		expect(sent[0].body).toEqual({ user_id: 'u2', needs: ['stepFree'], interpreting_language: '', updated_at: '2026-12-01T10:00:00.000Z' });
		expect(await store.accessNeeds.forBoard('b1')).toEqual([{ userId: 'u2', needs: ['stepFree'], interpretingLanguage: '', updatedAt: new Date('2026-12-01T10:00:00Z') }]);
		expect(sent[2].url.searchParams.get('user_id')).toBe('in.(u2)');
	});
});
