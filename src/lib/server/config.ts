import * as v from 'valibot';

/**
 * All configuration is read and validated here, once, at the edge (server entry, Vite plugin).
 * Library code receives a `Config` and never reads `process.env` itself.
 */

const intFrom = (name: string, min: number, max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d+$/, `${name} must be a whole number`),
		v.transform(Number),
		v.minValue(min, `${name} must be at least ${min}`),
		v.maxValue(max, `${name} must be at most ${max}`)
	);

const urlFrom = (name: string, protocols: string[]) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.url(`${name} must be a URL`),
		v.check(
			// v.url has already reported an unparseable value; `new URL` would throw past ConfigError.
			(value) => !URL.canParse(value) || protocols.includes(new URL(value).protocol),
			`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}`
		)
	);

const EnvSchema = v.object({
	PORT: v.optional(intFrom('PORT', 0, 65535), '3000'),
	HOST: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'HOST must not be empty')), '0.0.0.0'),
	ORIGIN: v.optional(urlFrom('ORIGIN', ['http:', 'https:'])),
	DATA_DIR: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'DATA_DIR must not be empty')), './data'),
	DATABASE_URL: v.optional(urlFrom('DATABASE_URL', ['postgres:', 'postgresql:'])),
	SUPABASE_URL: v.optional(urlFrom('SUPABASE_URL', ['https:', 'http:'])),
	SUPABASE_SERVICE_ROLE_KEY: v.optional(v.pipe(v.string(), v.trim(), v.minLength(20, 'SUPABASE_SERVICE_ROLE_KEY looks too short to be a key'))),
	REDIS_URL: v.optional(urlFrom('REDIS_URL', ['redis:', 'rediss:'])),
	LOG_LEVEL: v.optional(
		v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'),
		'info'
	),
	INVITE_TTL_DAYS: v.optional(intFrom('INVITE_TTL_DAYS', 1, 90), '7'),
	COLLAB_IDLE_UNLOAD_MS: v.optional(intFrom('COLLAB_IDLE_UNLOAD_MS', 100, 86_400_000), '30000'),
	COLLAB_MAX_FRAME_BYTES: v.optional(intFrom('COLLAB_MAX_FRAME_BYTES', 1024, 64 * 1024 * 1024), String(2 * 1024 * 1024)),
	COLLAB_FLUSH_MS: v.optional(intFrom('COLLAB_FLUSH_MS', 10, 60_000), '250'),
	COLLAB_SNAPSHOT_EVERY: v.optional(intFrom('COLLAB_SNAPSHOT_EVERY', 1, 1_000_000), '500'),
	COLLAB_MAX_UPGRADES_PER_SECOND: v.optional(intFrom('COLLAB_MAX_UPGRADES_PER_SECOND', 1, 100_000), '100'),
	COLLAB_SESSION_CHECK_MS: v.optional(intFrom('COLLAB_SESSION_CHECK_MS', 100, 86_400_000), '60000'),
	COLLAB_LEASE_MS: v.optional(intFrom('COLLAB_LEASE_MS', 300, 600_000), '10000'),
	INSTANCE_LEASE_MS: v.optional(intFrom('INSTANCE_LEASE_MS', 300, 600_000), '15000')
});

export type Env = Record<string, string | undefined>;

export interface Config {
	port: number;
	host: string;
	/** The app's public origin; when unset, the request's own Host is trusted as the origin. */
	origin: string | undefined;
	dataDir: string;
	databaseUrl: string | undefined;
	/**
	 * Supabase through supabase-js (server side only). When set, the app's store talks to
	 * PostgREST with the service role; DATABASE_URL is then used only by `npm run db:migrate`.
	 */
	supabase: { url: string; serviceRoleKey: string } | undefined;
	/** Several instances share documents over this Redis (streams, pub/sub, write leases). */
	redisUrl: string | undefined;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
	inviteTtlDays: number;
	/**
	 * Without REDIS_URL on a shared database (PostgreSQL, Supabase): how long this instance's claim
	 * to be the only one serving lasts unless renewed; one that died is replaced after this.
	 */
	instanceLeaseMs: number;
	collab: {
		idleUnloadMs: number;
		maxFrameBytes: number;
		flushMs: number;
		snapshotEvery: number;
		maxUpgradesPerSecond: number;
		/** How often a live socket re-checks its session (expired, revoked elsewhere). */
		sessionCheckMs: number;
		/** With REDIS_URL: how long a document's write lease lasts unless renewed (a dead writer is replaced after this). */
		leaseMs: number;
	};
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

/** Reads the known variables from `env`; empty strings count as unset. Throws ConfigError naming each bad variable. */
export function loadConfig(env: Env): Config {
	const known = Object.fromEntries(
		Object.keys(EnvSchema.entries)
			.map((key) => [key, env[key]])
			.filter(([, value]) => value !== undefined && value !== '')
	);
	const result = v.safeParse(EnvSchema, known);
	if (!result.success) {
		throw new ConfigError(
			result.issues.map((issue) => {
				const key = issue.path?.[0]?.key as string | undefined;
				const value = key ? known[key] : undefined;
				return key ? `${key}=${JSON.stringify(value)}: ${issue.message}` : issue.message;
			})
		);
	}
	const e = result.output;
	if (Boolean(e.SUPABASE_URL) !== Boolean(e.SUPABASE_SERVICE_ROLE_KEY)) {
		throw new ConfigError([
			e.SUPABASE_URL
				? 'SUPABASE_SERVICE_ROLE_KEY is missing: SUPABASE_URL needs the service role key as well'
				: 'SUPABASE_URL is missing: SUPABASE_SERVICE_ROLE_KEY needs the project URL as well'
		]);
	}
	return {
		port: e.PORT,
		host: e.HOST,
		origin: e.ORIGIN ? new URL(e.ORIGIN).origin : undefined,
		dataDir: e.DATA_DIR,
		databaseUrl: e.DATABASE_URL,
		supabase: e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY ? { url: e.SUPABASE_URL.replace(/\/+$/, ''), serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY } : undefined,
		redisUrl: e.REDIS_URL,
		logLevel: e.LOG_LEVEL,
		inviteTtlDays: e.INVITE_TTL_DAYS,
		instanceLeaseMs: e.INSTANCE_LEASE_MS,
		collab: {
			idleUnloadMs: e.COLLAB_IDLE_UNLOAD_MS,
			maxFrameBytes: e.COLLAB_MAX_FRAME_BYTES,
			flushMs: e.COLLAB_FLUSH_MS,
			snapshotEvery: e.COLLAB_SNAPSHOT_EVERY,
			maxUpgradesPerSecond: e.COLLAB_MAX_UPGRADES_PER_SECOND,
			sessionCheckMs: e.COLLAB_SESSION_CHECK_MS,
			leaseMs: e.COLLAB_LEASE_MS
		}
	};
}
