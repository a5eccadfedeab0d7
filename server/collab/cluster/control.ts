import * as v from 'valibot';

/**
 * What one instance asks every instance to do to its sockets: a session signed out must close
 * wherever it is connected, and a changed role must take effect on every instance.
 */
export const ControlMessageSchema = v.variant('type', [
	v.object({ from: v.string(), type: v.literal('close-session'), sessionId: v.string() }),
	v.object({ from: v.string(), type: v.literal('refresh-member'), boardId: v.string(), userId: v.string() })
]);

export type ControlMessage = v.InferOutput<typeof ControlMessageSchema>;

/** Parses a control message; null (logged by the caller) for anything else on the channel. */
export function parseControlMessage(raw: string): ControlMessage | null {
	try {
		const result = v.safeParse(ControlMessageSchema, JSON.parse(raw));
		return result.success ? result.output : null;
	} catch {
		return null;
	}
}

/** A control message before it is stamped with the sending instance. */
export type ControlRequest = ControlMessage extends infer M ? (M extends ControlMessage ? Omit<M, 'from'> : never) : never;
