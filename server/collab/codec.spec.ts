import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AUTH_PERMISSION_DENIED, MessageType } from '../../src/lib/domain/collab-protocol';
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeUpdate } from './codec';

function docWithText(text: string): Y.Doc {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return doc;
}

describe('codec: frames a y-websocket client understands', () => {
	it('sync step 1 carries the state vector; the client answers with what the server lacks', () => {
		const server = docWithText('server');
		const client = docWithText('client');
		const frame = encodeSyncStep1(server);
		const d = decoding.createDecoder(frame);
		expect(decoding.readVarUint(d)).toBe(MessageType.sync);
		const reply = encoding.createEncoder();
		const type = syncProtocol.readSyncMessage(d, reply, client, 'test');
		expect(type).toBe(syncProtocol.messageYjsSyncStep1);
		// The reply is a step 2 with the client's content; applied to the server, it merges.
		const r = decoding.createDecoder(encoding.toUint8Array(reply));
		expect(syncProtocol.readSyncMessage(r, encoding.createEncoder(), server, 'test')).toBe(syncProtocol.messageYjsSyncStep2);
		expect(server.getText('t').toString()).toContain('client');
	});

	it('an update frame applies on the receiving side', () => {
		const source = new Y.Doc();
		let update: Uint8Array | null = null;
		source.on('update', (u: Uint8Array) => (update = u));
		source.getMap('m').set('k', 'värde');
		const frame = encodeUpdate(update!);
		const target = new Y.Doc();
		const d = decoding.createDecoder(frame);
		expect(decoding.readVarUint(d)).toBe(MessageType.sync);
		expect(syncProtocol.readSyncMessage(d, encoding.createEncoder(), target, 'test')).toBe(syncProtocol.messageYjsUpdate);
		expect(target.getMap('m').get('k')).toBe('värde');
	});

	it('an awareness frame carries the listed clients only', () => {
		const a = new awarenessProtocol.Awareness(new Y.Doc());
		a.setLocalState({ user: { name: 'Anna' } });
		const frame = encodeAwareness(a, [a.clientID]);
		const d = decoding.createDecoder(frame);
		expect(decoding.readVarUint(d)).toBe(MessageType.awareness);
		const b = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(b, decoding.readVarUint8Array(d), 'test');
		expect(b.getStates().get(a.clientID)).toEqual({ user: { name: 'Anna' } });
		expect(decoding.hasContent(d)).toBe(false);
		a.destroy();
		b.destroy();
	});

	it('permission denied is the y-protocols auth message', () => {
		const frame = encodePermissionDenied('read-only');
		const d = decoding.createDecoder(frame);
		expect(decoding.readVarUint(d)).toBe(MessageType.auth);
		expect(authProtocol.messagePermissionDenied).toBe(AUTH_PERMISSION_DENIED);
		let reason: string | null = null;
		authProtocol.readAuthMessage(d, new Y.Doc(), (_doc, r) => (reason = r));
		expect(reason).toBe('read-only');
	});
});
