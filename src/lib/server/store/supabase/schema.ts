import type { SupabaseClient } from '@supabase/supabase-js';
import { compareSchema, recordedNames, type Migration, type RecordedMigrations, type SchemaStatus } from '../migrate.js';
import { SupabaseStoreError, dataOf } from './request.js';

const RECORDED = 'samtavla_recorded_migrations';

/**
 * The Supabase project's schema compared with the migration files, read through PostgREST (which
 * serves only `public`, not the CLI's `supabase_migrations`) by samtavla_recorded_migrations().
 * Changes nothing: a Supabase project is migrated with `supabase db push`, never by the app.
 */
export async function supabaseSchemaStatus(db: SupabaseClient, migrations: Migration[]): Promise<SchemaStatus> {
	const result = await db.rpc(RECORDED, {});
	// PGRST202: no such function. The project is behind at least the migration that creates it, and
	// migrations are applied in order, so that file and every later one are missing.
	if (result.error?.code === 'PGRST202') {
		const from = migrations.findIndex((m) => m.sql.includes(`function ${RECORDED}(`));
		if (from >= 0) return { missing: migrations.slice(from).map((m) => m.name), unknown: [] };
	}
	return compareSchema(recordedNames(parseRecorded(dataOf(`rpc ${RECORDED}`, result)), migrations), migrations);
}

function parseRecorded(value: unknown): RecordedMigrations {
	const v = value as Partial<RecordedMigrations> | null;
	if (!v || !Array.isArray(v.own) || !Array.isArray(v.supabase)) {
		throw new SupabaseStoreError(`rpc ${RECORDED}`, { status: 200, error: { message: 'unexpected result (expected { own: [], supabase: [] })' } });
	}
	return {
		own: v.own.map(String),
		supabase: v.supabase.map((row) => ({ version: String(row.version), name: row.name == null ? null : String(row.name) }))
	};
}
