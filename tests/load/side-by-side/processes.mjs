// Starting pinned processes and reading what they cost from /proc. CPU comes from
// /proc/<pid>/stat (utime + stime of all the process's threads, in clock ticks), so a server's
// worker threads count too; memory is VmRSS from /proc/<pid>/status.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
export const cores = cpus().length;
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Node running `args`, pinned to `core` when taskset exists (taskset execs node: same pid). */
export function spawnPinned(core, args, options) {
	if (hasTaskset && core !== null) return spawn('taskset', ['-c', String(core), process.execPath, ...args], options);
	return spawn(process.execPath, args, options);
}

/** CPU seconds the process has used so far (user + system, all threads). */
export function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may hold spaces and parentheses: fields are counted after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function rssMb(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/**
 * The kernel's count of connections dropped because a listen queue was full (TcpExt
 * ListenOverflows, machine-wide; null off Linux). Each dropped handshake is retried a second or
 * more later, so a few overflows while clients connect show up as whole seconds of connect time.
 */
export function listenOverflows() {
	try {
		const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
		const names = lines[0].split(/\s+/);
		const values = lines[1].split(/\s+/);
		const value = Number(values[names.indexOf('ListenOverflows')]);
		return Number.isFinite(value) ? value : null;
	} catch {
		return null;
	}
}

export async function freePort() {
	const server = net.createServer();
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address();
	await new Promise((r) => server.close(r));
	return port;
}

/**
 * A server process: its output kept (the last 20 kB, shown when something fails), ready once
 * `readyUrl` answers; rejects with the output when it exits first or takes longer than `timeoutMs`.
 */
export async function startServer(name, core, args, env, readyUrl, timeoutMs = 120_000) {
	const proc = spawnPinned(core, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	const keep = (d) => (out = (out + d).slice(-20_000));
	proc.stdout.on('data', keep);
	proc.stderr.on('data', keep);
	const exited = new Promise((r) => proc.once('exit', r));
	const server = {
		name,
		proc,
		output: () => out,
		alive: () => proc.exitCode === null && proc.signalCode === null,
		/** SIGTERM (Samtavla stores every open document then), SIGKILL after `graceMs`. */
		async stop(graceMs = 60_000) {
			if (!server.alive()) return;
			proc.kill('SIGTERM');
			const killed = setTimeout(() => proc.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(killed);
		}
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!server.alive()) throw new Error(`${name} exited before it was ready (${proc.exitCode ?? proc.signalCode}):\n${out}`);
		if (Date.now() > deadline) {
			await server.stop(5000);
			throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${out}`);
		}
		try {
			if ((await fetch(readyUrl)).ok) return server;
		} catch {}
		await sleep(100);
	}
}

/** This process's soft limit on open files (children inherit it), or null where /proc does not say. */
export function openFileLimit() {
	try {
		const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
		const soft = line?.split(/\s{2,}/)[1];
		return soft === undefined || soft === 'unlimited' ? null : Number(soft);
	} catch {
		return null;
	}
}
