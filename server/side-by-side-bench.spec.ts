// The side-by-side benchmark's pure helpers (tests/load/side-by-side): its hand-built frames must
// be what y-protocols writes and reads, or every figure it prints would be about a broken client.
// Here because the unit project runs server/ and src/ specs only.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AWARENESS, SYNC, UPDATE, awarenessFrame, awarenessUpdate, editRanges, emptyStep1, emptyStep2, namePrefix, pushVarUint, readFrame, readVarUint, updateFrame } from '../tests/load/side-by-side/frames.mjs';
import { ms, percentile, ratiosTable, resultsTable } from '../tests/load/side-by-side/report.mjs';

const lib0Frame = (write: (e: encoding.Encoder) => void) => {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
};

describe('side-by-side frames', () => {
	it('reads back the varuints it writes, up to client ids of 32 bits and beyond', () => {
		for (const n of [0, 1, 127, 128, 300, 2 ** 31 + 5, 2 ** 32 - 1, 2 ** 40]) {
			const out: number[] = [];
			pushVarUint(out, n);
			expect(out).toEqual([...lib0Frame((e) => encoding.writeVarUint(e, n))]);
			expect(readVarUint(Uint8Array.from(out), 0)).toEqual([n, out.length]);
		}
	});

	it('builds the update and sync frames y-protocols builds', () => {
		const doc = new Y.Doc();
		doc.getText('minutes').insert(0, 'hej');
		const update = Y.encodeStateAsUpdate(doc);
		const none = new Uint8Array(0);
		expect(updateFrame(none, update)).toEqual(lib0Frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update))));
		expect(emptyStep1(none)).toEqual(lib0Frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, new Y.Doc()))));
		expect(emptyStep2(none)).toEqual(lib0Frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, new Y.Doc()))));
	});

	it('finds the update in a frame, with and without the Hocuspocus name prefix', () => {
		const update = Uint8Array.of(1, 2, 3, 4);
		for (const prefix of [new Uint8Array(0), namePrefix('meeting:å1')]) {
			const bytes = updateFrame(prefix, update);
			const f = readFrame(bytes, prefix.length > 0);
			expect([f.type, f.sub]).toEqual([SYNC, UPDATE]);
			expect(bytes.subarray(f.start, f.end)).toEqual(update);
		}
		expect(readFrame(awarenessFrame(new Uint8Array(0), Uint8Array.of(0)), false).type).toBe(AWARENESS);
		expect(() => readFrame(Uint8Array.of(0, 2, 9, 1), false)).toThrow(RangeError);
	});

	it('encodes an awareness state y-protocols applies', () => {
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(awareness, awarenessUpdate(4_000_000_000, 3, { cursor: { anchor: 1 } }), 'test');
		expect(awareness.getStates().get(4_000_000_000)).toEqual({ cursor: { anchor: 1 } });
		awareness.destroy();
	});

	it('names the edits an update carries by client and clock, merged updates included', () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const text = doc.getText('minutes');
		for (const c of 'abc') text.insert(text.length, c);
		expect(editRanges(updates[1])).toEqual([[doc.clientID, 1, 2]]);
		expect(editRanges(Y.mergeUpdates(updates))).toEqual([[doc.clientID, 0, 3]]);
	});
});

describe('side-by-side report', () => {
	it('takes percentiles by nearest rank', () => {
		const values = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(percentile(values, 50)).toBe(50);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile([7], 99)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
	});

	it('writes milliseconds as the issue does', () => {
		expect([ms(0.172), ms(2.04), ms(33.4), ms(124.2), ms(NaN)]).toEqual(['0.17', '2.0', '33', '124', '–']);
	});

	it('shows a failed server as failed, and ratios to the reference', () => {
		const ok = { ok: true, p50: 1, p99: 10, cpuPercent: 50, rssMb: 100, connectMs: 1000, delivered: 4000, expected: 4000, cpuPerThousand: 2, generatorCpu: 20 };
		const levels = [
			{
				clients: 1000,
				meetings: 200,
				results: [
					{ server: 'y-websocket', ...ok },
					{ server: 'Samtavla', ...ok, p99: 25, cpuPerThousand: 3, connectMs: 1500, lost: { checked: 200, complete: 200, missing: [] } },
					{ server: 'Hocuspocus', ok: false, error: 'Hocuspocus exited before it was ready (1):\nstack…' }
				]
			}
		];
		const table = resultsTable(levels);
		expect(table).toContain('| 1,000 (200) | Hocuspocus | **failed**: Hocuspocus exited before it was ready (1): |');
		expect(table).toContain('| 1,000 (200) | y-websocket | 1.0 / 10 ms | 50 % | 100 MB | 1000 ms | 4,000 / 4,000 | 2.0 | 20 % |');
		expect(ratiosTable(levels, 'y-websocket', 'Samtavla')).toContain('| 1,000 (200) | 2.50× | 1.50× | 1.50× | yes (200 meetings) |');
	});
});

describe('benchmark node flags', () => {
	it('are the flags `npm start` gives node, unless BENCH_NODE_ARGS replaces them', async () => {
		const { benchNodeEnv, benchNodeFlags, startNodeEnv, startNodeFlags } = await import('../tests/load/start-flags.mjs');
		const { readFileSync } = await import('node:fs');
		const start: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start;
		const flags = startNodeFlags();
		const env = Object.entries(startNodeEnv()).map(([k, v]) => `${k}=${v}`);
		expect(start).toBe([...env, 'node', ...flags, 'server/start.mjs'].join(' '));
		expect(benchNodeEnv({})).toEqual(startNodeEnv());
		expect(benchNodeEnv({ BENCH_NODE_ENV: '' })).toEqual({});
		expect(benchNodeEnv({ BENCH_NODE_ENV: 'A=1  B=x=y' })).toEqual({ A: '1', B: 'x=y' });
		expect(() => benchNodeEnv({ BENCH_NODE_ENV: 'oops' })).toThrow(/NAME=value/);
		expect(benchNodeFlags({})).toEqual(flags);
		expect(benchNodeFlags({ BENCH_NODE_ARGS: '' })).toEqual([]);
		expect(benchNodeFlags({ BENCH_NODE_ARGS: '--a  --b=2' })).toEqual(['--a', '--b=2']);
	});
});
