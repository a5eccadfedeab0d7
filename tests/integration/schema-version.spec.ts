import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/lib/server/store/index';
import { readMigrations } from '../../src/lib/server/store/migrate';
import { postgresUnavailable } from './suite-unavailable';

/**
 * With DATABASE_URL the app never migrates by itself: it compares `schema_migrations` with
 * supabase/migrations and refuses to start when the database is behind, naming the files and
 * `npm run db:migrate`. A database ahead of the code (a newer deploy) starts with a warning.
 */

const migrationsDir = resolve('supabase/migrations');
const adminUrl = process.env.TEST_DATABASE_URL;

/** Runs a server entry through tsx (no build needed) with only the given environment. */
function run(entry: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', resolve(entry)], {
			env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', fail);
		child.on('close', (status) => {
			clearTimeout(timer);
			done({ status, stdout, stderr });
		});
	});
}

if (adminUrl) {
	const created: string[] = [];

	async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
		const sql = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		try {
			return await fn(sql);
		} finally {
			await sql.end({ timeout: 5 });
		}
	}

	/** An empty database of its own, dropped after the test. */
	async function freshDatabase(): Promise<string> {
		const name = `samtavla_schema_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
		await admin((sql) => sql.unsafe(`create database ${name}`));
		created.push(name);
		const url = new URL(adminUrl!);
		url.pathname = `/${name}`;
		return url.toString();
	}

	async function on<T>(databaseUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
		const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
		try {
			return await fn(sql);
		} finally {
			await sql.end({ timeout: 5 });
		}
	}

	afterEach(async () => {
		for (const name of created.splice(0)) await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
	});

	describe('schema version on PostgreSQL', () => {
		it('check mode refuses an empty database, naming every migration and `npm run db:migrate`; after db:migrate it opens', async () => {
			const databaseUrl = await freshDatabase();
			const names = (await readMigrations(migrationsDir)).map((m) => m.name);

			const refused = createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'check' });
			await expect(refused).rejects.toThrow(/npm run db:migrate/);
			const message = await refused.catch((error: Error) => error.message);
			for (const name of names) expect(message).toContain(name);
			// Checking changed nothing: not even the bookkeeping table was created.
			expect(await on(databaseUrl, (sql) => sql`select to_regclass('schema_migrations') as t`)).toEqual([{ t: null }]);

			const migrated = await run('server/migrate.ts', { DATABASE_URL: databaseUrl });
			expect(migrated.stderr).toBe('');
			expect(migrated.status).toBe(0);
			expect(migrated.stdout).toContain(`Applied ${names.length} migration(s)`);
			for (const name of names) expect(migrated.stdout).toContain(name);

			const { store, applied } = await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'check' });
			expect(applied).toEqual([]);
			await store.agencies.create({ id: 'a1', name: 'Arbetsförmedlingen', kind: 'employment_services', color: '#1f5f8b' });
			await store.close();

			const again = await run('server/migrate.ts', { DATABASE_URL: databaseUrl });
			expect(again.status).toBe(0);
			expect(again.stdout).toContain('nothing to apply');
		}, 120_000);

		it('a database one migration behind is refused, naming only that one', async () => {
			const databaseUrl = await freshDatabase();
			const names = (await readMigrations(migrationsDir)).map((m) => m.name);
			const last = names.at(-1)!;
			await (await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'migrate' })).store.close();
			await on(databaseUrl, (sql) => sql`delete from schema_migrations where name = ${last}`);

			const message = await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'check' }).then(
				() => 'opened',
				(error: Error) => error.message
			);
			expect(message).toContain(last);
			expect(message).toContain('npm run db:migrate');
			for (const name of names.slice(0, -1)) expect(message).not.toContain(name);
		}, 60_000);

		it('a database ahead of the code (an unknown migration recorded) opens, reporting the unknown name', async () => {
			const databaseUrl = await freshDatabase();
			await (await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'migrate' })).store.close();
			await on(databaseUrl, (sql) => sql`insert into schema_migrations (name) values ('29990101000000_from_the_future.sql')`);

			let ahead: string[] = [];
			const { store } = await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'check', onSchemaAhead: (names) => (ahead = names) });
			await store.close();
			expect(ahead).toEqual(['29990101000000_from_the_future.sql']);
		}, 60_000);

		it('a Supabase project migrated by `supabase db push` counts as migrated', async () => {
			const databaseUrl = await freshDatabase();
			const migrations = await readMigrations(migrationsDir);
			// What the Supabase CLI leaves behind: its own history table, and no schema_migrations of ours.
			await on(databaseUrl, async (sql) => {
				await sql.unsafe('create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text)').simple();
				for (const m of migrations) {
					await sql.unsafe(m.sql).simple();
					await sql`insert into supabase_migrations.schema_migrations (version, name) values (${m.name.slice(0, 14)}, ${m.name.slice(15, -4)})`;
				}
			});
			const { store } = await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'check' });
			await store.close();
			// db:migrate afterwards applies nothing twice.
			const again = await run('server/migrate.ts', { DATABASE_URL: databaseUrl });
			expect(again.status).toBe(0);
			expect(again.stdout).toContain('nothing to apply');
		}, 60_000);

		it('the real server entry refuses an empty database: exit 1, naming the files and `npm run db:migrate`', async () => {
			const databaseUrl = await freshDatabase();
			const result = await run('server/index.ts', { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' });
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('schema is behind');
			expect(result.stderr).toContain('npm run db:migrate');
			for (const m of await readMigrations(migrationsDir)) expect(result.stderr).toContain(m.name);
			// It did not migrate on its own.
			expect(await on(databaseUrl, (sql) => sql`select to_regclass('schema_migrations') as t`)).toEqual([{ t: null }]);
		}, 60_000);

		it('the server entry starts on a database ahead of the code, with a warning', async () => {
			const databaseUrl = await freshDatabase();
			await (await createStore({ dataDir: '', databaseUrl }, { migrationsDir, schema: 'migrate' })).store.close();
			await on(databaseUrl, (sql) => sql`insert into schema_migrations (name) values ('29990101000000_from_the_future.sql')`);

			const child = spawn(process.execPath, ['--import', 'tsx', resolve('server/index.ts')], {
				env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let output = '';
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
			const exited = new Promise<number | null>((done) => child.on('close', done));
			try {
				await new Promise<void>((ready, fail) => {
					const timer = setTimeout(() => fail(new Error('no "listening" within 60 s:\n' + output)), 60_000);
					child.stdout.on('data', () => {
						if (output.includes('Samtavla is listening')) {
							clearTimeout(timer);
							ready();
						}
					});
					child.on('close', (status) => {
						clearTimeout(timer);
						fail(new Error(`exited ${status} before listening:\n${output}`));
					});
				});
				const warning = output.split('\n').find((line) => line.includes('29990101000000_from_the_future.sql'));
				expect(warning, output).toBeDefined();
				expect(JSON.parse(warning!).level).toBe(40); // pino's warn
			} finally {
				child.kill('SIGTERM');
				await exited;
			}
		}, 90_000);
	});
} else {
	postgresUnavailable('Schema version on PostgreSQL');
}
