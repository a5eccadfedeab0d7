import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
	try {
		loadConfig(env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as ConfigError).problems;
	}
	throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
	it('has working defaults when nothing is set', () => {
		expect(loadConfig({})).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			origin: undefined,
			dataDir: './data',
			databaseUrl: undefined,
			logLevel: 'info',
			inviteTtlDays: 7,
			instanceLeaseMs: 15_000,
			historyRetentionDays: 90,
			collab: {
				idleUnloadMs: 30_000,
				maxFrameBytes: 2 * 1024 * 1024,
				maxAwarenessBytes: 8192,
				flushMs: 250,
				snapshotEvery: 500,
				maxUpgradesPerSecond: 100,
				maxUpgradesPerAddressPerSecond: 50,
				maxUpgradesPerSessionPerSecond: 10,
				sessionCheckMs: 60_000,
				leaseMs: 10_000
			}
		});
	});

	it('reads every variable', () => {
		const config = loadConfig({
			PORT: '8080',
			HOST: ' 127.0.0.1 ',
			ORIGIN: 'https://samtavla.example.se',
			DATA_DIR: '/var/lib/samtavla',
			DATABASE_URL: 'postgresql://app@db:5432/samtavla',
			LOG_LEVEL: 'debug',
			INVITE_TTL_DAYS: '14',
			COLLAB_IDLE_UNLOAD_MS: '1000',
			COLLAB_MAX_FRAME_BYTES: '4096',
			COLLAB_FLUSH_MS: '50',
			COLLAB_SNAPSHOT_EVERY: '10',
			COLLAB_MAX_UPGRADES_PER_SECOND: '5',
			COLLAB_SESSION_CHECK_MS: '2000',
			UNRELATED: 'ignored'
		});
		expect(config).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			origin: 'https://samtavla.example.se',
			dataDir: '/var/lib/samtavla',
			databaseUrl: 'postgresql://app@db:5432/samtavla',
			logLevel: 'debug',
			inviteTtlDays: 14,
			collab: { idleUnloadMs: 1000, maxFrameBytes: 4096, flushMs: 50, snapshotEvery: 10, maxUpgradesPerSecond: 5, sessionCheckMs: 2000 }
		});
	});

	it('HISTORY_RETENTION_DAYS: whole days from 0 (delete at the first run after adjustment) to 100 years', () => {
		expect(loadConfig({ HISTORY_RETENTION_DAYS: '0' }).historyRetentionDays).toBe(0);
		expect(loadConfig({ HISTORY_RETENTION_DAYS: ' 365 ' }).historyRetentionDays).toBe(365);
		expect(problemsOf({ HISTORY_RETENTION_DAYS: '90d' })).toEqual(['HISTORY_RETENTION_DAYS="90d": HISTORY_RETENTION_DAYS must be a whole number']);
		expect(problemsOf({ HISTORY_RETENTION_DAYS: '-1' })).toEqual(['HISTORY_RETENTION_DAYS="-1": HISTORY_RETENTION_DAYS must be a whole number']);
		expect(problemsOf({ HISTORY_RETENTION_DAYS: '40000' })).toEqual(['HISTORY_RETENTION_DAYS="40000": HISTORY_RETENTION_DAYS must be at most 36500']);
	});

	it('PORT 0 is allowed (tests listen on a free port)', () => {
		expect(loadConfig({ PORT: '0' }).port).toBe(0);
	});

	it('empty strings count as unset', () => {
		const env = Object.fromEntries(
			['PORT', 'HOST', 'ORIGIN', 'DATA_DIR', 'DATABASE_URL', 'LOG_LEVEL', 'INVITE_TTL_DAYS', 'COLLAB_IDLE_UNLOAD_MS', 'COLLAB_FLUSH_MS'].map((k) => [k, ''])
		);
		expect(loadConfig(env)).toEqual(loadConfig({}));
	});

	it('normalises ORIGIN to scheme://host[:port]', () => {
		expect(loadConfig({ ORIGIN: 'https://Samtavla.Example.SE/' }).origin).toBe('https://samtavla.example.se');
		expect(loadConfig({ ORIGIN: 'https://samtavla.example.se:443/app/?x=1' }).origin).toBe('https://samtavla.example.se');
		expect(loadConfig({ ORIGIN: 'http://localhost:5173' }).origin).toBe('http://localhost:5173');
	});

	const bad: Array<[string, string]> = [
		['PORT', 'abc'],
		['PORT', '-1'],
		['PORT', '65536'],
		['PORT', '80.5'],
		['HOST', '   '],
		['ORIGIN', 'samtavla.example.se'],
		['ORIGIN', 'not a url'],
		['ORIGIN', 'ftp://samtavla.example.se'],
		['DATA_DIR', '  '],
		['DATABASE_URL', 'mysql://db/samtavla'],
		['DATABASE_URL', 'db:5432'],
		['REDIS_URL', 'localhost:6379'],
		['REDIS_URL', 'http://localhost:6379'],
		['LOG_LEVEL', 'verbose'],
		['INVITE_TTL_DAYS', '0'],
		['INVITE_TTL_DAYS', '366'],
		['COLLAB_IDLE_UNLOAD_MS', '99'],
		['COLLAB_MAX_FRAME_BYTES', '1023'],
		['COLLAB_FLUSH_MS', '5'],
		['COLLAB_SNAPSHOT_EVERY', '0'],
		['COLLAB_MAX_UPGRADES_PER_SECOND', 'many'],
		['COLLAB_SESSION_CHECK_MS', '10'],
		['COLLAB_LEASE_MS', '100'],
		['COLLAB_MAX_AWARENESS_BYTES', '255'],
		['COLLAB_MAX_AWARENESS_BYTES', '2000000'],
		['COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND', '0'],
		['COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND', 'x'],
		['ADDRESS_HEADER', 'X Forwarded For'],
		['XFF_DEPTH', '0'],
		['METRICS_PORT', '65536'],
		['METRICS_PORT', 'nine'],
		['METRICS_HOST', '  '],
		['INSTANCE_LEASE_MS', '100'],
		['INSTANCE_LEASE_MS', 'soon'],
		['ACCESSIBILITY_CONTACT', 'tillganglighet'],
		['ACCESSIBILITY_CONTACT', 'ftp://example.se/report'],
		['ACCESSIBILITY_CONTACT', 'two words@example.se'],
		['ACCESSIBILITY_CONTACT', 'javascript:alert(1)']
	];
	for (const [name, value] of bad) {
		it(`${name}=${JSON.stringify(value)} is a ConfigError naming ${name}`, () => {
			const problems = problemsOf({ [name]: value });
			expect(problems).toHaveLength(1);
			expect(problems[0].startsWith(`${name}=`)).toBe(true);
			// The human part of the message names the variable as well.
			expect(problems[0].slice(name.length + 1)).toContain(name);
		});
	}

	it('COLLAB_MAX_AWARENESS_BYTES must fit in half a frame; unset, it shrinks with a small frame limit', () => {
		expect(loadConfig({ COLLAB_MAX_AWARENESS_BYTES: '1500', COLLAB_MAX_FRAME_BYTES: '4096' }).collab.maxAwarenessBytes).toBe(1500);
		expect(loadConfig({ COLLAB_MAX_FRAME_BYTES: '4096' }).collab.maxAwarenessBytes).toBe(4096 / 2 - 64);
		expect(problemsOf({ COLLAB_MAX_AWARENESS_BYTES: '8192', COLLAB_MAX_FRAME_BYTES: '4096' })[0]).toMatch(/^COLLAB_MAX_AWARENESS_BYTES="8192": must be at most 1984/);
	});

	it('reads where the source address comes from (adapter-node’s ADDRESS_HEADER and XFF_DEPTH)', () => {
		expect(loadConfig({}).clientAddress).toEqual({ header: undefined, xffDepth: 1 });
		expect(loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' }).clientAddress).toEqual({ header: 'x-forwarded-for', xffDepth: 2 });
	});

	it('reads Supabase and Redis settings; the two Supabase variables come together', () => {
		const config = loadConfig({
			SUPABASE_URL: 'https://abcd.supabase.co/',
			SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-of-forty-characters-xx',
			REDIS_URL: 'redis://127.0.0.1:6379/2'
		});
		expect(config.supabase).toEqual({ url: 'https://abcd.supabase.co', serviceRoleKey: 'service-role-key-of-forty-characters-xx' });
		expect(config.redisUrl).toBe('redis://127.0.0.1:6379/2');
		expect(loadConfig({}).supabase).toBeUndefined();
		expect(problemsOf({ SUPABASE_URL: 'https://abcd.supabase.co' })[0]).toMatch(/SUPABASE_SERVICE_ROLE_KEY is missing/);
		expect(problemsOf({ SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-of-forty-characters-xx' })[0]).toMatch(/SUPABASE_URL is missing/);
		expect(problemsOf({ SUPABASE_URL: 'ftp://abcd.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k'.repeat(40) })[0]).toMatch(/^SUPABASE_URL=/);
	});

	it('reports every bad variable at once, in the error message too', () => {
		const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', ORIGIN: 'nowhere' });
		expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['LOG_LEVEL', 'ORIGIN', 'PORT']);
		try {
			loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
		} catch (error) {
			expect((error as Error).message).toMatch(/PORT/);
			expect((error as Error).message).toMatch(/LOG_LEVEL/);
			expect((error as Error).name).toBe('ConfigError');
		}
	});

	it('accessibility contact: an address becomes a mailto: link, a URL itself; unset by default', () => {
		expect(loadConfig({}).accessibilityContact).toBeUndefined();
		expect(loadConfig({ ACCESSIBILITY_CONTACT: ' tillganglighet@asby.se ' }).accessibilityContact).toEqual({
			href: 'mailto:tillganglighet@asby.se',
			text: 'tillganglighet@asby.se'
		});
		expect(loadConfig({ ACCESSIBILITY_CONTACT: 'https://asby.se/tillganglighet' }).accessibilityContact).toEqual({
			href: 'https://asby.se/tillganglighet',
			text: 'https://asby.se/tillganglighet'
		});
	});

	it('metrics: served on the public port and open by default; a token and a separate listener when set', () => {
		expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
		const token = 'a-long-random-metrics-token-0123';
		expect(loadConfig({ METRICS_TOKEN: ` ${token} `, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ token, port: 9464, host: '10.0.0.5' });
		// Port 0 is a free port, as for PORT (tests).
		expect(loadConfig({ METRICS_PORT: '0' }).metrics.port).toBe(0);
	});

	it('metrics: a short or spaced token, a host without a port, or the public port again are refused', () => {
		for (const value of ['short', 'has a space inside of it, too long']) {
			const problems = problemsOf({ METRICS_TOKEN: value });
			expect(problems).toHaveLength(1);
			expect(problems[0]).toMatch(/^METRICS_TOKEN: .*METRICS_TOKEN/);
			// A secret is never echoed into logs.
			expect(problems[0]).not.toContain(value);
		}
		expect(problemsOf({ METRICS_HOST: '127.0.0.1' })[0]).toMatch(/METRICS_HOST.*METRICS_PORT/);
		expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' })[0]).toMatch(/METRICS_PORT.*PORT/);
	});

	it('e-mail: off without SMTP_HOST; with it, the sender, TLS and port follow from what is set', () => {
		expect(loadConfig({}).smtp).toBeUndefined();
		expect(loadConfig({ SMTP_HOST: 'smtp.asby.se', MAIL_FROM: 'Samtavla <noreply@asby.se>' }).smtp).toEqual({
			host: 'smtp.asby.se',
			port: 587,
			tls: 'starttls',
			auth: undefined,
			from: { name: 'Samtavla', address: 'noreply@asby.se' },
			pollMs: 5000,
			leaseMs: 300_000
		});
		const implicit = loadConfig({ SMTP_HOST: 'smtp.asby.se', SMTP_PORT: '465', SMTP_USER: 'samtavla', SMTP_PASSWORD: ' secret ', MAIL_FROM: 'noreply@asby.se' }).smtp;
		expect(implicit).toEqual({
			host: 'smtp.asby.se',
			port: 465,
			tls: 'implicit',
			// A password is taken as written: spaces may be part of it.
			auth: { user: 'samtavla', password: ' secret ' },
			from: { name: undefined, address: 'noreply@asby.se' },
			pollMs: 5000,
			leaseMs: 300_000
		});
		expect(loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525', SMTP_TLS: 'none', MAIL_FROM: 'a@b.se' }).smtp).toMatchObject({ port: 2525, tls: 'none' });
	});

	it('e-mail: each incomplete or wrong setting is refused naming its variable, never echoing the password', () => {
		expect(problemsOf({ SMTP_HOST: 'smtp.asby.se' })[0]).toMatch(/^MAIL_FROM is missing/);
		expect(problemsOf({ MAIL_FROM: 'a@b.se', SMTP_PORT: '25' })[0]).toMatch(/SMTP_PORT, MAIL_FROM set but SMTP_HOST is not/);
		expect(problemsOf({ SMTP_HOST: 'smtp://smtp.asby.se', MAIL_FROM: 'a@b.se' })[0]).toMatch(/^SMTP_HOST=.*without scheme/);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'not an address' })[0]).toMatch(/^MAIL_FROM=.*must be an address/);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', SMTP_TLS: 'yes' })[0]).toMatch(/^SMTP_TLS=.*implicit/);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', SMTP_PORT: '70000' })[0]).toMatch(/^SMTP_PORT=.*at most 65535/);
		const missing = problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', SMTP_PASSWORD: 'hunter2-secret' });
		expect(missing).toEqual(['SMTP_USER is missing: SMTP_PASSWORD needs a user name as well']);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', SMTP_USER: 'u' })[0]).toMatch(/^SMTP_PASSWORD is missing/);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', SMTP_TLS: 'none', SMTP_USER: 'u', SMTP_PASSWORD: 'p' })[0]).toMatch(/in the clear/);
		expect(problemsOf({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', MAIL_LEASE_MS: '10' })[0]).toMatch(/^MAIL_LEASE_MS=.*at least 1000/);
		expect(loadConfig({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', MAIL_POLL_MS: '250', MAIL_LEASE_MS: '2000' }).smtp).toMatchObject({ pollMs: 250, leaseMs: 2000 });
	});

	it('MAIL_RETENTION_DAYS: 30 by default, whole days from 1 to 10 years, read with e-mail off too (an old outbox still holds addresses)', () => {
		expect(loadConfig({}).mailRetentionDays).toBe(30);
		expect(loadConfig({ MAIL_RETENTION_DAYS: ' 7 ' }).mailRetentionDays).toBe(7);
		expect(loadConfig({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.se', MAIL_RETENTION_DAYS: '90' }).mailRetentionDays).toBe(90);
		expect(problemsOf({ MAIL_RETENTION_DAYS: '0' })).toEqual(['MAIL_RETENTION_DAYS="0": MAIL_RETENTION_DAYS must be at least 1']);
		expect(problemsOf({ MAIL_RETENTION_DAYS: '30d' })).toEqual(['MAIL_RETENTION_DAYS="30d": MAIL_RETENTION_DAYS must be a whole number']);
		expect(problemsOf({ MAIL_RETENTION_DAYS: '4000' })).toEqual(['MAIL_RETENTION_DAYS="4000": MAIL_RETENTION_DAYS must be at most 3650']);
	});

	it('API_RATE_LIMIT: 600 requests a minute per token by default, a whole number from 1', () => {
		expect(loadConfig({}).apiRateLimit).toBe(600);
		expect(loadConfig({ API_RATE_LIMIT: '60' }).apiRateLimit).toBe(60);
		expect(problemsOf({ API_RATE_LIMIT: '0' })).toEqual(['API_RATE_LIMIT="0": API_RATE_LIMIT must be at least 1']);
		expect(problemsOf({ API_RATE_LIMIT: 'many' })).toEqual(['API_RATE_LIMIT="many": API_RATE_LIMIT must be a whole number']);
	});

	it('WEBHOOK_*: off unless WEBHOOK_ALLOWED_HOSTS lists hosts; private addresses only with WEBHOOK_ALLOW_PRIVATE=true; a checked retry base', () => {
		expect(loadConfig({}).webhooks).toEqual({ allowedHosts: [], allowPrivate: false, retryBaseMs: 60_000 });
		expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: ' Hooks.Example.org, *.example.com ,', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '500' }).webhooks).toEqual({
			allowedHosts: ['hooks.example.org', '*.example.com'],
			allowPrivate: true,
			retryBaseMs: 500
		});
		expect(problemsOf({ WEBHOOK_ALLOWED_HOSTS: 'https://x.org/' })[0]).toMatch(/^WEBHOOK_ALLOWED_HOSTS=.*comma-separated list/);
		expect(problemsOf({ WEBHOOK_ALLOW_PRIVATE: 'yes' })[0]).toMatch(/WEBHOOK_ALLOW_PRIVATE must be true or false/);
		expect(problemsOf({ WEBHOOK_RETRY_BASE_MS: '5' })[0]).toMatch(/WEBHOOK_RETRY_BASE_MS must be at least 100/);
	});
});
