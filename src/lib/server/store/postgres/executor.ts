import postgres from 'postgres';
import type { SqlExecutor } from '../sql/executor.js';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql, root: postgres.Sql | undefined): SqlExecutor {
	return {
		async query<T>(text: string, params: unknown[] = []) {
			return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
		},
		async exec(text: string) {
			// Without parameters the simple protocol allows several statements in one call.
			await sql.unsafe(text).simple();
		},
		async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
			if (!root) return fn(wrap(sql, undefined));
			return (await root.begin((tx) => fn(wrap(tx, undefined)))) as T;
		},
		async close() {
			await root?.end({ timeout: 5 });
		}
	};
}

/** A pooled connection to PostgreSQL (plain or Supabase's connection string). */
export function postgresExecutor(url: string): SqlExecutor {
	const sql = postgres(url, {
		max: 10,
		onnotice: () => {}
	});
	return wrap(sql, sql);
}
