import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IdleMemoryReducer, MAX_TRIES, QUIET_CPU_MS_PER_S, QUIET_SECONDS_BEFORE, SMALL_YOUNG_MB } from './idle-memory';

/** A process whose CPU use per second and young generation the test sets; V8 shrinks after `shrinkAfter` collections. */
function fakeProcess(young: number, shrinkAfter = Infinity) {
	let cpu = 0;
	let collections = 0;
	let sinceGrown = 0;
	const probe = {
		cpuMs: () => cpu,
		youngMb: () => young,
		collectYoung: () => {
			collections++;
			sinceGrown++;
			cpu += 1; // a collection's own millisecond
			if (sinceGrown >= shrinkAfter) young = 1;
		}
	};
	return {
		reducer: new IdleMemoryReducer(probe),
		/** One second passes with `ms` of CPU used by the server, then the reducer ticks. */
		second(ms: number) {
			cpu += ms;
			return this.reducer.tick();
		},
		get collections() {
			return collections;
		},
		/** The young generation grows to `mb`; V8 will shrink it after `after` more collections. */
		grow(mb: number, after = Infinity) {
			young = mb;
			sinceGrown = 0;
			shrinkAfter = after;
		}
	};
}

const busy = QUIET_CPU_MS_PER_S * 10;
const quiet = 1;

describe('IdleMemoryReducer', () => {
	it('collects only after the process has been quiet for a while, and never while it is busy', () => {
		const p = fakeProcess(16);
		for (let i = 0; i < 20; i++) expect(p.second(busy)).toBe(false);
		for (let i = 1; i < QUIET_SECONDS_BEFORE; i++) expect(p.second(quiet)).toBe(false);
		expect(p.second(quiet)).toBe(true);
		expect(p.collections).toBe(1);
	});

	it('stops once V8 has shrunk the young generation, and starts again only after the next busy spell', () => {
		const p = fakeProcess(16, 3);
		for (let i = 0; i < 30; i++) p.second(quiet);
		expect(p.collections).toBe(3);
		p.grow(32);
		for (let i = 0; i < 10; i++) p.second(quiet);
		expect(p.collections).toBe(3); // grown, but nothing ran since: not due
		p.second(busy);
		for (let i = 0; i < 30; i++) p.second(quiet);
		expect(p.collections).toBe(3 + MAX_TRIES); // this time V8 keeps it: bounded tries
	});

	it('does nothing when the young generation is already small', () => {
		const p = fakeProcess(SMALL_YOUNG_MB);
		for (let i = 0; i < 30; i++) p.second(quiet);
		expect(p.collections).toBe(0);
	});

	it('a busy second in the middle puts the quiet count back to zero', () => {
		const p = fakeProcess(16);
		for (let i = 1; i < QUIET_SECONDS_BEFORE; i++) p.second(quiet);
		p.second(busy);
		for (let i = 1; i < QUIET_SECONDS_BEFORE; i++) expect(p.second(quiet)).toBe(false);
		expect(p.second(quiet)).toBe(true);
	});
});

describe('startIdleMemoryReducer on this Node', () => {
	it('gives a grown young generation back once the process is quiet', () => {
		// A real V8 in its own process: grow the young generation the way a burst of requests does,
		// go quiet, and read its size until it is back (or 30 s pass: the test then fails).
		const script = `
			import { getHeapSpaceStatistics } from 'node:v8';
			import { startIdleMemoryReducer } from './server/idle-memory.ts';
			const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
			const logger = { warn: (m) => console.log('WARN ' + m) };
			const reducer = startIdleMemoryReducer(logger);
			let keep = [];
			for (let r = 0; r < 40; r++) for (let i = 0; i < 200000; i++) { keep.push({ i, a: [i] }); if (keep.length > 300000) keep = []; }
			keep = null;
			const grown = young();
			const deadline = Date.now() + 30000;
			const check = setInterval(() => {
				if (young() <= ${SMALL_YOUNG_MB} || Date.now() > deadline) {
					clearInterval(check);
					reducer?.stop();
					console.log(JSON.stringify({ grown, after: young() }));
				}
			}, 250);
		`;
		const run = spawnSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script], {
			cwd: new URL('..', import.meta.url).pathname,
			encoding: 'utf8',
			timeout: 60000
		});
		const line = run.stdout.trim().split('\n').pop() ?? '';
		expect(run.stdout, run.stderr).not.toContain('WARN');
		const { grown, after } = JSON.parse(line) as { grown: number; after: number };
		expect(grown).toBeGreaterThan(SMALL_YOUNG_MB * 4);
		expect(after).toBeLessThanOrEqual(SMALL_YOUNG_MB);
	}, 70000);
});
