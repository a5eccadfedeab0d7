import { CloseCode } from '../../src/lib/domain/collab-protocol.js';
import { resolveDocMembership } from '../../src/lib/server/services/doc-access.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { LiveConnections } from '../../src/lib/server/runtime.js';
import type { Store } from '../../src/lib/server/store/types.js';
import type { Connection } from './connection.js';
import type { InstanceBus, SocketRequest } from './instance-bus.js';
import type { UpgradeCache } from './upgrade-cache.js';

/**
 * The open connections of this instance, and what the rest of the app asks of them: close a
 * signed-out session's sockets, re-check a member whose role changed. Each request is carried out
 * here and told to the other instances (if any), whose sockets of the same person it concerns.
 */
export class OpenConnections implements LiveConnections {
	readonly #all = new Set<Connection>();

	constructor(
		private readonly store: Store,
		private readonly log: Logger,
		/** The other instances (with REDIS_URL); null alone. */
		private readonly others: InstanceBus | null,
		/** What upgrades found valid lately: forgotten here, at once, whatever takes access away. */
		private readonly cache: UpgradeCache | null = null
	) {
		others?.onControl((message) => {
			if (message.type === 'close-session') this.#closeSessionHere(message.sessionId);
			else if (message.type === 'refresh-meeting') void this.#refreshMeetingHere(message.meetingId);
			else if (message.type === 'refresh-board') void this.#refreshBoardHere(message.boardId);
			else void this.#refreshMemberHere(message.boardId, message.userId);
		});
	}

	get size(): number {
		return this.#all.size;
	}

	add(conn: Connection): void {
		this.#all.add(conn);
	}

	delete(conn: Connection): void {
		this.#all.delete(conn);
	}

	/** Closes every connection with `code` (shutdown: clients reconnect). */
	closeAll(code: number, reason: string): void {
		for (const conn of this.#all) conn.close(code, reason);
	}

	closeSession(sessionId: string): void {
		this.#closeSessionHere(sessionId);
		this.#tellOthers({ type: 'close-session', sessionId });
	}

	async refreshMember(boardId: string, userId: string): Promise<void> {
		this.#tellOthers({ type: 'refresh-member', boardId, userId });
		await this.#refreshMemberHere(boardId, userId);
	}

	#closeSessionHere(sessionId: string): void {
		this.cache?.forgetSession(sessionId);
		for (const conn of this.#all) {
			if (conn.admission.session.id === sessionId) conn.close(CloseCode.sessionEnded, 'signed out');
		}
	}

	async refreshMeeting(meetingId: string): Promise<void> {
		this.#tellOthers({ type: 'refresh-meeting', meetingId });
		await this.#refreshMeetingHere(meetingId);
	}

	async refreshBoard(boardId: string): Promise<void> {
		this.#tellOthers({ type: 'refresh-board', boardId });
		await this.#refreshBoardHere(boardId);
	}

	/** Every socket on the board's documents (the board's and its meetings'): a purged board gives no access, so they close. */
	async #refreshBoardHere(boardId: string): Promise<void> {
		this.cache?.forgetMemberships();
		await this.#recheck((conn) => conn.admission.boardId === boardId, true);
	}

	async #refreshMemberHere(boardId: string, userId: string): Promise<void> {
		this.cache?.forgetMember(userId);
		await this.#recheck((conn) => conn.admission.boardId === boardId && conn.admission.user.id === userId, false);
	}

	/** Everyone on the meeting's documents is told their access again, changed or not: the status changed. */
	async #refreshMeetingHere(meetingId: string): Promise<void> {
		this.cache?.forgetMemberships();
		await this.#recheck(({ admission: { ref } }) => 'meetingId' in ref && ref.meetingId === meetingId, true);
	}

	async #recheck(concerns: (conn: Connection) => boolean, tellAlways: boolean): Promise<void> {
		for (const conn of [...this.#all]) {
			if (!concerns(conn)) continue;
			const userId = conn.admission.user.id;
			let decision: Awaited<ReturnType<typeof resolveDocMembership>>;
			try {
				decision = await resolveDocMembership(this.store, userId, conn.admission.docName);
			} catch (error) {
				// Fail closed: the client reconnects and is authorised afresh at the upgrade.
				this.log.error({ err: error, doc: conn.admission.docName, user: userId }, 're-checking a member failed; closing the socket');
				conn.close(CloseCode.serverRestart, 'membership re-check failed');
				continue;
			}
			if (conn.closed) continue;
			if (decision.status === 'ok') conn.setMembership(decision.access, decision.role, tellAlways);
			else conn.close(decision.status === 'not-found' ? CloseCode.documentGone : CloseCode.forbidden, decision.status);
		}
	}

	/** Other instances' sockets of the same person are closed or re-checked by those instances. */
	#tellOthers(message: SocketRequest): void {
		this.others?.publishControl(message).catch((error) => {
			this.log.error({ err: error, message }, 'telling the other instances failed; their sockets re-check the session within COLLAB_SESSION_CHECK_MS');
		});
	}
}
