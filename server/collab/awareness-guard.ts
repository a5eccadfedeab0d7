import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { equalityDeep } from 'lib0/function';
import type { CollabIdentity } from '../../src/lib/domain/collab-identity.js';

/**
 * Presence (awareness) is small by nature: a name, a colour, a cursor. What a client may put
 * there is limited here, before anything is applied or forwarded:
 *
 * - one state is at most `maxStateBytes` of JSON (COLLAB_MAX_AWARENESS_BYTES);
 * - one connection speaks for at most MAX_AWARENESS_CLIENTS awareness clients (a browser tab has
 *   one per document; a few tabs of the same browser share theirs over BroadcastChannel);
 * - a client id shown as another person cannot be overwritten or removed;
 * - the `user` field is the server's record of the person (CollabIdentity), whatever was sent.
 *
 * Frames the server sends are split so that none comes near COLLAB_MAX_FRAME_BYTES: stock
 * y-websocket clients echo every awareness update they receive, so a frame we send over the
 * limit would come straight back and get that client closed with 1009.
 */
export const MAX_AWARENESS_CLIENTS = 4;

export type AwarenessRefusal = 'too-large' | 'too-many-clients' | 'not-an-object' | 'someone-elses-client';

/** One client's entry in an awareness update, its state still as the JSON bytes sent. */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	json: Uint8Array;
}

/** Reads an awareness update as y-protocols writes it: count, then id, clock and JSON per client. Throws on a truncated update. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		// readVarString is readVarUint8Array decoded as UTF-8: read the bytes to measure before parsing.
		entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
	}
	return entries;
}

export function writeAwarenessEntries(entries: ReadonlyArray<{ clientId: number; clock: number; json: string | Uint8Array }>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clientId, clock, json } of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		if (typeof json === 'string') encoding.writeVarString(encoder, json);
		else encoding.writeVarUint8Array(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}

const utf8 = new TextDecoder();
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

export interface ScreenRules {
	identity: CollabIdentity;
	maxStateBytes: number;
	/** Client ids this connection already speaks for. */
	own: ReadonlySet<number>;
	/** The person shown for a client id now ('' for a state without one), undefined when nobody holds it. */
	holder(clientId: number): string | undefined;
}

/** A state that passed the guard: as sent but with the server's identity, parsed and as JSON. */
export interface KeptState {
	clientId: number;
	clock: number;
	/** The state object to apply (null: the client left). */
	state: Record<string, unknown> | null;
	/** `state` as JSON ('null' for one that left): what is forwarded. */
	json: string;
}

export interface Screened {
	/** The states that may be applied (applyScreenedStates). */
	kept: ReadonlyArray<KeptState>;
	/** Client ids this connection now speaks for (`removed`: it said it left). */
	claimed: Array<{ clientId: number; removed: boolean }>;
	refused: Array<{ clientId: number; reason: AwarenessRefusal }>;
}

/**
 * Screens one connection's awareness update. A JSON state that does not parse throws (a
 * malformed frame); everything else refused is left out, never applied or forwarded.
 */
export function screenAwarenessUpdate(update: Uint8Array, rules: ScreenRules): Screened {
	const { identity, maxStateBytes, own } = rules;
	const kept: KeptState[] = [];
	const claimed: Screened['claimed'] = [];
	const refused: Screened['refused'] = [];
	const owned = new Set(own);
	for (const { clientId, clock, json } of readAwarenessEntries(update)) {
		if (json.byteLength > maxStateBytes) {
			refused.push({ clientId, reason: 'too-large' });
			continue;
		}
		const state: unknown = JSON.parse(utf8.decode(json));
		const holder = owned.has(clientId) ? identity.id : rules.holder(clientId);
		if (holder !== undefined && holder !== identity.id) {
			refused.push({ clientId, reason: 'someone-elses-client' });
			continue;
		}
		// Held by another socket of the same person (tabs sharing states over BroadcastChannel):
		// shown, but that socket stays the one whose close removes it.
		const mine = owned.has(clientId) || holder === undefined;
		if (state === null) {
			kept.push({ clientId, clock, state: null, json: 'null' });
			if (mine) claimed.push({ clientId, removed: true });
			continue;
		}
		if (typeof state !== 'object' || Array.isArray(state)) {
			refused.push({ clientId, reason: 'not-an-object' });
			continue;
		}
		if (mine && !owned.has(clientId) && owned.size >= MAX_AWARENESS_CLIENTS) {
			refused.push({ clientId, reason: 'too-many-clients' });
			continue;
		}
		const screened: Record<string, unknown> = { ...state, user: { ...identity } };
		const rewritten = JSON.stringify(screened);
		if (byteLength(rewritten) > maxStateBytes) {
			refused.push({ clientId, reason: 'too-large' });
			continue;
		}
		kept.push({ clientId, clock, state: screened, json: rewritten });
		if (mine) {
			owned.add(clientId);
			claimed.push({ clientId, removed: false });
		}
	}
	return { kept, claimed, refused };
}

