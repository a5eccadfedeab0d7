import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../src/lib/domain/collab-protocol';
import { encodeAwarenessFrames } from './codec';
import {
	applyScreenedStates,
	dropOversizedStates,
	MAX_AWARENESS_CLIENTS,
	readAwarenessEntries,
	screenAwarenessUpdate,
	writeAwarenessEntries,
	type ScreenRules,
	type Screened
} from './awareness-guard';

const ANNA = { id: 'anna', name: 'Anna Berg', color: '#1f5f8b', agency: 'Socialtjänsten' };

const update = (...entries: Array<[number, number, unknown]>) =>
	writeAwarenessEntries(entries.map(([clientId, clock, state]) => ({ clientId, clock, json: JSON.stringify(state) })));
const statesIn = (u: Uint8Array | null) => (u ? readAwarenessEntries(u).map((e) => [e.clientId, JSON.parse(new TextDecoder().decode(e.json))]) : []);
/** The states a screening kept, as [client id, state]; each kept state object is its JSON, parsed. */
const statesKept = (screened: Screened) =>
	screened.kept.map(({ clientId, state, json }) => {
		expect(state).toEqual(JSON.parse(json));
		return [clientId, state];
	});

function rules(overrides: Partial<ScreenRules> = {}): ScreenRules {
	return { identity: ANNA, maxStateBytes: 1024, own: new Set(), holder: () => undefined, ...overrides };
}

describe('screenAwarenessUpdate', () => {
	it('replaces the claimed user with the server’s identity and keeps the rest of the state', () => {
		const result = screenAwarenessUpdate(update([1, 1, { user: { id: 'x', name: 'Ordföranden' }, cursor: { anchor: 4 } }]), rules());
		expect(statesKept(result)).toEqual([[1, { user: ANNA, cursor: { anchor: 4 } }]]);
		expect(result.claimed).toEqual([{ clientId: 1, removed: false }]);
		expect(result.refused).toEqual([]);
	});

	it('refuses states over the limit, also when the server’s identity takes them over it', () => {
		const big = screenAwarenessUpdate(update([1, 1, { blob: 'x'.repeat(1100) }], [2, 1, { ok: true }]), rules());
		expect(statesKept(big)).toEqual([[2, { ok: true, user: ANNA }]]);
		expect(big.refused).toEqual([{ clientId: 1, reason: 'too-large' }]);
		const edge = screenAwarenessUpdate(update([3, 1, { blob: 'x'.repeat(1000) }]), rules());
		expect(edge.kept).toHaveLength(0);
		expect(edge.refused).toEqual([{ clientId: 3, reason: 'too-large' }]);
	});

	it('refuses states that are not objects', () => {
		expect(screenAwarenessUpdate(update([1, 1, 'text'], [2, 1, [1, 2]]), rules()).refused.map((r) => r.reason)).toEqual(['not-an-object', 'not-an-object']);
	});

	it(`speaks for at most ${MAX_AWARENESS_CLIENTS} client ids; ids it already holds keep updating`, () => {
		const own = new Set([1, 2, 3]);
		const result = screenAwarenessUpdate(update([4, 1, {}], [5, 1, {}], [1, 9, {}]), rules({ own }));
		expect(result.claimed.map((c) => c.clientId)).toEqual([4, 1]);
		expect(result.refused).toEqual([{ clientId: 5, reason: 'too-many-clients' }]);
	});

	it('never overwrites or removes a client id shown as someone else', () => {
		const result = screenAwarenessUpdate(update([7, 5, { cursor: 1 }], [8, 5, null]), rules({ holder: () => 'bo' }));
		expect(result.kept).toHaveLength(0);
		expect(result.refused.map((r) => r.reason)).toEqual(['someone-elses-client', 'someone-elses-client']);
	});

	it('shows a state of the same person’s other tab without taking it over', () => {
		const result = screenAwarenessUpdate(update([7, 5, { cursor: 1 }], [8, 5, null]), rules({ holder: () => 'anna' }));
		expect(statesKept(result)).toEqual([
			[7, { cursor: 1, user: ANNA }],
			[8, null]
		]);
		expect(result.claimed).toEqual([]);
	});

	it('a removal of its own client is applied and stops speaking for it', () => {
		const result = screenAwarenessUpdate(update([1, 2, null]), rules({ own: new Set([1]), holder: () => 'anna' }));
		expect(statesKept(result)).toEqual([[1, null]]);
		expect(result.claimed).toEqual([{ clientId: 1, removed: true }]);
	});

	it('throws on a state that is not JSON (a malformed frame)', () => {
		const bad = writeAwarenessEntries([{ clientId: 1, clock: 1, json: '{not json' }]);
		expect(() => screenAwarenessUpdate(bad, rules())).toThrow();
	});
});

describe('dropOversizedStates (awareness from another instance)', () => {
	it('leaves out states over the limit and keeps the others unchanged', () => {
		const u = update([1, 1, { blob: 'x'.repeat(2000) }], [2, 1, { user: ANNA }]);
		const result = dropOversizedStates(u, 1024);
		expect(result.dropped).toEqual([1]);
		expect(statesIn(result.update)).toEqual([[2, { user: ANNA }]]);
		expect(dropOversizedStates(update([2, 1, {}]), 1024).update).toEqual(update([2, 1, {}]));
		expect(dropOversizedStates(update([1, 1, { blob: 'x'.repeat(2000) }]), 1024).update).toBeNull();
	});
});

