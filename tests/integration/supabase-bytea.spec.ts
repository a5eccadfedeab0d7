import { readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FencedOutError } from '../../src/lib/server/store/fencing';
import { openPglite, pgliteExecutor } from '../../src/lib/server/store/pglite/executor';
import type { SqlExecutor } from '../../src/lib/server/store/sql/executor';
import { toBytes } from '../../src/lib/server/store/sql/executor';
import { createSupabaseClient, createSupabaseStore } from '../../src/lib/server/store/supabase/index';
import type { Store } from '../../src/lib/server/store/types';
import { nastyBytes } from './store-contract';

/**
 * Yjs bytes through PostgREST's bytea encoding, on a real database (the run's PGlite template).
 * Hosted PostgREST cannot run here, so this is an EMULATION of the one statement shape PostgREST
 * (v12/v13, src/PostgREST/Query/QueryBuilder.hs and SqlFragment.hs) builds for
 * `POST /rest/v1/rpc/<fn>`: the JSON body read by json_to_record() with the function's parameter
 * types, the call, and the result serialised by json_agg(). Those are PostgreSQL's own bytea
 * input and output functions, the part that decides whether bytes survive; the HTTP layer and
 * PostgREST's other features are not emulated. The Supabase adapter's document log (all RPC)
 * runs over it unchanged.
 */

/** PostgREST's status for an error SQLSTATE, for the codes these tests can meet. */
const statusFor = (code: string) => (code === '23505' || code === '23503' ? 409 : code === '42501' ? 403 : 400);

