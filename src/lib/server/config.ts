// Over 300 lines: every variable is read, checked and documented here, at the one edge where
// configuration enters (design.md), so splitting it would scatter the one list operators read.
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
	// Issue 15: requests per minute one API token may make (each instance counts its own).
	API_RATE_LIMIT: v.optional(intFrom('API_RATE_LIMIT', 1, 100_000), '600'),
	LOG_LEVEL: v.optional(
		v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'),
		'info'
	),
	// adapter-node's own variables: which header carries the client's address behind a proxy.
	ADDRESS_HEADER: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'ADDRESS_HEADER must be a header name'))),
	XFF_DEPTH: v.optional(intFrom('XFF_DEPTH', 1, 100), '1'),
	INVITE_TTL_DAYS: v.optional(intFrom('INVITE_TTL_DAYS', 1, 90), '7'),
	COLLAB_IDLE_UNLOAD_MS: v.optional(intFrom('COLLAB_IDLE_UNLOAD_MS', 100, 86_400_000), '30000'),
	COLLAB_MAX_FRAME_BYTES: v.optional(intFrom('COLLAB_MAX_FRAME_BYTES', 1024, 64 * 1024 * 1024), String(2 * 1024 * 1024)),
	COLLAB_FLUSH_MS: v.optional(intFrom('COLLAB_FLUSH_MS', 10, 60_000), '250'),
	COLLAB_SNAPSHOT_EVERY: v.optional(intFrom('COLLAB_SNAPSHOT_EVERY', 1, 1_000_000), '500'),
	COLLAB_MAX_AWARENESS_BYTES: v.optional(intFrom('COLLAB_MAX_AWARENESS_BYTES', 256, 1024 * 1024)),
	COLLAB_MAX_UPGRADES_PER_SECOND: v.optional(intFrom('COLLAB_MAX_UPGRADES_PER_SECOND', 1, 100_000), '100'),
	COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND: v.optional(intFrom('COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND', 1, 100_000), '50'),
	COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND: v.optional(intFrom('COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND', 1, 100_000), '10'),
	COLLAB_SESSION_CHECK_MS: v.optional(intFrom('COLLAB_SESSION_CHECK_MS', 100, 86_400_000), '60000'),
	COLLAB_UPGRADE_CACHE_MS: v.optional(intFrom('COLLAB_UPGRADE_CACHE_MS', 0, 60_000), '5000'),
	COLLAB_AWARENESS_INTERVAL_MS: v.optional(intFrom('COLLAB_AWARENESS_INTERVAL_MS', 0, 10_000), '250'),
	COLLAB_LEASE_MS: v.optional(intFrom('COLLAB_LEASE_MS', 300, 600_000), '10000'),
	COLLAB_MAX_PENDING_BYTES: v.optional(intFrom('COLLAB_MAX_PENDING_BYTES', 1024, 256 * 1024 * 1024), String(1024 * 1024)),
	COLLAB_MAX_PENDING_MS: v.optional(intFrom('COLLAB_MAX_PENDING_MS', 100, 3_600_000), '30000'),
	COLLAB_MAX_DOC_PENDING_BYTES: v.optional(intFrom('COLLAB_MAX_DOC_PENDING_BYTES', 1024, 1024 * 1024 * 1024), String(8 * 1024 * 1024)),
	METRICS_TOKEN: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.regex(/^\S+$/, 'METRICS_TOKEN must have no spaces (it is sent as `Authorization: Bearer <token>`)'),
			v.minLength(16, 'METRICS_TOKEN must have at least 16 characters')
		)
	),
	METRICS_PORT: v.optional(intFrom('METRICS_PORT', 0, 65535)),
	METRICS_HOST: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'METRICS_HOST must not be empty'))),
	INSTANCE_LEASE_MS: v.optional(intFrom('INSTANCE_LEASE_MS', 300, 600_000), '15000'),
	HISTORY_RETENTION_DAYS: v.optional(intFrom('HISTORY_RETENTION_DAYS', 0, 36_500), '90'),
	AUDIT_RETENTION_DAYS: v.optional(intFrom('AUDIT_RETENTION_DAYS', 30, 36_500)),
	ACCESSIBILITY_CONTACT: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.check((value) => contactLink(value) !== null, 'ACCESSIBILITY_CONTACT must be an e-mail address or an http(s) URL')
		)
	),
	// E-mail (issue 14, point 6): unset SMTP_HOST turns e-mail off; the app runs and says so.
	SMTP_HOST: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[^\s/:]+$/, 'SMTP_HOST must be a host name or address, without scheme or port'))),
	SMTP_PORT: v.optional(intFrom('SMTP_PORT', 1, 65535)),
	SMTP_TLS: v.optional(
		v.picklist(['implicit', 'starttls', 'none'], 'SMTP_TLS must be implicit (TLS from the start, port 465), starttls (upgrade required, port 587) or none (local relay only)')
	),
	SMTP_USER: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
	SMTP_PASSWORD: v.optional(v.string()),
	MAIL_POLL_MS: v.optional(intFrom('MAIL_POLL_MS', 100, 3_600_000), '5000'),
	MAIL_LEASE_MS: v.optional(intFrom('MAIL_LEASE_MS', 1000, 3_600_000), '300000'),
	// Read with e-mail off too: an outbox filled while it was on still holds addresses to remove.
	MAIL_RETENTION_DAYS: v.optional(intFrom('MAIL_RETENTION_DAYS', 1, 3650), '30'),
	// Webhooks (issue 15, point 4): where deliveries may go. Empty or unset: webhooks are off.
	WEBHOOK_ALLOWED_HOSTS: v.optional(
		v.pipe(
			v.string(),
			v.transform((value) => value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
			v.check(
				(hosts) => hosts.every((h) => /^(\*\.)?[a-z0-9.-]+$|^[0-9a-f:.]+$/.test(h) && !h.includes('..')),
				'WEBHOOK_ALLOWED_HOSTS must be a comma-separated list of host names, addresses or *.domain patterns, e.g. "hooks.example.org,*.example.com"'
			)
		),
		''
	),
	WEBHOOK_ALLOW_PRIVATE: v.optional(v.picklist(['true', 'false'], 'WEBHOOK_ALLOW_PRIVATE must be true or false'), 'false'),
	WEBHOOK_RETRY_BASE_MS: v.optional(intFrom('WEBHOOK_RETRY_BASE_MS', 100, 3_600_000), '60000'),
	MAIL_FROM: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.check((value) => mailFrom(value) !== null, 'MAIL_FROM must be an address, or a name and an address: Samtavla <noreply@example.org>')
		)
	)
});

