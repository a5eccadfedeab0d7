import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AUTH_PERMISSION_DENIED, MessageType } from '../../src/lib/domain/collab-protocol.js';
import { awarenessFrameBytes, splitAwarenessUpdates, type KnownJson } from './awareness-guard.js';

/** Builders of the y-websocket frames the server sends. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.sync);
	syncProtocol.writeSyncStep1(e, doc);
	return encoding.toUint8Array(e);
}

/**
 * A sync "update" frame (what syncProtocol.writeUpdate writes), built in one allocation and one
 * copy: it is made for every update the server forwards, where an encoder would grow and copy.
 */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	const length = update.byteLength;
	let lengthBytes = 1;
	for (let n = length; n > 0x7f; n = Math.floor(n / 0x80)) lengthBytes++;
	const frame = new Uint8Array(2 + lengthBytes + length);
	frame[0] = MessageType.sync;
	frame[1] = syncProtocol.messageYjsUpdate;
	let pos = 2;
	let n = length;
	while (n > 0x7f) {
		frame[pos++] = 0x80 | (n & 0x7f);
		n = Math.floor(n / 0x80);
	}
	frame[pos++] = n;
	frame.set(update, pos);
	return frame;
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return encodeAwarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

export function encodeAwarenessUpdateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.awareness);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/**
 * The states of `clients` in as many frames as it takes to keep each well under the frame limit
 * (see awarenessFrameBytes); `skipped` are states too large for any frame.
 */
export function encodeAwarenessFrames(awareness: awarenessProtocol.Awareness, clients: number[], maxFrameBytes: number, known?: KnownJson): { frames: Uint8Array[]; skipped: number[] } {
	const { updates, skipped } = splitAwarenessUpdates(awareness, clients, awarenessFrameBytes(maxFrameBytes), known);
	return { frames: updates.map(encodeAwarenessUpdateFrame), skipped };
}

/** y-protocols/auth "permission denied": y-websocket logs it; our client shows "read only". */
export function encodePermissionDenied(reason: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.auth);
	encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
	encoding.writeVarString(e, reason);
	return encoding.toUint8Array(e);
}

/** Tells the client its role (and so its access) changed while connected. */
export function encodeMembership(role: string, access: 'write' | 'read'): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.membership);
	encoding.writeVarString(e, role);
	encoding.writeVarString(e, access);
	return encoding.toUint8Array(e);
}
