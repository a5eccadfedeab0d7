// What one cursor move costs the server on its way in (issue 13): the awareness guard, then the
// state applied either as before (re-encoded into an awareness update for y-protocols'
// applyAwarenessUpdate to decode and parse again) or as now (applyScreenedStates, the states
// already parsed). Same states, same order, alternating rounds; prints figures, never assertions.
// Run: npx tsx tests/load/awareness-micro.ts [messages per round, default 50000] [rounds, default 5]
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { applyScreenedStates, screenAwarenessUpdate, writeAwarenessEntries } from '../../server/collab/awareness-guard.js';

const N = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const identity = { id: 'u-anna', name: 'Anna Berg', color: '#1f5f8b', agency: 'Socialtjänsten', agencyId: 'a-soc' };
const CLIENT = 4242;
// What the browser sends while someone types: its user (replaced by the server) and a cursor.
const frames = Array.from({ length: N }, (_, i) =>
	writeAwarenessEntries([{ clientId: CLIENT, clock: i + 1, json: JSON.stringify({ user: { name: 'Anna', color: '#000' }, cursor: { anchor: { type: null, tname: 'notes', item: { client: 1, clock: i }, assoc: 0 }, head: { type: null, tname: 'notes', item: { client: 1, clock: i }, assoc: 0 } } }) }])
);
const rules = { identity, maxStateBytes: 8192, own: new Set([CLIENT]), holder: () => identity.id };

function run(way: 'before' | 'now'): number {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	awareness.on('update', () => {}); // LiveDoc listens to both events
	awareness.on('change', () => {});
	const start = performance.now();
	for (const frame of frames) {
		const screened = screenAwarenessUpdate(frame, rules);
		if (way === 'before') {
			// What the server did before: the kept states written into an update for y-protocols.
			if (screened.kept.length) awarenessProtocol.applyAwarenessUpdate(awareness, writeAwarenessEntries(screened.kept), null);
		} else applyScreenedStates(awareness, screened.kept, null);
	}
	const ms = performance.now() - start;
	awareness.destroy();
	return (ms * 1000) / N;
}

const results: Record<'before' | 'now', number[]> = { before: [], now: [] };
run('before');
run('now'); // warm-up
for (let r = 0; r < ROUNDS; r++) for (const way of ['before', 'now'] as const) results[way].push(run(way));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const way of ['before', 'now'] as const) console.log(`${way === 'before' ? 're-encoded, applyAwarenessUpdate' : 'applyScreenedStates'}: ${median(results[way]).toFixed(2)} µs per cursor move (median of ${ROUNDS} rounds of ${N}; range ${Math.min(...results[way]).toFixed(2)}–${Math.max(...results[way]).toFixed(2)})`);