/** Their values never appear in an error message (which ends up in logs). */
const SECRETS = new Set(['SUPABASE_SERVICE_ROLE_KEY', 'METRICS_TOKEN', 'SMTP_PASSWORD']);

/** Presence is a name, a colour and a cursor: a few hundred bytes. 8 KiB leaves room for more. */
const DEFAULT_MAX_AWARENESS_BYTES = 8192;

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
	/** API_RATE_LIMIT: requests per minute per API token; more get 429 with RateLimit headers (issue 15). */
	apiRateLimit: number;
	/** Several instances share documents over this Redis (streams, pub/sub, write leases). */
	redisUrl: string | undefined;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
	inviteTtlDays: number;
	/**
	 * Where a request's source address is read (adapter-node's ADDRESS_HEADER and XFF_DEPTH): the
	 * socket's peer, or behind a proxy a header it sets (lower case); for X-Forwarded-For the
	 * entry `xffDepth` from the right.
	 */
	clientAddress: { header: string | undefined; xffDepth: number };
	/**
	 * Without REDIS_URL on a shared database (PostgreSQL, Supabase): how long this instance's claim
	 * to be the only one serving lasts unless renewed; one that died is replaced after this.
	 */
	instanceLeaseMs: number;
	/**
	 * Who changed what in the documents (the authored update log) is kept as long as a meeting is
	 * not adjusted, and this many days after its adjustment; then a daily job deletes it.
	 */
	historyRetentionDays: number;
	/**
	 * AUDIT_RETENTION_DAYS: the daily job removes audit entries older than this (always the oldest,
	 * never past a board's own minimum); unset keeps the whole log.
	 */
	auditRetentionDays: number | null;
	collab: {
		idleUnloadMs: number;
		maxFrameBytes: number;
		/** Largest presence (awareness) state of one client, in bytes of JSON; larger ones are dropped. */
		maxAwarenessBytes: number;
		flushMs: number;
		snapshotEvery: number;
		/** Authenticated upgrades per second, all members together. */
		maxUpgradesPerSecond: number;
		/** Upgrades with a session token per source address, charged before the token is looked up. */
		maxUpgradesPerAddressPerSecond: number;
		/** Authenticated upgrades per second of one session. */
		maxUpgradesPerSessionPerSecond: number;
		/** How often a live socket re-checks its session (expired, revoked elsewhere). */
		sessionCheckMs: number;
		/**
		 * How long an upgrade's valid session and granted membership are reused by later upgrades
		 * (server/collab/upgrade-cache.ts); sign-out and role changes forget them at once. 0: never.
		 */
		upgradeCacheMs: number;
		/**
		 * Least time between two forwarded presence states of one client: changes in between wait,
		 * and the last one is forwarded when the time is up. 0: every change (still coalesced per document).
		 */
		awarenessIntervalMs: number;
		/** With REDIS_URL: how long a document's write lease lasts unless renewed (a dead writer is replaced after this). */
		leaseMs: number;
		/**
		 * Updates that refer to content the document lacks wait with their connection, never in the
		 * document: at most this many bytes per connection, this long, and this many bytes per
		 * document over all its connections; beyond that the connection is closed (4413).
		 */
		maxPendingBytes: number;
		maxPendingMs: number;
		maxDocPendingBytes: number;
	};
	/**
	 * Where people report accessibility problems (ACCESSIBILITY_CONTACT), shown on the accessibility
	 * statement (/accessibility); unset, the page tells them to ask whoever invited them.
	 */
	accessibilityContact: ContactLink | undefined;
	metrics: {
		/** When set, `/metrics` answers only requests with `Authorization: Bearer <token>`. */
		token: string | undefined;
		/** When set, `/metrics` is served on its own listener (`host`:`port`) and not on the public port. */
		port: number | undefined;
		host: string;
	};
	/**
	 * Outgoing e-mail (SMTP_*, MAIL_FROM); undefined when SMTP_HOST is unset: nothing is queued or
	 * sent, and the pages where a person would expect mail say that e-mail is off.
	 */
	smtp: SmtpConfig | undefined;
	/**
	 * MAIL_RETENTION_DAYS: sent messages (address, words) are deleted from the outbox this many days
	 * after they were sent, given-up ones after three times as long (domain/mail.ts
	 * `outboxRetention`); by the daily upkeep, with e-mail on or off.
	 */
	mailRetentionDays: number;
	/**
	 * Webhooks (issue 15, point 4): deliveries go only to `allowedHosts` (WEBHOOK_ALLOWED_HOSTS; empty:
	 * webhooks off) and, unless `allowPrivate` (WEBHOOK_ALLOW_PRIVATE), only to public addresses.
	 * `retryBaseMs` (WEBHOOK_RETRY_BASE_MS) is the first retry's wait, doubled with each attempt.
	 */
	webhooks: { allowedHosts: string[]; allowPrivate: boolean; retryBaseMs: number };
}

