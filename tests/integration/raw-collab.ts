import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../src/lib/domain/collab-protocol';

/**
 * A websocket that speaks the y-websocket protocol by hand: an attacker's client, which sends
 * whatever frames it likes (stock clients only send what their Y.Doc produces).
 */
export interface RawClient {
	ws: WebSocket;
	/** Set once the server closed the socket. */
	closed: Promise<{ code: number; reason: string }>;
	isOpen(): boolean;
	send(frame: Uint8Array): void;
	sendUpdate(update: Uint8Array): void;
}

export function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.sync);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

export function openRaw(baseUrl: string, docName: string, cookie: string): Promise<RawClient> {
	const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${encodeURIComponent(docName)}`, { headers: { cookie } });
	const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
	ws.on('error', () => {}); // the close event reports the outcome
	return new Promise((resolve, reject) => {
		ws.once('open', () =>
			resolve({
				ws,
				closed,
				isOpen: () => ws.readyState === ws.OPEN,
				send: (frame) => ws.send(frame),
				sendUpdate: (update) => ws.send(updateFrame(update))
			})
		);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
	});
}

/** Every update `change` produces on a fresh client doc (optionally starting from `base`). */
export function updatesOf(change: (doc: Y.Doc) => void, base?: Uint8Array, clientID?: number): Uint8Array[] {
	const doc = new Y.Doc({ gc: false });
	if (clientID !== undefined) doc.clientID = clientID;
	if (base) Y.applyUpdate(doc, base);
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	change(doc);
	doc.destroy();
	return out;
}

/** A Y.Map nested `depth` levels under `root` (key `x`), in one update. */
export function nestedMapUpdate(root: string, depth: number, clientID?: number): { update: Uint8Array; client: number } {
	const doc = new Y.Doc({ gc: false });
	if (clientID !== undefined) doc.clientID = clientID;
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	doc.transact(() => {
		let current = new Y.Map<unknown>();
		doc.getMap(root).set('x', current);
		for (let i = 1; i < depth; i++) {
			const next = new Y.Map<unknown>();
			current.set('n', next);
			current = next;
		}
	});
	const client = doc.clientID;
	doc.destroy();
	return { update: Y.mergeUpdates(out), client };
}

/** A hand-written update that deletes `len` structs of `client` from `clock` (no new content). */
export function deleteUpdate(client: number, clock: number, len: number): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // no structs
	encoding.writeVarUint(e, 1); // one client in the delete set
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, 1); // one range
	encoding.writeVarUint(e, clock);
	encoding.writeVarUint(e, len);
	return encoding.toUint8Array(e);
}
