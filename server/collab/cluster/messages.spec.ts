import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessMessage, awarenessClients, decodeAwarenessMessage, encodeAwarenessMessage } from './awareness-relay';
import { Liveness } from './liveness';
import { parseControlMessage } from './control';
import { compareIds, parseEntries } from './stream-entries';

describe('stream entries', () => {
	it('orders stream ids by time, then sequence', () => {
		expect(compareIds('1700000000000-0', '1700000000000-1')).toBeLessThan(0);
		expect(compareIds('1700000000001-0', '1700000000000-9')).toBeGreaterThan(0);
		expect(compareIds('5-3', '5-3')).toBe(0);
		expect(compareIds('0-0', '1-0')).toBeLessThan(0);
	});

	it('reads the update bytes and origin exactly, and skips entries without an update', () => {
		const bytes = Buffer.from([0, 1, 2, 255, 254, 0]);
		const entries = parseEntries([
			[Buffer.from('1-0'), [Buffer.from('u'), bytes, Buffer.from('o'), Buffer.from('host-1/3')]],
			[Buffer.from('1-1'), [Buffer.from('o'), Buffer.from('host-2/1')]]
		]);
		expect(entries).toHaveLength(1);
		expect(entries[0].id).toBe('1-0');
		expect(entries[0].origin).toBe('host-1/3');
		expect([...entries[0].update]).toEqual([...bytes]);
		expect(entries[0].author).toBeNull();
	});

	it('reads the author and agency of an entry that names them', () => {
		const [entry] = parseEntries([
			[Buffer.from('2-0'), [Buffer.from('u'), Buffer.from([1]), Buffer.from('o'), Buffer.from('host-1/3'), Buffer.from('a'), Buffer.from('anna'), Buffer.from('g'), Buffer.from('soc')]]
		]);
		expect(entry.author).toEqual({ userId: 'anna', agencyId: 'soc' });
	});
});

describe('awareness messages between instances', () => {
	it('round-trips sender, type and payload', () => {
		const payload = new Uint8Array([9, 8, 7]);
		const decoded = decodeAwarenessMessage(encodeAwarenessMessage('host-1', AwarenessMessage.update, payload));
		expect(decoded).toEqual({ from: 'host-1', type: AwarenessMessage.update, payload });
		expect(decodeAwarenessMessage(encodeAwarenessMessage('host-2', AwarenessMessage.query)).payload).toHaveLength(0);
	});

	it('names the clients an awareness update speaks for, and which it removes', () => {
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState({ user: { name: 'Anna' } });
		const id = awareness.clientID;
		expect(awarenessClients(awarenessProtocol.encodeAwarenessUpdate(awareness, [id]))).toEqual([{ clientId: id, removed: false }]);
		awareness.setLocalState(null);
		expect(awarenessClients(awarenessProtocol.encodeAwarenessUpdate(awareness, [id]))).toEqual([{ clientId: id, removed: true }]);
		awareness.destroy();
	});

	it('throws on garbage (the caller logs and ignores it)', () => {
		expect(() => decodeAwarenessMessage(new Uint8Array([200]))).toThrow();
	});
});

describe('control messages', () => {
	it('accepts heartbeats and goodbyes', () => {
		expect(parseControlMessage(JSON.stringify({ from: 'a', type: 'alive' }))).toEqual({ from: 'a', type: 'alive' });
		expect(parseControlMessage(JSON.stringify({ from: 'a', type: 'leaving' }))?.type).toBe('leaving');
	});

	it('accepts the two kinds about sockets', () => {
		expect(parseControlMessage(JSON.stringify({ from: 'a', type: 'close-session', sessionId: 's' }))).toEqual({ from: 'a', type: 'close-session', sessionId: 's' });
		expect(parseControlMessage(JSON.stringify({ from: 'a', type: 'refresh-member', boardId: 'b', userId: 'u' }))?.type).toBe('refresh-member');
	});

	it('returns null for anything else, never throws', () => {
		for (const raw of ['', 'not json', '{}', JSON.stringify({ from: 'a', type: 'drop-tables' }), JSON.stringify({ type: 'close-session', sessionId: 1 })]) {
			expect(parseControlMessage(raw)).toBeNull();
		}
	});
});

describe('liveness of the other instances', () => {
	it('expires an instance silent for longer than the timeout, once', () => {
		const liveness = new Liveness(1000);
		liveness.seen('a', 0);
		liveness.seen('b', 0);
		liveness.seen('b', 900);
		expect(liveness.expire(1500)).toEqual(['a']);
		expect(liveness.expire(1600)).toEqual([]);
		expect(liveness.expire(2000)).toEqual(['b']);
	});

	it('forgets an instance that said it is leaving', () => {
		const liveness = new Liveness(1000);
		liveness.seen('a', 0);
		expect(liveness.forget('a')).toBe(true);
		expect(liveness.expire(5000)).toEqual([]);
	});
});
