#!/usr/bin/env node
// One load-generator process, driven by the orchestrator (run.mjs) over IPC. It is its own
// process so it can be pinned to a core other than the server's, and so its CPU can be
// reported: a generator that saturates its core delays receive timestamps and would make any
// server look slow. Steps, each started by a message from the orchestrator:
//   { go: 'connect', target, meetings, keysPerSecond, syncTimeoutMs } → { step: 'synced' | 'sync-failed', … }
//   { go: 'type' }    typists start (warm-up)
//   { go: 'measure' } the measured window starts
//   { go: 'stop' }    the window ends, typing stops; after a drain → { step: 'result', … }
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocReader, EditLog, RawReader, Typist, endpoint } from './clients.mjs';
import { profiler } from './gen-profile.mjs';

const DRAIN_MS = 2000;
const log = new EditLog();
/** @type {{ typist: Typist, clients: Array<RawReader | DocReader | Typist>, docName: string }[]} */
let meetings = [];
let all = [];
let cpuAtMeasure;
/**
 * How late this process's event loop ran in the window: a receive timestamp is late by up to
 * this much, so a large figure here means the latencies measure the generator, not the server
 * (a busy core, or a core shared with other work).
 */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let wallAtMeasure;

const send = (message) => process.send(message);
/** Resolves once the message is handed to the channel: disconnecting before that would drop it. */
const sendThen = (message) => new Promise((resolve) => process.send(message, resolve));
const errorsOf = (clients) => {
	const counts = {};
	for (const c of clients) if (c.error) counts[c.error] = (counts[c.error] ?? 0) + 1;
	return counts;
};

/** When the clients got there, ms after `t0`: the 10th, 50th and 90th percentiles and the last. */
function since(t0, times) {
	const sorted = times.map((t) => t - t0).sort((a, b) => a - b);
	return [0.1, 0.5, 0.9, 1].map((p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]));
}

function connect({ target, meetings: list, syncTimeoutMs }) {
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	let synced = 0;
	let lost = 0;
	return new Promise((resolve) => {
		const fail = () => {
			clearTimeout(timer);
			send({ step: 'sync-failed', synced, total: all.length, errors: errorsOf(all), closed: all.filter((c) => c.closedEarly).length });
			resolve();
		};
		const timer = setTimeout(fail, syncTimeoutMs);
		const onSynced = () => {
			if (++synced === all.length) {
				clearTimeout(timer);
				const cpu = process.cpuUsage(cpu0);
				send({
					step: 'synced',
					connectMs: performance.now() - t0,
					total: all.length,
					cpuMs: (cpu.user + cpu.system) / 1000,
					openedMs: since(t0, all.map((c) => c.openedAt)),
					syncedMs: since(t0, all.map((c) => c.syncedAt))
				});
				resolve();
			} else if (synced + lost === all.length) fail();
		};
		// A client closed before syncing never syncs: once every client has synced or closed, say so
		// at once instead of waiting out the timeout.
		const onLost = () => {
			if (++lost + synced === all.length) fail();
		};
		meetings = list.map(({ docName, cookies }) => {
			const ep = (i) => endpoint(target, docName, cookies?.[i]);
			const typist = new Typist(ep(0), log, onSynced, onLost);
			const clients = [typist, new DocReader(ep(1), log, onSynced, onLost), ...[2, 3, 4].map((i) => new RawReader(ep(i), log, onSynced, onLost))];
			return { typist, clients, docName };
		});
		all = meetings.flatMap((m) => m.clients);
	});
}

async function stop() {
	const cpu = process.cpuUsage(cpuAtMeasure);
	await profiler.stop();
	loopDelay.disable();
	const wallMs = performance.now() - wallAtMeasure;
	let sent = 0;
	for (const { typist } of meetings) {
		typist.stopTyping();
		typist.windowTo = typist.typed.length;
		sent += typist.windowTo - typist.windowFrom;
	}
	await sleep(DRAIN_MS);
	log.measuring = false;
	await sendThen({
		step: 'result',
		// A typed array travels as one block (the IPC channel uses structured clone, not JSON).
		latencies: Float64Array.from(log.latencies),
		delivered: log.delivered,
		// Every measured edit should reach the meeting's four listeners.
		expected: sent * 4,
		editsSent: sent,
		cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
		loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
		closedEarly: all.filter((c) => c.closedEarly).length,
		errors: errorsOf(all),
		typed: meetings.map(({ docName, typist }) => ({ docName, text: typist.typed }))
	});
	for (const c of all) c.close();
}

process.on('message', async (message) => {
	switch (message.go) {
		case 'connect':
			return connect(message);
		case 'type':
			for (const { typist } of meetings) typist.startTyping(message.keysPerSecond);
			return;
		case 'measure':
			cpuAtMeasure = process.cpuUsage();
			loopDelay.enable();
			wallAtMeasure = performance.now();
			for (const { typist } of meetings) typist.windowFrom = typist.typed.length;
			log.measuring = true;
			profiler.start();
			return;
		case 'stop':
			await stop();
			process.disconnect();
			return;
	}
});
// The orchestrator gone (crashed, interrupted): nothing left to do here.
process.on('disconnect', () => setTimeout(() => process.exit(0), 100).unref());