function emulatedPostgrestRpc(db: SqlExecutor): typeof fetch {
	const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	return async (input, init) => {
		const url = new URL(String(input));
		const fn = /^\/rest\/v1\/rpc\/(samtavla_[a-z_]+)$/.exec(url.pathname)?.[1];
		if (!fn || init?.method !== 'POST') return json(501, { code: 'EMULATOR', message: `not emulated: ${init?.method} ${url.pathname}` });
		const [proc] = await db.query<{ names: string[] | null; types: string[] | null; void: boolean; composite: boolean; setof: boolean }>(
			`select p.proargnames[1:p.pronargs] as names,
			        array(select format_type(t, null) from unnest(p.proargtypes::oid[]) with ordinality as a (t, n) order by n) as types,
			        p.prorettype = 'void'::regtype as void,
			        p.prorettype = 'record'::regtype or rt.typtype = 'c' as composite,
			        p.proretset as setof
			 from pg_proc p join pg_type rt on rt.oid = p.prorettype
			 where p.proname = $1 and p.pronamespace = 'public'::regnamespace`,
			[fn]
		);
		if (!proc) return json(404, { code: 'PGRST202', message: `Could not find the function public.${fn} in the schema cache` });
		const params = (proc.names ?? []).map((name, i) => ({ name: `"${name}"`, type: proc.types![i] }));
		const single = new Headers(init.headers).get('accept') === 'application/vnd.pgrst.object+json';
		const body = `(select $1::json as json_data) pgrst_payload, lateral (select ${params.map((p) => p.name).join(', ')}
		  from json_to_record(pgrst_payload.json_data) as _(${params.map((p) => `${p.name} ${p.type}`).join(', ')}) limit 1) pgrst_body`;
		const call = `public.${fn}(${params.map((p) => `${p.name} := pgrst_body.${p.name}`).join(', ')})`;
		const source = proc.composite
			? `select pgrst_call.* from ${body}, lateral ${call} pgrst_call`
			: `select pgrst_call.pgrst_scalar from ${body}, lateral (select ${call} pgrst_scalar) pgrst_call`;
		const column = proc.composite ? '_postgrest_t' : '_postgrest_t.pgrst_scalar';
		const aggregate = single || !proc.setof ? `coalesce(json_agg(${column})->0, 'null')` : `coalesce(json_agg(${column}), '[]')`;
		try {
			const [row] = await db.query<{ body: string }>(`with pgrst_source as (${source}) select (${proc.void ? `'null'` : aggregate})::text as body from pgrst_source _postgrest_t`, [
				String(init.body)
			]);
			return proc.void ? new Response(null, { status: 204 }) : new Response(row.body, { status: 200, headers: { 'content-type': 'application/json' } });
		} catch (error) {
			const e = error as { code?: string; message?: string; detail?: string; hint?: string };
			return json(statusFor(e.code ?? ''), { code: e.code, message: e.message, details: e.detail ?? null, hint: e.hint ?? null });
		}
	};
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('Supabase adapter — Yjs bytes through PostgREST’s bytea encoding (emulated PostgREST RPC statement on PGlite)', () => {
	let db: SqlExecutor;
	let store: Store;
	let n = 0;
	const docName = () => `meeting:bytea-${++n}-${Date.now()}`;

	beforeAll(async () => {
		db = pgliteExecutor(await openPglite({ template: new Blob([await readFile(inject('pgliteTemplate'))]) }));
		store = createSupabaseStore(createSupabaseClient({ url: 'https://emulated.supabase.test', serviceRoleKey: 'service-role-key-for-the-emulator' }, { fetch: emulatedPostgrestRpc(db) }));
	});
	afterAll(async () => {
		await db?.close();
	});

	/** What the database itself holds, read with SQL: proves the bytes arrived exactly, not just that encode and decode agree. */
	const stored = async (name: string) => (await db.query('select update from doc_updates where doc_name = $1 order by id', [name])).map((r) => toBytes(r.update));

	it('updates are stored and load back byte for byte (every byte value, zero and 0xff runs, "\\x" in the data, large)', async () => {
		const name = docName();
		const updates = [nastyBytes(256), Uint8Array.of(0), Uint8Array.of(0xff), Uint8Array.of(0x5c, 0x78, 0x30, 0x30), nastyBytes(300_000), nastyBytes(1000).subarray(10, 20)];
		const first = await store.docs.append(name, updates.slice(0, 3));
		const last = await store.docs.append(name, updates.slice(3));
		expect(last).toBeGreaterThan(first);
		const inDb = await stored(name);
		expect(inDb).toHaveLength(updates.length);
		inDb.forEach((u, i) => expect(same(u, updates[i]), `stored update ${i}`).toBe(true));
		const loaded = await store.docs.load(name);
		expect(loaded.snapshot).toBeNull();
		expect(loaded.lastUpdateId).toBe(last);
		loaded.updates.forEach((u, i) => expect(same(u, updates[i]), `loaded update ${i}`).toBe(true));
	});

	it('a snapshot is stored and loads back exactly; load skips the updates it contains', async () => {
		const name = docName();
		const upTo = await store.docs.append(name, [Uint8Array.of(1), Uint8Array.of(2)]);
		const state = nastyBytes(70_000);
		await store.docs.compact(name, state, upTo);
		const [row] = await db.query('select state, last_update_id from doc_snapshots where doc_name = $1', [name]);
		expect(same(toBytes(row.state), state)).toBe(true);
		expect(Number(row.last_update_id)).toBe(upTo);
		const later = await store.docs.append(name, [Uint8Array.of(0, 0xff)]);
		const loaded = await store.docs.load(name);
		expect(same(loaded.snapshot!, state)).toBe(true);
		expect(loaded.updates.map((u) => [...u])).toEqual([[0, 0xff]]);
		expect(loaded.lastUpdateId).toBe(later);
		expect(await store.docs.pendingCount(name)).toBe(1);
	});

	it('a real Yjs document survives append, compact and load', async () => {
		const name = docName();
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getText('minutes').insert(0, '§ 1 Mötets öppnande. Beslut: att godkänna dagordningen. ');
		const upTo = await store.docs.append(name, updates.splice(0));
		await store.docs.compact(name, Y.encodeStateAsUpdate(doc), upTo);
		doc.getText('minutes').insert(0, 'Närvarande: alla. ');
		await store.docs.append(name, updates.splice(0));
		const loaded = await store.docs.load(name);
		const replica = new Y.Doc();
		Y.applyUpdate(replica, loaded.snapshot!);
		for (const u of loaded.updates) Y.applyUpdate(replica, u);
		expect(replica.getText('minutes').toString()).toBe(doc.getText('minutes').toString());
	});

	it('a fenced-out write through one RPC request is refused (the token set inside the function reaches the triggers)', async () => {
		const name = docName();
		const old = await store.docs.claim(name);
		const current = await store.docs.claim(name);
		expect(current).toBeGreaterThan(old);
		await expect(store.docs.append(name, [Uint8Array.of(1)], old)).rejects.toBeInstanceOf(FencedOutError);
		await expect(store.docs.compact(name, Uint8Array.of(1), 1, old)).rejects.toBeInstanceOf(FencedOutError);
		expect(await store.docs.append(name, [Uint8Array.of(2)], current)).toBeGreaterThan(0);
		expect((await stored(name)).map((u) => [...u])).toEqual([[2]]);
	});

	it('with bytea_output = escape the adapter refuses to load rather than return wrong bytes', async () => {
		const name = docName();
		await store.docs.append(name, [Uint8Array.of(0, 0x41, 0xff)]);
		await db.exec('set bytea_output = escape');
		try {
			await expect(store.docs.load(name)).rejects.toThrow(/expected PostgREST's hex bytea/);
		} finally {
			await db.exec('set bytea_output = hex');
		}
	});
});