export interface SmtpConfig {
	host: string;
	port: number;
	/** implicit: TLS from the first byte; starttls: the server must offer STARTTLS or sending fails; none: plain (a relay on this machine). */
	tls: 'implicit' | 'starttls' | 'none';
	auth: { user: string; password: string } | undefined;
	from: { name: string | undefined; address: string };
	/** How often the outbox is looked at for due messages (queueing in this process also wakes it at once). */
	pollMs: number;
	/**
	 * How long one send may hold its message: past this, another instance (or this one after a
	 * restart) sends it again. The SMTP timeouts are set to fit inside it.
	 */
	leaseMs: number;
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
				if (key && SECRETS.has(key)) return `${key}: ${issue.message}`;
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
	// One state must fit in one awareness frame the server sends (half the frame limit, see
	// server/collab/awareness-guard.ts), with room for the frame's own bytes.
	const awarenessRoom = Math.floor(e.COLLAB_MAX_FRAME_BYTES / 2) - 64;
	if (e.COLLAB_MAX_AWARENESS_BYTES !== undefined && e.COLLAB_MAX_AWARENESS_BYTES > awarenessRoom) {
		throw new ConfigError([
			`COLLAB_MAX_AWARENESS_BYTES=${JSON.stringify(known.COLLAB_MAX_AWARENESS_BYTES)}: must be at most ${awarenessRoom} (half of COLLAB_MAX_FRAME_BYTES, less 64)`
		]);
	}
	if (e.METRICS_HOST !== undefined && e.METRICS_PORT === undefined) {
		throw new ConfigError(['METRICS_HOST is set but METRICS_PORT is not: METRICS_HOST only says where the separate metrics listener binds']);
	}
	if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
		throw new ConfigError([`METRICS_PORT=${e.METRICS_PORT} is the same as PORT: the metrics listener needs a port of its own`]);
	}
	const smtp = smtpOf(e, known);
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
		clientAddress: { header: e.ADDRESS_HEADER?.toLowerCase(), xffDepth: e.XFF_DEPTH },
		instanceLeaseMs: e.INSTANCE_LEASE_MS,
		historyRetentionDays: e.HISTORY_RETENTION_DAYS,
		auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? null,
		collab: {
			idleUnloadMs: e.COLLAB_IDLE_UNLOAD_MS,
			maxFrameBytes: e.COLLAB_MAX_FRAME_BYTES,
			maxAwarenessBytes: e.COLLAB_MAX_AWARENESS_BYTES ?? Math.min(DEFAULT_MAX_AWARENESS_BYTES, awarenessRoom),
			flushMs: e.COLLAB_FLUSH_MS,
			snapshotEvery: e.COLLAB_SNAPSHOT_EVERY,
			maxUpgradesPerSecond: e.COLLAB_MAX_UPGRADES_PER_SECOND,
			maxUpgradesPerAddressPerSecond: e.COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND,
			maxUpgradesPerSessionPerSecond: e.COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND,
			sessionCheckMs: e.COLLAB_SESSION_CHECK_MS,
			upgradeCacheMs: e.COLLAB_UPGRADE_CACHE_MS,
			awarenessIntervalMs: e.COLLAB_AWARENESS_INTERVAL_MS,
			leaseMs: e.COLLAB_LEASE_MS,
			maxPendingBytes: e.COLLAB_MAX_PENDING_BYTES,
			maxPendingMs: e.COLLAB_MAX_PENDING_MS,
			maxDocPendingBytes: e.COLLAB_MAX_DOC_PENDING_BYTES
		},
		accessibilityContact: e.ACCESSIBILITY_CONTACT ? (contactLink(e.ACCESSIBILITY_CONTACT) ?? undefined) : undefined,
		metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1' },
		smtp,
		mailRetentionDays: e.MAIL_RETENTION_DAYS,
		apiRateLimit: e.API_RATE_LIMIT,
		webhooks: { allowedHosts: e.WEBHOOK_ALLOWED_HOSTS, allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true', retryBaseMs: e.WEBHOOK_RETRY_BASE_MS }
	};
}

