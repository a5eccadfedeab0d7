import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditContent } from '../../src/lib/domain/audit-chain';
import { checkAuditChain } from '../../src/lib/server/audit/check';
import { openPglite, pgliteExecutor } from '../../src/lib/server/store/pglite/executor';
import { postgresExecutor } from '../../src/lib/server/store/postgres/executor';
import { migrate, readMigrations } from '../../src/lib/server/store/migrate';
import type { SqlExecutor } from '../../src/lib/server/store/sql/executor';
import { createSqlStore } from '../../src/lib/server/store/sql/index';
import type { Store } from '../../src/lib/server/store/types';
import { postgresUnavailable } from './suite-unavailable';

/**
 * The audit log's storage (issue 11, point 8) on both SQL backends: append and filters, the
 * append-only trigger, one line under concurrent appends from two "servers" (the SQL hash equals
 * the domain's, or append throws), retention that
 * keeps the chain checkable, and the check finding an altered and a removed row (written as a
 * superuser would, past the trigger). On PostgreSQL also the operator's command and its exit code.
 */
interface Backend {
	open(): Promise<{ db: SqlExecutor; store: Store; second: Store; url?: string }>;
	dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const entry = (n: number, overrides: Partial<AuditContent> = {}): AuditContent => ({
	at: new Date(T0 + n * 60_000),
	actorId: 'u-asa',
	actorName: 'Åsa Öberg',
	actorAgency: 'Socialförvaltningen',
	kind: 'sign-in',
	boardId: null,
	meetingId: null,
	subject: null,
	details: {},
	address: '203.0.113.7',
	...overrides
});

/** Past the append-only trigger, as a superuser can: what the chain must show afterwards. */
const bypass = (db: SqlExecutor, sql: string, params: unknown[] = []) =>
	db.transaction(async (tx) => {
		await tx.query('set local session_replication_role = replica');
		await tx.query(sql, params);
	});

function auditSuite(name: string, backend: Backend) {
	describe(name, () => {
		let db: SqlExecutor;
		let store: Store;
		let second: Store;
		let url: string | undefined;
		beforeAll(async () => {
			({ db, store, second, url } = await backend.open());
		}, 60_000);
		afterAll(async () => {
			await backend.dispose();
		});

		it('appends linked entries and lists them newest first, filtered', async () => {
			expect(await checkAuditChain(store)).toMatchObject({ entries: 0, breaks: [] });
			const a = await store.audit.append(entry(1, { kind: 'sign-in-failed', actorId: null, actorName: '', actorAgency: '', subject: 'u-asa', details: { reason: 'password' } }));
			const b = await store.audit.append(entry(2, { kind: 'meeting-created', boardId: 'b1', meetingId: 'm1', details: { title: 'Möte om boende 🏠' } }));
			const c = await store.audit.append(entry(3, { kind: 'role-changed', boardId: 'b1', subject: 'u-bo', details: { from: 'viewer', to: 'editor' } }));
			const d = await store.audit.append(entry(4, { kind: 'sign-in', actorId: 'u-bo', actorName: 'Bo Ek', boardId: null, address: null }));
			const e = await store.audit.append(entry(5, { kind: 'meeting-created', boardId: 'b2', meetingId: 'm2', details: { nested: { z: 1, a: [true, null, 2.5] } } }));
			expect(b.prevHash).toBe(a.hash);
			expect(e.prevHash).toBe(d.hash);
			expect(a.id).toBeLessThan(b.id);

			const ids = (records: { id: number }[]) => records.map((r) => r.id);
			expect(ids(await store.audit.list({}))).toEqual([e, d, c, b, a].map((r) => r.id));
			expect(ids(await store.audit.list({ boardId: 'b1' }))).toEqual([c.id, b.id]);
			expect(ids(await store.audit.list({ actorId: 'u-bo' }))).toEqual([d.id]);
			// "My entries": made by the person, or about them (a failed sign-in to their account, a role change).
			expect(ids(await store.audit.list({ involving: 'u-bo' }))).toEqual([d.id, c.id]);
			expect(ids(await store.audit.list({ involving: 'u-asa' }))).toEqual([e.id, c.id, b.id, a.id]);
			expect(ids(await store.audit.list({ kinds: ['meeting-created', 'sign-in-failed'] }))).toEqual([e.id, b.id, a.id]);
			expect(ids(await store.audit.list({ from: entry(2).at, to: entry(4).at }))).toEqual([c.id, b.id]);
			expect(ids(await store.audit.list({ limit: 2 }))).toEqual([e.id, d.id]);
			expect(ids(await store.audit.list({ limit: 2, before: d.id }))).toEqual([c.id, b.id]);

			const [stored] = await store.audit.list({ boardId: 'b2' });
			expect(stored).toEqual(e);
			expect((await store.audit.list({ actorId: 'u-bo' }))[0].address).toBeNull();
			expect(await checkAuditChain(store)).toMatchObject({ entries: 5, head: e.hash, breaks: [] });
		});

		it('stores what it hashed, even text the database cannot hold as given', async () => {
			const r = await store.audit.append(entry(6, { kind: 'meeting-changed', boardId: 'b3', actorName: 'Nul\u0000l', details: { title: 'Lone \ud800 half' } }));
			expect(r.actorName).toBe('Nul\ufffdl');
			const [stored] = await store.audit.list({ boardId: 'b3' });
			expect(stored).toEqual(r);
			expect((await checkAuditChain(store)).breaks).toEqual([]);
		});

		it('refuses to change, delete or empty the log', async () => {
			await expect(db.query("update audit_log set kind = 'x'")).rejects.toThrow(/append-only/);
			await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
			await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
			await expect(db.query("update audit_chain_start set prev_hash = repeat('1', 64)")).rejects.toThrow(/append-only/);
			expect((await checkAuditChain(store)).entries).toBe(6);
		});

		it('keeps the chain linear when two servers append at once', async () => {
			const before = (await checkAuditChain(store)).entries;
			// Many at once from two servers: the database links them one at a time, into one line.
			await Promise.all(
				Array.from({ length: 120 }, (_, i) => (i % 2 ? store : second).audit.append(entry(10 + i, { kind: 'meeting-changed', boardId: 'b-race', details: { i } })))
			);
			const report = await checkAuditChain(store);
			expect(report.breaks).toEqual([]);
			expect(report.entries).toBe(before + 120);
			expect(await store.audit.list({ boardId: 'b-race' })).toHaveLength(120);
		});

		it('retention removes the oldest entries and the chain still checks', async () => {
			const all = await store.audit.range(0, 1000);
			// Everything before entry(3)'s time: entries 1 and 2.
			expect(await store.audit.trim(entry(3).at, new Date())).toBe(2);
			const start = await store.audit.start();
			expect(start).toMatchObject({ prevHash: all[1].hash, removed: 2 });
			expect(start.trimmedAt).toBeInstanceOf(Date);
			const report = await checkAuditChain(store);
			expect(report).toMatchObject({ entries: all.length - 2, breaks: [] });
			expect(await store.audit.trim(entry(3).at, new Date())).toBe(0);
			// The oldest removed without moving the start (past the trigger) is found.
			const first = (await store.audit.range(0, 1))[0];
			await bypass(db, 'delete from audit_log where id = $1', [first.id]);
			const broken = await checkAuditChain(store);
			expect(broken.breaks).toEqual([{ id: expect.any(Number), problem: 'gap', expected: all[1].hash, found: first.hash }]);
			await bypass(db, `insert into audit_log select * from json_populate_record(null::audit_log, $1::text::json)`, [JSON.stringify(rowOf(first))]);
			expect((await checkAuditChain(store)).breaks).toEqual([]);
		});

		it('the check finds an altered row and a removed row', async () => {
			const [, target, next] = await store.audit.range(0, 3);
			await bypass(db, `update audit_log set details = '{"title":"Ändrad i efterhand"}' where id = $1`, [target.id]);
			expect((await checkAuditChain(store)).breaks).toEqual([{ id: target.id, problem: 'altered' }]);
			await bypass(db, `update audit_log set details = $2::text::jsonb where id = $1`, [target.id, JSON.stringify(target.details)]);
			expect((await checkAuditChain(store)).breaks).toEqual([]);

			// Someone could also recompute the altered row's own hash: the next entry still points at the old one.
			await bypass(db, `update audit_log set actor_name = 'Någon annan' where id = $1`, [target.id]);
			const forged = (await store.audit.range(target.id - 1, 1))[0];
			const { auditHash } = await import('../../src/lib/domain/audit-chain');
			await bypass(db, 'update audit_log set hash = $2 where id = $1', [target.id, auditHash(forged.prevHash, forged)]);
			expect((await checkAuditChain(store)).breaks).toEqual([{ id: next.id, problem: 'gap', expected: auditHash(forged.prevHash, forged), found: target.hash }]);
			await bypass(db, `update audit_log set actor_name = $2, hash = $3 where id = $1`, [target.id, target.actorName, target.hash]);

			const total = (await checkAuditChain(store)).entries;
			await bypass(db, 'delete from audit_log where id = $1', [target.id]);
			const report = await checkAuditChain(store);
			expect(report.entries).toBe(total - 1);
			expect(report.breaks).toEqual([{ id: next.id, problem: 'gap', expected: target.prevHash, found: target.hash }]);

			if (url) {
				// The operator's command on the same database: exit 1 and where it breaks.
				const run = () => spawnSync(process.execPath, [resolve('build/node/server/audit-check.js')], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
				const broken = run();
				expect(broken.status, broken.stderr).toBe(1);
				expect(broken.stderr).toContain(`audit chain BROKEN: 1 problem(s) in ${total - 1} entries (2 older entries removed by retention)`);
				expect(broken.stderr).toContain(`entry ${next.id}: entries before it are missing`);
				await bypass(db, `insert into audit_log select * from json_populate_record(null::audit_log, $1::text::json)`, [JSON.stringify(rowOf(target))]);
				const intact = run();
				expect(intact.status, intact.stderr).toBe(0);
				expect(intact.stdout).toContain(`audit chain intact: ${total} entries (2 older entries removed by retention)`);
			}
		});
	});
}

/** A record as an audit_log row (snake_case), to put back what a test removed. */
function rowOf(r: Awaited<ReturnType<Store['audit']['append']>>) {
	return {
		id: r.id,
		at: r.at.toISOString(),
		actor_id: r.actorId,
		actor_name: r.actorName,
		actor_agency: r.actorAgency,
		kind: r.kind,
		board_id: r.boardId,
		meeting_id: r.meetingId,
		subject: r.subject,
		details: r.details,
		address: r.address,
		prev_hash: r.prevHash,
		hash: r.hash
	};
}

let pgliteDb: SqlExecutor | undefined;
auditSuite('Audit log: embedded PGlite', {
	async open() {
		const pg = await openPglite({ template: new Blob([await readFile(inject('pgliteTemplate'))]) });
		pgliteDb = pgliteExecutor(pg);
		const store = createSqlStore(pgliteDb, 'pglite');
		// One embedded database has one connection; a second store over it still has its own remembered head.
		return { db: pgliteDb, store, second: createSqlStore(pgliteDb, 'pglite') };
	},
	async dispose() {
		await pgliteDb?.close();
	}
});

const adminUrl = process.env.TEST_DATABASE_URL;
const pgSuite = 'Audit log: PostgreSQL';
if (!adminUrl) postgresUnavailable(pgSuite);
else {
	const dbName = `samtavla_audit_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const url = new URL(adminUrl);
	url.pathname = `/${dbName}`;
	const admin = async (sql: string) => {
		const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
		try {
			await a.unsafe(sql);
		} finally {
			await a.end({ timeout: 5 });
		}
	};
	let executors: SqlExecutor[] = [];
	auditSuite(pgSuite, {
		async open() {
			await admin(`create database ${dbName}`);
			const db = postgresExecutor(url.toString());
			const other = postgresExecutor(url.toString());
			executors = [db, other];
			await migrate(db, await readMigrations(resolve('supabase/migrations')));
			return { db, store: createSqlStore(db, 'postgres'), second: createSqlStore(other, 'postgres'), url: url.toString() };
		},
		async dispose() {
			for (const e of executors) await e.close().catch(() => {});
			await admin(`drop database if exists ${dbName} with (force)`);
		}
	});
}
