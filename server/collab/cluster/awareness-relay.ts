import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Awareness (who is here, where their cursor is) between instances, over Redis pub/sub: it is
 * ephemeral, so it is never put in a stream or stored. Messages name the sending instance, so an
 * instance ignores its own echo.
 */
export const AwarenessMessage = {
	/** An awareness update (y-protocols encoding) for clients connected to the sender. */
	update: 0,
	/** "Send me your clients' states": a newly loaded copy asks once, instead of waiting for renewals. */
	query: 1
} as const;

export type AwarenessMessageType = (typeof AwarenessMessage)[keyof typeof AwarenessMessage];

export function encodeAwarenessMessage(instanceId: string, type: AwarenessMessageType, payload: Uint8Array = new Uint8Array()): Buffer {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, instanceId);
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return Buffer.from(encoding.toUint8Array(encoder));
}

export function decodeAwarenessMessage(message: Uint8Array): { from: string; type: number; payload: Uint8Array } {
	const decoder = decoding.createDecoder(message);
	const from = decoding.readVarString(decoder);
	const type = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	return { from, type, payload };
}

/**
 * The awareness clients an update speaks for, and whether it removes them (state null), read the
 * way y-protocols writes it: count, then per client its id, clock and JSON state.
 */
export function awarenessClients(update: Uint8Array): Array<{ clientId: number; removed: boolean }> {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const clients: Array<{ clientId: number; removed: boolean }> = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		decoding.readVarUint(decoder); // clock
		clients.push({ clientId, removed: JSON.parse(decoding.readVarString(decoder)) === null });
	}
	return clients;
}
