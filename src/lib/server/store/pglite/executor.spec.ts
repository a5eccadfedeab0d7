import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Every PGlite this process constructs, and whether its directory already held a database then.
 * The child process that creates a new directory is not affected by this mock: it is the real PGlite.
 */
const opened = vi.hoisted(() => [] as { dataDir: string | undefined; hadDatabase: boolean }[]);
const executed = vi.hoisted(() => [] as string[]);
vi.mock('@electric-sql/pglite', async (importOriginal) => {
	const real = await importOriginal<typeof import('@electric-sql/pglite')>();
	const { existsSync: exists } = await import('node:fs');
	class RecordingPGlite extends real.PGlite {
		constructor(options: ConstructorParameters<typeof real.PGlite>[0]) {
			const dataDir = (options as { dataDir?: string }).dataDir;
			opened.push({ dataDir, hadDatabase: dataDir ? exists(`${dataDir}/PG_VERSION`) : false });
			super(options);
		}
		override exec(...args: Parameters<InstanceType<typeof real.PGlite>['exec']>) {
			executed.push(args[0]);
			return super.exec(...args);
		}
		// Migrations run inside transactions: record what those execute too.
		override transaction<T>(callback: Parameters<InstanceType<typeof real.PGlite>['transaction']>[0]): Promise<T> {
			return super.transaction((tx) =>
				callback(
					new Proxy(tx, {
						get(target, key) {
							if (key === 'exec') return (text: string) => (executed.push(text), target.exec(text));
							const value = Reflect.get(target, key);
							return typeof value === 'function' ? value.bind(target) : value;
						}
					})
				)
			) as Promise<T>;
		}
	}
	return { ...real, PGlite: RecordingPGlite };
});

const { openPglite, pgliteExecutor } = await import('./executor');
const { createStore } = await import('../index');
const { readMigrations } = await import('../migrate');

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('openPglite on a new data directory', () => {
	it('never runs initdb in this process: the database is created elsewhere, then opened here', async () => {
		const root = await mkdtemp(join(tmpdir(), 'samtavla-pglite-'));
		dirs.push(root);
		const dataDir = join(root, 'pglite');

		const db = pgliteExecutor(await openPglite({ dataDir }));
		const rows = await db.query<{ one: number }>('select 1 as one');
		await db.close();

		expect(rows).toEqual([{ one: 1 }]);
		expect(opened).toEqual([{ dataDir, hadDatabase: true }]);
		// Only the database is left: no staging directory from the creation.
		expect(await readdir(root)).toEqual(['pglite']);
	}, 60_000);

	it('opens an existing directory as it is', async () => {
		const dataDir = join(dirs[0], 'pglite');
		opened.length = 0;

		const db = pgliteExecutor(await openPglite({ dataDir }));
		await db.exec('create table t (x int)');
		await db.close();

		expect(opened).toEqual([{ dataDir, hadDatabase: true }]);
		expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
	}, 60_000);

	it('creates and migrates a new database for the store in the child too: this process runs no migration', async () => {
		const root = await mkdtemp(join(tmpdir(), 'samtavla-pglite-'));
		dirs.push(root);
		opened.length = 0;
		executed.length = 0;
		const migrationsDir = resolve('supabase/migrations');

		const { store, applied } = await createStore({ dataDir: root, databaseUrl: undefined }, { migrationsDir, pgliteThread: 'main' });
		await store.close();

		const migrations = await readMigrations(migrationsDir);
		expect(applied).toEqual(migrations.map((m) => m.name));
		expect(opened).toEqual([{ dataDir: join(root, 'pglite'), hadDatabase: true }]);
		expect(executed.filter((sql) => migrations.some((m) => m.sql === sql))).toEqual([]);
	}, 60_000);
});
