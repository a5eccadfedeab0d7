/**
 * What one instance asks of the sockets the other instances hold: a session signed out must close
 * wherever it is connected, and a changed role must take effect on every instance. Carried by the
 * cluster (Redis pub/sub) when there is one; alone, there is nobody to tell.
 */
export type SocketRequest =
	| { type: 'close-session'; sessionId: string }
	| { type: 'refresh-member'; boardId: string; userId: string }
	/** The meeting's status or justering changed: everyone on its two documents is re-checked. */
	| { type: 'refresh-meeting'; meetingId: string }
	/** The board was deleted: every socket on its documents is re-checked (and closed). */
	| { type: 'refresh-board'; boardId: string };

export interface InstanceBus {
	/** Runs `handler` for what other instances ask of this one's sockets. */
	onControl(handler: (message: SocketRequest) => void): void;
	/** Tells every other instance (this one acts on its own). */
	publishControl(message: SocketRequest): Promise<void>;
}