/**
 * Applies screened states to `awareness` as y-protocols' `applyAwarenessUpdate` applies an update:
 * the same clock rules, the same `change` and `update` events with the same arguments. It takes
 * the states already parsed: encoding them into an update only for y-protocols to decode and
 * parse them again cost a share of every cursor move (issue 13).
 */
export function applyScreenedStates(awareness: awarenessProtocol.Awareness, kept: ReadonlyArray<KeptState>, origin: unknown): void {
	const timestamp = Date.now();
	const added: number[] = [];
	const updated: number[] = [];
	const filteredUpdated: number[] = [];
	const removed: number[] = [];
	for (const entry of kept) {
		const { clientId, state } = entry;
		let clock = entry.clock;
		const clientMeta = awareness.meta.get(clientId);
		const prevState = awareness.states.get(clientId);
		const currClock = clientMeta === undefined ? 0 : clientMeta.clock;
		if (!(currClock < clock || (currClock === clock && state === null && awareness.states.has(clientId)))) continue;
		if (state === null) {
			// Never let a remote client remove this process's own state (as y-protocols).
			if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++;
			else awareness.states.delete(clientId);
		} else awareness.states.set(clientId, state);
		awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
		if (clientMeta === undefined && state !== null) added.push(clientId);
		else if (clientMeta !== undefined && state === null) removed.push(clientId);
		else if (state !== null) {
			if (!equalityDeep(state, prevState)) filteredUpdated.push(clientId);
			updated.push(clientId);
		}
	}
	if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0) awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin]);
	if (added.length > 0 || updated.length > 0 || removed.length > 0) awareness.emit('update', [{ added, updated, removed }, origin]);
}

/**
 * Leaves out states over `maxStateBytes` (awareness from another instance: it passed that
 * instance's checks, but its limit may be configured differently). Null when nothing is left.
 */
export function dropOversizedStates(update: Uint8Array, maxStateBytes: number): { update: Uint8Array | null; dropped: number[] } {
	const entries = readAwarenessEntries(update);
	const kept = entries.filter((entry) => entry.json.byteLength <= maxStateBytes);
	const dropped = entries.filter((entry) => entry.json.byteLength > maxStateBytes).map((entry) => entry.clientId);
	if (dropped.length === 0) return { update, dropped };
	return { update: kept.length ? writeAwarenessEntries(kept) : null, dropped };
}

/** Room for the message type and length prefixes around an update in one frame. */
const FRAME_OVERHEAD = 16;

/** A state's JSON as it was applied, when known (LiveDoc keeps the screened one): saves stringifying it again. */
export type KnownJson = (clientId: number) => string | undefined;

/**
 * The states of `clients` as awareness updates of at most `maxBytes` each (several states per
 * update when they fit). A single state too large for one update is left out and reported.
 * `known`: the JSON of a state when it is known to be exactly what JSON.stringify would write.
 */
export function splitAwarenessUpdates(awareness: awarenessProtocol.Awareness, clients: number[], maxBytes: number, known?: KnownJson): { updates: Uint8Array[]; skipped: number[] } {
	const updates: Uint8Array[] = [];
	const skipped: number[] = [];
	let group: Uint8Array[] = [];
	let size = FRAME_OVERHEAD;
	for (const clientId of clients) {
		// Each state is encoded (stringified) once: a group's update is made of its clients' own.
		const json = known?.(clientId);
		const one = json === undefined ? awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]) : writeAwarenessEntries([{ clientId, clock: awareness.meta.get(clientId)!.clock, json }]);
		if (one.byteLength + FRAME_OVERHEAD > maxBytes) {
			skipped.push(clientId);
			continue;
		}
		if (group.length > 0 && size + one.byteLength > maxBytes) {
			updates.push(joinAwarenessUpdates(group));
			group = [];
			size = FRAME_OVERHEAD;
		}
		group.push(one);
		size += one.byteLength;
	}
	if (group.length > 0) updates.push(joinAwarenessUpdates(group));
	return { updates, skipped };
}

/**
 * One update of several one-client updates, byte for byte what encodeAwarenessUpdate writes for
 * them together: the count, then each client's entry (a one-client update is the count 1, one
 * byte, then its entry).
 */
function joinAwarenessUpdates(ones: Uint8Array[]): Uint8Array {
	if (ones.length === 1) return ones[0];
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, ones.length);
	for (const one of ones) encoding.writeUint8Array(encoder, one.subarray(1));
	return encoding.toUint8Array(encoder);
}

/**
 * How large one awareness frame the server sends may be: half the frame limit, so that the echo
 * a stock client sends back (the same states, re-encoded) stays well under it.
 */
export function awarenessFrameBytes(maxFrameBytes: number): number {
	return Math.floor(maxFrameBytes / 2);
}
