// Over 300 lines on purpose: the Supabase role model (row level security, function grants) is
// checked against one migrated database, table by table and function by function.
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/lib/server/store/index';
import { postgresUnavailable } from './suite-unavailable';

/**
 * Supabase's Data API (PostgREST) logs in as `authenticator` and switches to `anon` or
 * `authenticated` for each request; the server uses the service role (or the table owner).
 * On a real PostgreSQL 15 with those roles made the way Supabase makes them, and Supabase's
 * default grants in place before our migrations run, this proves that `anon` and
 * `authenticated` can read and write nothing in `public`, whatever table a migration adds.
 */

const migrationsDir = resolve('supabase/migrations');
const adminUrl = process.env.TEST_DATABASE_URL;
/** Serialises role creation between concurrent runs on the same cluster (roles are cluster-wide). */
const ROLES_LOCK_KEY = 7_262_031_556;
const API_ROLES = ['anon', 'authenticated'] as const;

/** One row per table, as the owner, so "anon reads 0 rows" means something. A new table needs a line here. */
const FIXTURES = `
insert into agencies (id, name, kind, color) values ('ag1', 'Socialförvaltningen', 'social_services', '#1f5f8b');
insert into users (id, email, display_name, password_hash, agency_id) values ('u1', 'a@example.org', 'A', 'x', 'ag1');
insert into sessions (id, user_id, expires_at) values ('s1', 'u1', now() + interval '1 day');
insert into sign_in_failures (key, failures, last_failure_at) values ('a@example.org', 1, now());
insert into boards (id, name, created_by) values ('b1', 'Ledningsgrupp', 'u1');
insert into board_members (board_id, user_id, role) values ('b1', 'u1', 'owner');
insert into invites (id, board_id, token_hash, role, created_by, expires_at) values ('i1', 'b1', 'h1', 'editor', 'u1', now() + interval '7 days');
insert into meetings (id, board_id, title, starts_at, created_by) values ('m1', 'b1', 'Möte', now(), 'u1');
insert into doc_updates (doc_name, update) values ('board:b1', '\\x0102');
insert into doc_snapshots (doc_name, state, last_update_id) values ('board:b1', '\\x0304', 1);
insert into actions (id, board_id, title, agency_id, raised_by_agency_id, status, created_by, created_at)
  values ('a1', 'b1', 'Åtgärd', 'ag1', 'ag1', 'open', 'u1', now());
insert into doc_projections (doc_name, projected_update_id) values ('board:b1', 1);
insert into calendar_feeds (token_hash, user_id) values ('c1', 'u1');
insert into doc_write_fences (doc_name, token) values ('board:b1', 1);
insert into doc_quarantine (doc_name, content, reason) values ('board:b1', '\\x0506', 'too-deep');
insert into board_removals (board_id, user_id, removed_at) values ('b1', 'u1', now());
insert into instance_lease (holder, claimed_at, expires_at) values ('host:1', now(), now() + interval '1 minute');
insert into meeting_events (meeting_id, kind, at) values ('m1', 'moved', now());
insert into meeting_protocols (meeting_id, hash, format, canonical, meeting_state, voices_state, approvals, sealed_at)
  values ('m1', repeat('a', 64), 1, '{}', '\\x00', '\\x00', '[]', now());
insert into protocol_addenda (meeting_id, number, text, hash, created_at) values ('m1', 1, 'Rättelse', repeat('b', 64), now());
insert into protocol_publications (meeting_id, board_id, path_date, published_by, published_at) values ('m1', 'b1', '2026-12-01', 'u1', now());
insert into audit_log (at, kind, prev_hash, hash) values (now(), 'sign-in', repeat('0', 64), repeat('c', 64));
insert into purged_docs (name_hash, purged_at) values (repeat('d', 64), now());
insert into board_venues (id, board_id, name) values ('v1', 'b1', 'Stadshuset');
insert into meeting_venues (meeting_id, venue_id, name) values ('m1', 'v1', 'Stadshuset');
insert into access_needs (user_id, needs) values ('u1', '["stepFree"]');
insert into board_backlog (id, board_id, title, source_meeting_id, created_by) values ('bl1', 'b1', 'Bordlagd punkt', 'm1', 'u1');
insert into board_templates (board_id, standing_items, length_minutes) values ('b1', '["Mötets öppnande"]', 90);
insert into search_entries (doc_name, board_id, meeting_id, item_id, item_number, kind, ref_id, title, body, config)
  values ('meeting:m1', 'b1', 'm1', 'it1', 1, 'item', 'it1', 'Boende', 'Protokoll', 'swedish');
insert into search_projections (doc_name, meeting_id, projected_update_id) values ('meeting:m1', 'm1', 1);
insert into users (id, email, display_name, password_hash, agency_id, kind) values ('g1', 'guest:g1', 'Gäst', '!guest', 'ag1', 'guest');
insert into meeting_guests (id, meeting_id, user_id, token_hash, role, created_by, expires_at) values ('mg1', 'm1', 'g1', 'gh1', 'contributor', 'u1', now() + interval '7 days');
insert into sign_in_links (token_hash, user_id, expires_at) values ('sl1', 'u1', now() + interval '15 minutes');
insert into api_tokens (id, token_hash, user_id, board_id, name, scopes, expires_at) values ('at1', 'ath1', 'u1', 'b1', 'Skript', '{read}', now() + interval '30 days');
insert into webhooks (id, board_id, url, events, secret, created_at) values ('wh1', 'b1', 'https://hooks.example.org/in', '{action.created}', 'whsec_dGVzdA==', now());
insert into webhook_deliveries (id, webhook_id, board_id, event_type, body, next_attempt_at, created_at) values ('msg_1', 'wh1', 'b1', 'action.created', '{}', now(), now());
insert into mail_outbox (id, kind, recipient, content, next_attempt_at, created_at) values ('o1', 'invitation', 'a@example.org', '{}', now(), now());
insert into mail_opt_outs (address, kind, created_at) values ('a@example.org', 'invitation', now());
insert into mail_unsubscribe_links (token_hash, address, kind, created_at) values ('uh1', 'a@example.org', 'invitation', now());
`;

