import * as v from 'valibot';

/**
 * What instances tell each other on the control channel:
 * - what every instance must do to its sockets: a session signed out must close wherever it is
 *   connected, and a changed role or meeting status must take effect on every instance;
 * - that they are alive, or leaving: the others drop the presence of a dead or stopped
 *   instance's people at once instead of showing them for another half minute.
 */
export const ControlMessageSchema = v.variant('type', [
	v.object({ from: v.string(), type: v.literal('close-session'), sessionId: v.string() }),
	v.object({ from: v.string(), type: v.literal('refresh-member'), boardId: v.string(), userId: v.string() }),
	v.object({ from: v.string(), type: v.literal('refresh-meeting'), meetingId: v.string() }),
	v.object({ from: v.string(), type: v.literal('refresh-board'), boardId: v.string() }),
	v.object({ from: v.string(), type: v.literal('alive') }),
	v.object({ from: v.string(), type: v.literal('leaving') })
]);

export type ControlMessage = v.InferOutput<typeof ControlMessageSchema>;

/** The control messages about sockets, which the collab server acts on. */
export type SocketControl = Extract<ControlMessage, { type: 'close-session' | 'refresh-member' | 'refresh-meeting' | 'refresh-board' }>;

/** Parses a control message; null (logged by the caller) for anything else on the channel. */
export function parseControlMessage(raw: string): ControlMessage | null {
	try {
		const result = v.safeParse(ControlMessageSchema, JSON.parse(raw));
		return result.success ? result.output : null;
	} catch {
		return null;
	}
}
