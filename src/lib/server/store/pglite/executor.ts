import { mkdir } from 'node:fs/promises';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { BYTEA_ARRAY, parseBytea, parseByteaArray, serializeBytea } from './bytea.js';
import type { SqlExecutor } from '../sql/executor.js';
import { createDataDirIfMissing } from './create-data-dir.js';
import { PGLITE_MEMORY_SETTINGS } from './settings.js';

export { PGLITE_MEMORY_SETTINGS } from './settings.js';

export interface PgliteOptions {
	/** Directory of the database; undefined keeps it in memory (tests). */
	dataDir?: string;
	/** A `dumpDataDir()` tarball to start from instead of running initdb (test template). */
	template?: Blob;
}

export async function openPglite(options: PgliteOptions): Promise<PGlite> {
	// A new directory gets its database from a child process (initdb's memory would stay here).
	if (options.dataDir && !options.template) await createDataDirIfMissing(options.dataDir, PGLITE_MEMORY_SETTINGS);
	else if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
	const db = new PGlite({
		dataDir: options.dataDir,
		loadDataDir: options.template,
		postgresqlconf: PGLITE_MEMORY_SETTINGS,
		// bytea through Node's hex codec: PGlite's own is a parseInt per byte (bytea.ts).
		parsers: { [types.BYTEA]: byteaParser },
		serializers: { [types.BYTEA]: (value: unknown) => serializeBytea(value, types.serializers[types.BYTEA]) }
	});
	await db.waitReady;
	return db;
}

const byteaParser = (text: string) => parseBytea(text, types.parsers[types.BYTEA]);
/** Per query: PGlite sets its own array parsers after the options given at start (bytea.ts). */
const QUERY_OPTIONS = { parsers: { [BYTEA_ARRAY]: (text: string) => parseByteaArray(text, (t) => types.arrayParser(t, byteaParser, BYTEA_ARRAY)) } };

function wrap(db: PGlite | Transaction, isRoot: boolean): SqlExecutor {
	return {
		async query<T>(text: string, params?: unknown[]) {
			const result = await db.query<T>(text, params as unknown[] | undefined, QUERY_OPTIONS);
			return result.rows;
		},
		async exec(text: string) {
			await db.exec(text);
		},
		async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
			if (!isRoot) return fn(wrap(db, false));
			return (db as PGlite).transaction((tx) => fn(wrap(tx, false)));
		},
		async close() {
			if (isRoot) await (db as PGlite).close();
		}
	};
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
	return wrap(db, true);
}