/** The store's SQL functions (migration store_functions) the server calls; the catalog must list at least these. */
const STORE_FUNCTIONS = [
	'samtavla_agencies',
	'samtavla_create_board',
	'samtavla_add_member',
	'samtavla_set_member_role',
	'samtavla_remove_member',
	'samtavla_accept_invite',
	'samtavla_doc_load',
	'samtavla_doc_append',
	'samtavla_doc_append_many',
	'samtavla_session_admissions',
	'samtavla_doc_compact',
	'samtavla_doc_claim',
	'samtavla_doc_quarantine',
	'samtavla_doc_quarantined',
	'samtavla_replace_board_actions',
	'samtavla_register_actions',
	'samtavla_replace_calendar_feed',
	'samtavla_recorded_migrations',
	'samtavla_instance_lease_claim',
	'samtavla_instance_lease_renew',
	'samtavla_instance_lease_release',
	'samtavla_meeting_change',
	'samtavla_meeting_seal',
	'samtavla_addendum_add',
	'samtavla_addendum_approve',
	'samtavla_board_set_slug',
	'samtavla_protocol_publish',
	'samtavla_protocol_unpublish',
	'samtavla_audit_head',
	'samtavla_audit_append',
	'samtavla_audit_trim',
	'samtavla_replace_search_entries',
	'samtavla_stale_search_projections',
	'samtavla_search'
];

interface StoreFunction {
	name: string;
	/** `name(null, null, …)`: a call with every argument null, enough to reach the privilege check. */
	call: string;
	isTrigger: boolean;
	publicExecute: boolean;
	anonExecute: boolean;
	authenticatedExecute: boolean;
	serviceRoleExecute: boolean;
}

interface Relation {
	name: string;
	kind: string;
	rls: boolean;
	forced: boolean;
	firstColumn: string;
}