describe('encodeAwarenessFrames', () => {
	function awarenessWith(states: number, size: number) {
		const server = new awarenessProtocol.Awareness(new Y.Doc());
		const ids: number[] = [];
		for (let i = 0; i < states; i++) {
			const client = new awarenessProtocol.Awareness(new Y.Doc());
			client.setLocalState({ note: 'x'.repeat(size) });
			awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]), 'test');
			ids.push(client.clientID);
			client.destroy();
		}
		return { server, ids };
	}

	it('splits many states into frames of at most half the frame limit, each state in exactly one', () => {
		const { server, ids } = awarenessWith(20, 900);
		const { frames, skipped } = encodeAwarenessFrames(server, ids, 8192);
		expect(skipped).toEqual([]);
		expect(frames.length).toBeGreaterThan(1);
		for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(4096);
		const seen = new awarenessProtocol.Awareness(new Y.Doc());
		for (const frame of frames) awarenessProtocol.applyAwarenessUpdate(seen, updateIn(frame), 'test');
		expect([...seen.getStates().keys()].filter((id) => id !== seen.clientID).sort()).toEqual([...ids].sort());
	});

	it('keeps small sets in one frame, and leaves out a single state too large for any frame', () => {
		const { server, ids } = awarenessWith(3, 100);
		expect(encodeAwarenessFrames(server, ids, 8192).frames).toHaveLength(1);
		const big = awarenessWith(1, 5000);
		expect(encodeAwarenessFrames(big.server, big.ids, 8192)).toEqual({ frames: [], skipped: big.ids });
	});

	it('each frame holds exactly what y-protocols encodes for its states together, removed ones included', () => {
		const { server, ids } = awarenessWith(20, 900);
		awarenessProtocol.removeAwarenessStates(server, [ids[3]], 'test');
		const { frames } = encodeAwarenessFrames(server, ids, 8192);
		let at = 0;
		for (const frame of frames) {
			const update = updateIn(frame);
			const count = readAwarenessEntries(update).length;
			expect(update).toEqual(awarenessProtocol.encodeAwarenessUpdate(server, ids.slice(at, at + count)));
			at += count;
		}
		expect(at).toBe(ids.length);
	});
});

/** The awareness update inside a frame (after the message type). */
function updateIn(frame: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(MessageType.awareness);
	return decoding.readVarUint8Array(decoder);
}

describe('applyScreenedStates', () => {
	it('changes states, clocks and events exactly as y-protocols applyAwarenessUpdate does with the same update', () => {
		const viaUpdate = new awarenessProtocol.Awareness(new Y.Doc());
		const sameClient = new Y.Doc();
		sameClient.clientID = viaUpdate.clientID; // both hold the same local client
		const viaStates = new awarenessProtocol.Awareness(sameClient);
		viaUpdate.setLocalState({ own: true });
		viaStates.setLocalState({ own: true });
		const events = { viaUpdate: [] as unknown[], viaStates: [] as unknown[] };
		for (const [name, a] of [['viaUpdate', viaUpdate], ['viaStates', viaStates]] as const) {
			a.on('change', (change: unknown, origin: unknown) => events[name].push(['change', change, origin]));
			a.on('update', (change: unknown, origin: unknown) => events[name].push(['update', change, origin]));
		}
		const local = viaUpdate.clientID;
		const steps: Array<Array<[number, number, unknown]>> = [
			[[7, 1, { cursor: 1 }]], // added
			[[7, 2, { cursor: 1 }]], // updated, not changed
			[[7, 3, { cursor: 2 }], [8, 1, { cursor: 5 }]], // changed, and another added
			[[7, 2, { cursor: 99 }]], // an older clock: ignored
			[[7, 4, null]], // removed
			[[7, 4, null]], // removed again at the same clock, already gone: ignored
			[[local, 5, null]], // someone removing this process's own state: kept, its clock moves on
			[[8, 2, { cursor: 6, nested: { a: [1, 2] } }]]
		];
		const origin = { from: 'socket' };
		for (const step of steps) {
			const u = update(...step);
			awarenessProtocol.applyAwarenessUpdate(viaUpdate, u, origin);
			const kept = readAwarenessEntries(u).map(({ clientId, clock, json }) => {
				const text = new TextDecoder().decode(json);
				return { clientId, clock, state: JSON.parse(text) as Record<string, unknown> | null, json: text };
			});
			applyScreenedStates(viaStates, kept, origin);
			expect([...viaStates.states]).toEqual([...viaUpdate.states]);
			expect([...viaStates.meta].map(([id, m]) => [id, m.clock])).toEqual([...viaUpdate.meta].map(([id, m]) => [id, m.clock]));
		}
		expect(events.viaStates).toEqual(events.viaUpdate);
		expect(events.viaUpdate.length).toBeGreaterThan(6);
		expect(viaStates.getLocalState()).toEqual({ own: true });
		viaUpdate.destroy();
		viaStates.destroy();
	});
});