type ParsedEnv = v.InferOutput<typeof EnvSchema>;

/** SMTP_HOST turns e-mail on; then MAIL_FROM is needed, and a user and a password only together. */
function smtpOf(e: ParsedEnv, known: Record<string, string | undefined>): SmtpConfig | undefined {
	const others = (['SMTP_PORT', 'SMTP_TLS', 'SMTP_USER', 'SMTP_PASSWORD', 'MAIL_FROM', 'MAIL_POLL_MS', 'MAIL_LEASE_MS'] as const).filter((key) => known[key] !== undefined);
	if (!e.SMTP_HOST) {
		if (others.length > 0) throw new ConfigError([`${others.join(', ')} set but SMTP_HOST is not: e-mail needs SMTP_HOST (or unset these to keep e-mail off)`]);
		return undefined;
	}
	const problems: string[] = [];
	if (!e.MAIL_FROM) problems.push('MAIL_FROM is missing: SMTP_HOST needs the sender address as well, e.g. MAIL_FROM="Samtavla <noreply@example.org>"');
	if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) {
		problems.push(e.SMTP_USER ? 'SMTP_PASSWORD is missing: SMTP_USER needs a password as well' : 'SMTP_USER is missing: SMTP_PASSWORD needs a user name as well');
	}
	const tls = e.SMTP_TLS ?? (e.SMTP_PORT === 465 ? 'implicit' : 'starttls');
	if (tls === 'none' && e.SMTP_USER) problems.push('SMTP_TLS=none with SMTP_USER: the password would cross the network in the clear; use starttls or implicit');
	if (problems.length > 0) throw new ConfigError(problems);
	return {
		host: e.SMTP_HOST,
		port: e.SMTP_PORT ?? (tls === 'implicit' ? 465 : tls === 'starttls' ? 587 : 25),
		tls,
		auth: e.SMTP_USER && e.SMTP_PASSWORD ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD } : undefined,
		from: mailFrom(e.MAIL_FROM!)!,
		pollMs: e.MAIL_POLL_MS,
		leaseMs: e.MAIL_LEASE_MS
	};
}

/** An e-mail address as the sign-up form checks one (valibot's `email`), so config and forms agree. */
const EmailAddress = v.pipe(v.string(), v.email());
const isAddress = (value: string): boolean => v.is(EmailAddress, value);

/** `a@b.se` or `Name <a@b.se>` (the name without quotes, angle brackets or line breaks); null otherwise. */
export function mailFrom(value: string): { name: string | undefined; address: string } | null {
	if (isAddress(value)) return { name: undefined, address: value };
	const named = /^([^<>"\r\n]+?)\s*<([^<>\s]+)>$/.exec(value);
	if (named && isAddress(named[2])) return { name: named[1].trim(), address: named[2] };
	return null;
}

export interface ContactLink {
	href: string;
	/** What the link says: the address, or the URL as written. */
	text: string;
}

/** An e-mail address as a mailto: link, an http(s) URL as itself; null for anything else. */
export function contactLink(value: string): ContactLink | null {
	if (isAddress(value)) return { href: `mailto:${value}`, text: value };
	try {
		const url = new URL(value);
		if (url.protocol === 'https:' || url.protocol === 'http:') return { href: url.href, text: value };
	} catch {
		// not a URL either
	}
	return null;
}