if (adminUrl) {
	const dbName = `samtavla_roles_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const url = new URL(adminUrl);
	url.pathname = `/${dbName}`;
	const databaseUrl = url.toString();

	let owner: postgres.Sql;
	let relations: Relation[] = [];
	let functions: StoreFunction[] = [];

	async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
		const sql = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		try {
			return await fn(sql);
		} finally {
			await sql.end({ timeout: 5 });
		}
	}

	/** Runs `fn` as `role` in a transaction that is always rolled back, whatever it did. */
	async function asRole<T>(sql: postgres.Sql, role: string, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
		let result: T;
		const rollback = new Error('rollback');
		try {
			await sql.begin(async (tx) => {
				await tx.unsafe(`set local role ${role}`);
				result = await fn(tx);
				throw rollback;
			});
		} catch (error) {
			if (error !== rollback) throw error;
		}
		return result!;
	}

	/** The SQLSTATE of what `fn` threw, or 'ok' with the affected row count. */
	async function attempt(tx: postgres.TransactionSql, text: string, params: unknown[] = []): Promise<{ code: string; count: number }> {
		try {
			await tx.unsafe('savepoint attempt');
			const result = await tx.unsafe(text, params as never[]);
			await tx.unsafe('release savepoint attempt');
			return { code: 'ok', count: result.count };
		} catch (error) {
			await tx.unsafe('rollback to savepoint attempt');
			return { code: (error as { code?: string }).code ?? String(error), count: 0 };
		}
	}

	const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

	describe('Supabase roles on PostgreSQL: anon and authenticated can read and write nothing', () => {
		beforeAll(async () => {
			// As Supabase's initialisation does: API roles without login, the service role bypassing
			// RLS, and `authenticator` (PostgREST's login) able to switch to each. Created only when
			// missing and never dropped: other runs on this cluster may be using them.
			await admin((sql) =>
				sql.begin(async (tx) => {
					await tx.unsafe('select pg_advisory_xact_lock($1)', [ROLES_LOCK_KEY]);
					await tx.unsafe(`do $$ begin
						if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
						if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
						if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
						if not exists (select from pg_roles where rolname = 'authenticator') then create role authenticator login noinherit; end if;
					end $$`);
					await tx.unsafe('grant anon, authenticated, service_role to authenticator');
				})
			);
			await admin((sql) => sql.unsafe(`create database ${dbName}`));
			owner = postgres(databaseUrl, { max: 2, onnotice: () => {} });
			// Supabase's grants on public, made before any migration, so every table we create
			// inherits them: the API roles hold every privilege and only RLS stands in the way.
			await owner.unsafe(`
				grant usage on schema public to postgres, anon, authenticated, service_role;
				alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
				alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
				alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
			`).simple();

			const { store, applied } = await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'migrate' });
			await store.close();
			expect(applied.length).toBeGreaterThan(0);
			await owner.unsafe(FIXTURES).simple();

			// Every relation an API request could name: tables, partitions, views, materialized and foreign tables.
			relations = await owner.unsafe<Relation[]>(`
				select c.relname as name, c.relkind as kind, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
				       (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum limit 1) as "firstColumn"
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
				order by c.relname`);

			// Every function in public: anything an RPC call could name. No proacl means the default,
			// which gives EXECUTE to PUBLIC (and so to every role).
			functions = await owner.unsafe<StoreFunction[]>(`
				select p.proname as name,
				       p.proname || '(' || array_to_string(array_fill('null'::text, array[p.pronargs]), ', ') || ')' as call,
				       p.prorettype = 'trigger'::regtype as "isTrigger",
				       exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
				               where a.grantee = 0 and a.privilege_type = 'EXECUTE') as "publicExecute",
				       has_function_privilege('anon', p.oid, 'EXECUTE') as "anonExecute",
				       has_function_privilege('authenticated', p.oid, 'EXECUTE') as "authenticatedExecute",
				       has_function_privilege('service_role', p.oid, 'EXECUTE') as "serviceRoleExecute"
				from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = 'public'
				order by p.proname`);
		}, 120_000);

		afterAll(async () => {
			await owner?.end({ timeout: 5 });
			await admin((sql) => sql.unsafe(`drop database if exists ${dbName} with (force)`));
		});

		it('finds every table of the migrations, and each one has a row to protect', async () => {
			const names = relations.map((r) => r.name);
			expect(names).toEqual(expect.arrayContaining(['agencies', 'users', 'sessions', 'doc_updates', 'doc_snapshots', 'actions', 'schema_migrations']));
			const empty: string[] = [];
			for (const r of relations) {
				const [{ n }] = await owner.unsafe<{ n: number }[]>(`select count(*)::int as n from ${q(r.name)}`);
				if (n === 0) empty.push(r.name);
			}
			expect(empty, 'add a fixture row to FIXTURES in this file for each of these').toEqual([]);
		});

		it('every table has row-level security on, not forced (the owner keeps access), and no policy for the API roles', async () => {
			const tables = relations.filter((r) => r.kind === 'r' || r.kind === 'p');
			expect(tables.filter((r) => !r.rls).map((r) => r.name), 'tables without row-level security').toEqual([]);
			expect(tables.filter((r) => r.forced).map((r) => r.name), 'tables forcing RLS on their owner').toEqual([]);
			expect(relations.filter((r) => r.kind !== 'r' && r.kind !== 'p').map((r) => r.name), 'views bypass RLS as their owner').toEqual([]);
			const policies = await owner.unsafe(
				`select tablename, policyname, roles from pg_policies where schemaname = 'public' and roles && array['public', 'anon', 'authenticated']::name[]`
			);
			expect(policies).toEqual([]);
		});

		for (const role of API_ROLES) {
			it(`${role} reads no row of any table`, async () => {
				const seen: Record<string, string> = {};
				await asRole(owner, role, async (tx) => {
					for (const r of relations) {
						const result = await attempt(tx, `select * from ${q(r.name)}`);
						seen[r.name] = result.code === 'ok' ? `${result.count} rows` : `denied ${result.code}`;
					}
				});
				for (const r of relations) expect(seen[r.name], r.name).toMatch(/^(0 rows|denied 42501)$/);
			});

			it(`${role} can insert, update and delete nothing in any table`, async () => {
				const outcomes: Record<string, { insert: string; update: string; delete: string }> = {};
				for (const r of relations) {
					// A complete, valid row (a copy of the owner's): only row-level security can refuse it,
					// and it does before the duplicate key is noticed.
					const [{ row }] = await owner.unsafe<{ row: unknown }[]>(`select row_to_json(t) as row from ${q(r.name)} t limit 1`);
					await asRole(owner, role, async (tx) => {
						const show = (x: { code: string; count: number }) => (x.code === 'ok' ? `${x.count} rows` : `denied ${x.code}`);
						outcomes[r.name] = {
							insert: show(await attempt(tx, `insert into ${q(r.name)} select * from json_populate_record(null::${q(r.name)}, $1::text::json)`, [JSON.stringify(row)])),
							update: show(await attempt(tx, `update ${q(r.name)} set ${q(r.firstColumn)} = ${q(r.firstColumn)}`)),
							delete: show(await attempt(tx, `delete from ${q(r.name)}`))
						};
					});
				}
				for (const r of relations) {
					expect(outcomes[r.name].insert, `${r.name} insert`).toBe('denied 42501');
					expect(outcomes[r.name].update, `${r.name} update`).toMatch(/^(0 rows|denied 42501)$/);
					expect(outcomes[r.name].delete, `${r.name} delete`).toMatch(/^(0 rows|denied 42501)$/);
				}
			});
		}

		// TRUNCATE is not subject to row-level security, and Supabase's default `grant all on tables`
		// gives it to anon and authenticated: migration 20261122160000_revoke_api_roles takes it back.
		it('anon cannot TRUNCATE any table (RLS does not cover it; the API roles hold no table privileges)', async () => {
			const outcomes: Record<string, string> = {};
			await asRole(owner, 'anon', async (tx) => {
				for (const r of relations.filter((x) => x.kind === 'r' || x.kind === 'p')) {
					const result = await attempt(tx, `truncate ${q(r.name)} cascade`);
					outcomes[r.name] = result.code === 'ok' ? 'truncated' : `denied ${result.code}`;
				}
			});
			for (const [name, outcome] of Object.entries(outcomes)) expect(outcome, name).toBe('denied 42501');
		});

		it('through PostgREST\'s own login: authenticator switched to anon sees nothing either', async () => {
			const u = new URL(databaseUrl);
			u.username = 'authenticator';
			u.password = '';
			const api = postgres(u.toString(), { max: 1, onnotice: () => {} });
			try {
				// NOINHERIT: logged in as authenticator it holds none of the roles' privileges itself.
				const own = await asRole(api, 'authenticator', (tx) => attempt(tx, 'select * from agencies'));
				expect(own.code).toBe('42501');
				const asAnon = await asRole(api, 'anon', (tx) => attempt(tx, 'select * from users'));
				// No table privilege at all (revoked by migration), so not even an empty result.
				expect(asAnon.code).toBe('42501');
				// Nor through a store function: EXECUTE is the service role's only.
				expect((await asRole(api, 'anon', (tx) => attempt(tx, `select * from samtavla_doc_load('board:b1')`))).code).toBe('42501');
				expect((await asRole(api, 'authenticated', (tx) => attempt(tx, `select samtavla_recorded_migrations()`))).code).toBe('42501');
			} finally {
				await api.end({ timeout: 5 });
			}
		});

		it('finds the store functions; EXECUTE on every function in public is revoked from PUBLIC, anon and authenticated, granted to service_role', async () => {
			expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(STORE_FUNCTIONS));
			const wrong = functions.filter((f) => f.publicExecute || f.anonExecute || f.authenticatedExecute || !f.serviceRoleExecute);
			expect(
				wrong.map((f) => `${f.name}: public ${f.publicExecute}, anon ${f.anonExecute}, authenticated ${f.authenticatedExecute}, service_role ${f.serviceRoleExecute}`),
				'functions callable by the API roles (or not by the service role)'
			).toEqual([]);
		});

		for (const role of API_ROLES) {
			it(`${role} can call no function in public (permission denied before anything runs)`, async () => {
				const outcomes: Record<string, string> = {};
				await asRole(owner, role, async (tx) => {
					for (const f of functions) outcomes[f.name] = (await attempt(tx, `select ${f.call}`)).code;
				});
				for (const f of functions) expect(outcomes[f.name], f.name).toBe('42501');
			});
		}

		it('the service role may call every store function (any refusal is about the arguments, not privileges)', async () => {
			const outcomes: Record<string, string> = {};
			await asRole(owner, 'service_role', async (tx) => {
				// Trigger functions cannot be called directly at all; the triggers run them.
				for (const f of functions.filter((x) => !x.isTrigger)) outcomes[f.name] = (await attempt(tx, `select ${f.call}`)).code;
			});
			expect(Object.keys(outcomes)).toEqual(expect.arrayContaining(STORE_FUNCTIONS));
			for (const [name, code] of Object.entries(outcomes)) expect(code, name).not.toBe('42501');
		});

		it('the service role (and the owner) still read and write every table', async () => {
			const outcomes: Record<string, { read: string; update: string; insert: string }> = {};
			for (const r of relations) {
				const [{ row }] = await owner.unsafe<{ row: unknown }[]>(`select row_to_json(t) as row from ${q(r.name)} t limit 1`);
				await asRole(owner, 'service_role', async (tx) => {
					const read = await attempt(tx, `select * from ${q(r.name)}`);
					const update = await attempt(tx, `update ${q(r.name)} set ${q(r.firstColumn)} = ${q(r.firstColumn)}`);
					// Past privileges and RLS, the copy stops at the primary key: the write itself was allowed.
					const insert = await attempt(tx, `insert into ${q(r.name)} select * from json_populate_record(null::${q(r.name)}, $1::text::json)`, [JSON.stringify(row)]);
					outcomes[r.name] = {
						read: read.code === 'ok' && read.count > 0 ? 'rows' : `${read.code} ${read.count}`,
						// P0002: past privileges and RLS, the table's own trigger refused (adjusted protocols, the audit log).
						update: update.code === 'ok' && update.count > 0 ? 'rows' : update.code === 'P0002' ? 'refused by its trigger' : `${update.code} ${update.count}`,
						insert: insert.code === '23505' || insert.code === 'ok' ? 'allowed' : insert.code
					};
				});
			}
			const IMMUTABLE = new Set(['meeting_protocols', 'audit_log', 'audit_chain_start']);
			for (const r of relations) {
				const update = IMMUTABLE.has(r.name) ? 'refused by its trigger' : 'rows';
				expect(outcomes[r.name], r.name).toEqual({ read: 'rows', update, insert: 'allowed' });
			}
			const [{ n }] = await owner.unsafe<{ n: number }[]>('select count(*)::int as n from agencies');
			expect(n).toBe(1);
		});
	});
} else {
	postgresUnavailable('Supabase roles on PostgreSQL');
}
