// The few y-websocket (and Hocuspocus) frames the load generator needs, built and read by hand:
// the raw listening sockets must stay cheap (no Y.Doc, no lib0 decoder objects per frame), so
// reading a frame is a couple of varuint reads on the bytes as they arrive. Pure functions;
// covered by server/side-by-side-bench.spec.ts.
import * as Y from 'yjs';

export const SYNC = 0;
export const AWARENESS = 1;
export const AUTH = 2;
export const STEP1 = 0;
export const STEP2 = 1;
export const UPDATE = 2;

/** Appends `n` as a lib0 varuint. */
export function pushVarUint(out, n) {
	while (n > 0x7f) {
		out.push(0x80 | (n & 0x7f));
		n = Math.floor(n / 128);
	}
	out.push(n);
}

/** Reads a lib0 varuint at `pos`: [value, next position]; throws past the end. */
export function readVarUint(bytes, pos) {
	let value = 0;
	let mult = 1;
	for (;;) {
		if (pos >= bytes.length) throw new RangeError('varuint runs past the end of the frame');
		const b = bytes[pos++];
		value += (b & 0x7f) * mult;
		if (b < 0x80) return [value, pos];
		mult *= 128;
	}
}

const utf8 = new TextEncoder();

/**
 * Hocuspocus multiplexes documents over one socket: every frame starts with the document's name
 * (a varstring). y-websocket servers have one document per socket and no prefix.
 */
export function namePrefix(docName) {
	const name = utf8.encode(docName);
	const out = [];
	pushVarUint(out, name.length);
	return Uint8Array.from([...out, ...name]);
}

/** `prefix` + message bytes + an optional length-prefixed payload, as one frame. */
export function frame(prefix, head, payload) {
	const lead = [...head];
	if (payload) pushVarUint(lead, payload.length);
	const out = new Uint8Array(prefix.length + lead.length + (payload?.length ?? 0));
	out.set(prefix, 0);
	out.set(lead, prefix.length);
	if (payload) out.set(payload, prefix.length + lead.length);
	return out;
}

/** Sync step 1 with an empty state vector: "send me everything" (a listener without a document). */
export const emptyStep1 = (prefix) => frame(prefix, [SYNC, STEP1], Uint8Array.of(0));
/** Sync step 2 with an empty update: a listener's answer to the server's step 1 (it has nothing). */
export const emptyStep2 = (prefix) => frame(prefix, [SYNC, STEP2], Uint8Array.of(0, 0));
export const updateFrame = (prefix, update) => frame(prefix, [SYNC, UPDATE], update);
export const step1Frame = (prefix, stateVector) => frame(prefix, [SYNC, STEP1], stateVector);
export const step2Frame = (prefix, update) => frame(prefix, [SYNC, STEP2], update);
export const awarenessFrame = (prefix, update) => frame(prefix, [AWARENESS], update);

/** Hocuspocus's first frame on a document: Auth / Token with a (here unused) token. */
export function hocuspocusAuth(prefix) {
	return frame(prefix, [AUTH, 0], utf8.encode('bench'));
}

/** One awareness update (one client): count, id, clock, JSON — what y-protocols encodes. */
export function awarenessUpdate(clientId, clock, state) {
	const json = utf8.encode(JSON.stringify(state));
	const out = [];
	pushVarUint(out, 1);
	pushVarUint(out, clientId);
	pushVarUint(out, clock);
	pushVarUint(out, json.length);
	const bytes = new Uint8Array(out.length + json.length);
	bytes.set(out, 0);
	bytes.set(json, out.length);
	return bytes;
}

/**
 * What a received frame is, after the prefix (Hocuspocus: the name, skipped by length):
 * { type, sub, payload: [start, end) } — sub and payload only for sync frames. Anything else
 * (awareness, auth, Samtavla's membership frames, Hocuspocus's sync status) is returned with
 * its type only; the listeners ignore it.
 */
export function readFrame(bytes, hasPrefix) {
	let pos = 0;
	if (hasPrefix) {
		let len;
		[len, pos] = readVarUint(bytes, 0);
		pos += len;
	}
	let type;
	[type, pos] = readVarUint(bytes, pos);
	// Hocuspocus answers a client's step 1 as SyncReply (4): the same content as a sync frame.
	if (type !== SYNC && type !== 4) return { type, sub: -1, start: pos, end: bytes.length };
	let sub;
	[sub, pos] = readVarUint(bytes, pos);
	let len;
	[len, pos] = readVarUint(bytes, pos);
	if (pos + len > bytes.length) throw new RangeError('sync payload runs past the end of the frame');
	return { type: SYNC, sub, start: pos, end: pos + len };
}

/**
 * The edits an update carries, as [clientId, fromClock, toClock) ranges: an edit is named by its
 * author's client id and clock, so the listener can find when the typist sent it. One update may
 * carry several edits (servers that merge what they forward).
 */
export function editRanges(update) {
	const { from, to } = Y.parseUpdateMeta(update);
	const ranges = [];
	for (const [client, end] of to) {
		const start = from.get(client) ?? 0;
		if (end > start) ranges.push([client, start, end]);
	}
	return ranges;
}
