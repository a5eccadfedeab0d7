import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { createStore } from '../../../src/lib/server/store/index';
import type { Store } from '../../../src/lib/server/store/types';

/**
 * Real parts for the multi-instance tests: a redis-server of the test's own (so it can be
 * killed and restarted without touching anyone else's), a PostgreSQL database of its own, server
 * processes that can be killed with SIGKILL, and a small TCP balancer in front of them that does
 * what nginx's upstream does: round robin, skipping instances that refuse connections.
 */

export function redisServerAvailable(): boolean {
	return spawnSync('redis-server', ['--version']).status === 0;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((r) => server.close(() => r()));
	return port;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`timed out waiting for ${what}`);
}

export interface TestRedis {
	url: string;
	/** SIGKILL: Redis is gone with everything in it (it keeps nothing on disk). */
	kill(): Promise<void>;
	/** A new, empty redis-server on the same port. */
	start(): Promise<void>;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	const url = `redis://127.0.0.1:${port}`;
	let proc: ChildProcess | null = null;
	async function start() {
		proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
		await until(`redis-server on ${port}`, async () => {
			const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
			probe.on('error', () => {}); // refused until it is up: that is what we wait for
			try {
				await probe.connect();
				return (await probe.ping()) === 'PONG';
			} finally {
				probe.disconnect();
			}
		});
	}
	async function kill() {
		const p = proc;
		proc = null;
		if (!p || p.exitCode !== null) return;
		const exited = new Promise((r) => p.once('exit', r));
		p.kill('SIGKILL');
		await exited;
	}
	await start();
	return { url, start, kill, stop: kill };
}

export interface TestDatabase {
	url: string;
	/** A store on the database (migrated), for making people and reading what was stored. */
	store: Store;
	drop(): Promise<void>;
}

export async function createDatabase(adminUrl: string): Promise<TestDatabase> {
	const name = `samtavla_cluster_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = () => postgres(adminUrl, { max: 1, onnotice: () => {} });
	const a = admin();
	await a.unsafe(`create database ${name}`);
	await a.end({ timeout: 5 });
	const u = new URL(adminUrl);
	u.pathname = `/${name}`;
	const url = u.toString();
	const { store } = await createStore({ dataDir: '', databaseUrl: url }, { migrationsDir: resolve('supabase/migrations'), schema: 'migrate' });
	return {
		url,
		store,
		async drop() {
			await store.close();
			const b = admin();
			await b.unsafe(`drop database if exists ${name} with (force)`);
			await b.end({ timeout: 5 });
		}
	};
}

export interface Instance {
	url: string;
	port: number;
	proc: ChildProcess;
	/** What the process printed (its log), for failure messages. */
	output(): string;
	kill(signal: NodeJS.Signals): Promise<void>;
}

/** A server process (tests/integration/cluster/instance.ts) with the given environment. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
	const port = await freePort();
	const proc = spawn(process.execPath, ['--import', 'tsx', resolve('tests/integration/cluster/instance.ts')], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	// Not through `until`: it treats a failing check as "not yet", and an instance that exited
	// (e.g. refused for a lease another instance holds) must fail the start at once, with its output.
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`instance exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
		if (out.includes('listening ')) break;
		if (Date.now() > deadline) {
			proc.kill('SIGKILL');
			throw new Error(`timed out waiting for instance on ${port} to listen:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		proc,
		output: () => out,
		async kill(signal) {
			if (proc.exitCode !== null || proc.signalCode !== null) return;
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill(signal);
			await exited;
		}
	};
}

export interface Balancer {
	url: string;
	/** Which backend port each accepted connection went to, in order. */
	readonly routed: number[];
	close(): Promise<void>;
}

/** Round robin over `ports`, like an nginx upstream: a backend that refuses is skipped. */
export async function startBalancer(ports: () => number[]): Promise<Balancer> {
	let next = 0;
	const routed: number[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.pause();
		const candidates = ports();
		const first = next++;
		const tryBackend = (attempt: number) => {
			if (attempt >= candidates.length) return client.destroy();
			const port = candidates[(first + attempt) % candidates.length];
			const upstream = net.connect(port, '127.0.0.1');
			let connected = false;
			upstream.once('connect', () => {
				connected = true;
				routed.push(port);
				sockets.add(upstream);
				upstream.on('close', () => sockets.delete(upstream));
				client.pipe(upstream).pipe(client);
				client.resume();
				upstream.on('error', () => client.destroy());
				client.on('error', () => upstream.destroy());
				upstream.on('close', () => client.destroy());
				client.on('close', () => upstream.destroy());
			});
			upstream.once('error', () => {
				if (!connected) tryBackend(attempt + 1);
			});
		};
		tryBackend(0);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		routed,
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}
