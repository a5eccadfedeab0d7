import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { createStore } from '../../src/lib/server/store/index';
import { readMigrations } from '../../src/lib/server/store/migrate';
import type { Store } from '../../src/lib/server/store/types';
import { storeContract } from './store-contract';
import { postgresUnavailable } from './suite-unavailable';

const migrationsDir = resolve('supabase/migrations');

storeContract('Store contract: embedded PGlite', {
	kind: 'pglite',
	expectApplied: 'none', // the run's template is already migrated
	async open() {
		const template = new Blob([await readFile(inject('pgliteTemplate'))]);
		return createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir, pgliteTemplate: template, inMemory: true });
	},
	async dispose(store) {
		await store?.close();
	}
});

const adminUrl = process.env.TEST_DATABASE_URL;

if (adminUrl) {
	/** A database of its own for this run, created from TEST_DATABASE_URL's server and dropped afterwards. */
	const dbName = `samtavla_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const url = new URL(adminUrl);
	url.pathname = `/${dbName}`;
	const databaseUrl = url.toString();

	async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
		const sql = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		try {
			return await fn(sql);
		} finally {
			await sql.end({ timeout: 5 });
		}
	}

	storeContract('Store contract: PostgreSQL', {
		kind: 'postgres',
		expectApplied: 'all',
		async open() {
			await admin((sql) => sql.unsafe(`create database ${dbName}`));
			return createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'migrate' });
		},
		async dispose(store) {
			await store?.close();
			await admin((sql) => sql.unsafe(`drop database if exists ${dbName} with (force)`));
		}
	});

	describe('PostgreSQL migrations', () => {
		it('a second start on the same database applies nothing and keeps the data', async () => {
			const name = `samtavla_test_mig_${Math.random().toString(36).slice(2, 10)}`;
			const u = new URL(adminUrl);
			u.pathname = `/${name}`;
			await admin((sql) => sql.unsafe(`create database ${name}`));
			let first: Store | undefined;
			let second: Store | undefined;
			try {
				const opened = await createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' });
				first = opened.store;
				expect(opened.applied).toEqual((await readMigrations(migrationsDir)).map((m) => m.name));
				await first.agencies.create({ id: 'a1', name: 'Kvar efter omstart', kind: 'other', color: '#1f5f8b' });
				await first.close();
				first = undefined;

				const again = await createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' });
				second = again.store;
				expect(again.applied).toEqual([]);
				expect((await second.agencies.get('a1'))?.name).toBe('Kvar efter omstart');

				// Two instances starting at once: each migration is applied exactly once.
				const [x, y] = await Promise.all([
					createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' }),
					createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' })
				]);
				expect([...x.applied, ...y.applied]).toEqual([]);
				await x.store.close();
				await y.store.close();
			} finally {
				await first?.close();
				await second?.close();
				await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
			}
		});

		it('two instances migrating a fresh database at once apply each file exactly once', async () => {
			const name = `samtavla_test_race_${Math.random().toString(36).slice(2, 10)}`;
			const u = new URL(adminUrl);
			u.pathname = `/${name}`;
			await admin((sql) => sql.unsafe(`create database ${name}`));
			const stores: Store[] = [];
			try {
				const results = await Promise.allSettled([
					createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' }),
					createStore({ dataDir: '', databaseUrl: u.toString() }, { migrationsDir, schema: 'migrate' })
				]);
				for (const r of results) if (r.status === 'fulfilled') stores.push(r.value.store);
				expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
				const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.applied : []));
				expect(applied.sort()).toEqual((await readMigrations(migrationsDir)).map((m) => m.name));
			} finally {
				for (const s of stores) await s.close();
				await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
			}
		});
	});
} else {
	postgresUnavailable('Store contract: PostgreSQL');
}
