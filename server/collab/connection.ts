// Over 300 lines on purpose: one socket's whole protocol (sync, awareness, the checks before an
// update applies, refusals told once, membership changes) in one class, so no frame type is handled
// in two places.
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../src/lib/domain/collab-protocol.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { LiveDoc, Peer } from './live-doc.js';
import type { BoardRole } from '../../src/lib/domain/roles.js';
import type { UpdateAuthor } from '../../src/lib/server/store/types.js';
import type { Admission } from './upgrade.js';
import { encodeMembership, encodePermissionDenied, encodeSyncStep1 } from './codec.js';
import { screenAwarenessUpdate, type AwarenessRefusal } from './awareness-guard.js';
import { decideWrite, DenyReason, type DenyReasonValue } from './write-policy.js';
import { inspectUpdate, type StructureViolation } from '../../src/lib/domain/update-structure.js';
import { STRUCTURE_RULES } from '../../src/lib/domain/doc-structure-rules.js';
import { WaitingUpdates, type WaitingLimit, type WaitingLimits } from './waiting-updates.js';
import { DIRECT_MAX_BYTES, RecentFrames, corkableSocket, directSocket } from './wire-frame.js';

/** Shared by every connection: a fan-out sends one payload to many of them in turn. */
const recentFrames = new RecentFrames();

export class MalformedFrame extends Error {}

/** A state vector with no client in it: a varint count of 0 (and nothing after it). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}

/** A Yjs update of no client's structs and an empty delete set: two varint zeros. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/**
 * One websocket on one document. Every frame is handled inside a try/catch: a bad frame closes
 * this connection only. Updates are applied before they are forwarded (applying validates them),
 * and an update the write policy refuses (read-only connection, someone else's perspective) is
 * dropped, never applied, stored or broadcast.
 */
export class Connection implements Peer {
	access: 'write' | 'read';
	readonly awarenessIds = new Set<number>();
	/** Updates waiting for content the document lacks (see WaitingUpdates). */
	readonly #waiting: WaitingUpdates;
	/** Awareness refusals already logged for this connection: each reason once, not every renewal. */
	#awarenessRefusals = new Set<AwarenessRefusal>();
	/** Refusals this client has been told about: each reason is sent once, not per update. */
	#told = new Set<DenyReasonValue>();
	closed = false;
	/** Every update this connection applies is stored as this member's (Yjs passes `this` as the origin). */
	readonly author: UpdateAuthor;

	constructor(
		readonly ws: WebSocket,
		readonly admission: Admission,
		readonly live: LiveDoc,
		private readonly logger: Logger,
		limits: WaitingLimits
	) {
		this.#waiting = new WaitingUpdates(live, limits, this, {
			retry: () => this.#guard(() => this.#retryWaiting()),
			expired: () => this.#overflow('age')
		});
		this.access = admission.access;
		this.author = { userId: admission.user.id, agencyId: admission.user.agencyId };
	}

	get canWrite(): boolean {
		return this.access === 'write';
	}

	/** One callback for every frame this socket sends (not a closure per frame). */
	readonly #sent = (error?: Error | null): void => {
		if (error) this.close(1011, 'send failed');
	};

	send(frame: Uint8Array): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		// Small frames (updates, presence) are framed once for all their sockets (wire-frame.ts).
		const socket = frame.byteLength <= DIRECT_MAX_BYTES ? directSocket(this.ws) : null;
		if (socket) socket.write(recentFrames.frameOf(frame), this.#sent);
		else this.ws.send(frame, this.#sent);
	}

	/** Several frames in one write: the socket is corked while ws queues them (ws corks each frame alone). */
	sendBurst(frames: Uint8Array[]): void {
		const socket = corkableSocket(this.ws);
		socket?.cork();
		try {
			for (const frame of frames) this.send(frame);
		} finally {
			socket?.uncork();
		}
	}

	/** Sync step 1 and the current awareness: what every y-websocket server sends on connect. */
	greet(): void {
		const frames = [encodeSyncStep1(this.live.doc), ...this.#awarenessOfAll()];
		this.sendBurst(frames);
		if (!this.canWrite) this.#tell(DenyReason.readOnly);
	}

	handle(data: Uint8Array): void {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.sync:
				return this.#handleSync(decoder);
			case MessageType.awareness:
				return this.#handleAwareness(decoder);
			case MessageType.queryAwareness:
				return this.#sendAwareness();
			case MessageType.auth:
				return; // clients have nothing to say here; ignore as y-websocket does
			default:
				throw new MalformedFrame(`unknown message type ${type}`);
		}
	}

	#handleSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		switch (syncType) {
			case syncProtocol.messageYjsSyncStep1: {
				const stateVector = decoding.readVarUint8Array(decoder);
				// A client that has nothing yet (a new browser, a listener) gets the whole document, and
				// so does every other one that joins before it changes: encoded once (LiveDoc.fullSync).
				if (isEmptyStateVector(stateVector)) return this.send(this.live.fullSync());
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MessageType.sync);
				syncProtocol.writeSyncStep2(encoder, this.live.doc, stateVector);
				this.send(encoding.toUint8Array(encoder));
				return;
			}
			case syncProtocol.messageYjsSyncStep2:
			case syncProtocol.messageYjsUpdate:
				return this.#receive(decoding.readVarUint8Array(decoder));
			default:
				throw new MalformedFrame(`unknown sync message ${syncType}`);
		}
	}

	/**
	 * Every update is read before Yjs sees it: one that breaks the layout's structure closes this
	 * connection (nothing applied, nothing forwarded); one that refers to content the document
	 * lacks waits with this connection; everything else goes to the write policy, then applies.
	 */
	#receive(update: Uint8Array): void {
		if (!this.canWrite) return this.#refused(DenyReason.readOnly);
		// Nothing in it (no structs, no deletions): what every client with nothing new answers to
		// sync step 1. Applying it changes nothing; reading, judging and applying it was a share of
		// every connect (issue 13).
		if (isEmptyUpdate(update)) return;
		const report = inspectUpdate(this.live.doc, update, STRUCTURE_RULES[this.admission.ref.kind], this.admission.user.id);
		if (report.violation?.kind === 'malformed') throw new MalformedFrame(`update does not decode: ${report.violation.detail}`);
		if (report.violation) return this.#refuseStructure(report.violation);
		if (report.missing) return this.#wait(update);
		this.#apply(update);
		if (this.#waiting.size > 0) this.#retryWaiting();
	}

	#apply(update: Uint8Array): void {
		const { admission } = this;
		const identity = { name: admission.identity.name, agencyId: admission.user.agencyId, agencyName: admission.identity.agency };
		const { judgeCopy } = this.live;
		const decision = decideWrite({ userId: admission.user.id, access: this.access, role: admission.role, identity, agencyKind: admission.agencyKind }, admission.ref.kind, this.live.doc, update, () => judgeCopy.get());
		if (!decision.allowed) {
			judgeCopy.drop(); // it holds the refused update
			return this.#refused(decision.reason);
		}
		try {
			Y.applyUpdate(this.live.doc, update, this);
		} catch (error) {
			judgeCopy.drop();
			throw new MalformedFrame(`update does not apply: ${(error as Error).message}`);
		}
	}

	#refuseStructure(violation: StructureViolation): void {
		this.logger.warn({ doc: this.live.name, user: this.admission.user.id, violation }, 'update breaks the document layout; refused before applying, closing this connection');
		this.dropWaiting();
		this.close(CloseCode.refusedUpdate, `refused: ${violation.kind}`);
	}

	#wait(update: Uint8Array): void {
		const broken = this.#waiting.hold(update);
		if (broken) this.#overflow(broken);
	}

	#retryWaiting(): void {
		if (this.closed) return;
		const merged = this.#waiting.merged();
		const report = inspectUpdate(this.live.doc, merged, STRUCTURE_RULES[this.admission.ref.kind], this.admission.user.id);
		if (report.violation) return this.#refuseStructure(report.violation);
		if (report.missing) return;
		this.dropWaiting();
		this.#apply(merged);
	}

	#overflow(limit: WaitingLimit): void {
		const { bytes, since } = this.#waiting;
		this.logger.warn(
			{ doc: this.live.name, user: this.admission.user.id, limit, bytes, waitedMs: since === null ? 0 : Date.now() - since },
			'updates waiting for content the document lacks went over the limit; dropped them and closed this connection'
		);
		this.dropWaiting();
		this.close(CloseCode.pendingOverflow, 'waiting updates over the limit');
	}

	/** Forgets what this connection left waiting (its own updates only). */
	dropWaiting(): void {
		this.#waiting.clear();
	}

	/** Work started outside a frame handler must not throw past it: a failure closes this connection. */
	#guard(work: () => void): void {
		try {
			work();
		} catch (error) {
			this.logger.warn({ doc: this.live.name, user: this.admission.user.id, err: error }, 'waiting updates do not apply; closing this connection');
			this.dropWaiting();
			this.close(CloseCode.malformedFrame, 'malformed update');
		}
	}

	/** Everyone's presence (greeting, query answer), in frames that each stay under the limit. */
	#sendAwareness(): void {
		const frames = this.#awarenessOfAll();
		if (frames.length) this.sendBurst(frames);
	}

	#awarenessOfAll(): Uint8Array[] {
		const states = [...this.live.awareness.getStates().keys()];
		return states.length ? this.live.awarenessFrames(states) : [];
	}

	/**
	 * Applies what passes the awareness guard, with this person's name and agency from the server's
	 * record. Refused states (too large, too many clients, someone else's) are dropped and logged
	 * once per reason; the connection stays open: presence is optional, and closing would stop a
	 * member editing over a cursor payload (a 44xx close is final; anything else would be retried
	 * with the same state).
	 */
	#handleAwareness(decoder: decoding.Decoder): void {
		const { kept, claimed, refused } = screenAwarenessUpdate(decoding.readVarUint8Array(decoder), {
			identity: this.admission.identity,
			maxStateBytes: this.live.maxAwarenessBytes,
			own: this.awarenessIds,
			holder: (clientId) => {
				const state = this.live.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
				if (state === undefined) return undefined;
				return typeof state.user?.id === 'string' ? state.user.id : '';
			}
		});
		for (const { clientId, reason } of refused) {
			if (this.#awarenessRefusals.has(reason)) continue;
			this.#awarenessRefusals.add(reason);
			this.logger.info({ doc: this.live.name, user: this.admission.user.id, clientId, reason }, 'awareness state refused; dropped');
		}
		// Remember which awareness clients this socket speaks for, to remove them when it leaves.
		for (const { clientId, removed } of claimed) {
			if (removed) this.awarenessIds.delete(clientId);
			else this.awarenessIds.add(clientId);
		}
		if (kept.length > 0) this.live.applyAwareness(this, kept);
	}

	#refused(reason: DenyReasonValue): void {
		const { user, role } = this.admission;
		switch (reason) {
			case DenyReason.readOnly:
				return this.#tell(reason);
			default:
				this.logger.info({ doc: this.live.name, user: user.id, role, reason }, 'update refused by write policy; dropped');
				return this.#tell(reason);
		}
	}

	#tell(reason: DenyReasonValue): void {
		if (this.#told.has(reason)) return;
		this.#told.add(reason);
		this.send(encodePermissionDenied(reason));
	}

	/** Lowers or raises access in place (role changed while connected). */
	setAccess(access: 'write' | 'read'): void {
		if (access === this.access) return;
		this.access = access;
		this.#told.delete(DenyReason.readOnly);
		if (access === 'read') return this.#tell(DenyReason.readOnly);
		// Raised to write: ask for what the client has and this document lacks (sync step 1; the
		// client answers with step 2), as a reconnect would. Edits it made on what was refused while
		// it could only read would otherwise wait for content that never comes.
		this.send(encodeSyncStep1(this.live.doc));
	}

	/**
	 * The member's role and access changed while connected: the next update is judged by them.
	 * `tellAlways`: send the membership frame even if neither changed (the meeting's status did,
	 * and the page reloads what it shows when told).
	 */
	setMembership(access: 'write' | 'read', role: BoardRole, tellAlways = false): void {
		const changed = role !== this.admission.role || access !== this.access;
		if (role !== this.admission.role) {
			this.admission.role = role;
			this.#told.delete(DenyReason.notAuthor);
			this.#told.delete(DenyReason.notAnswerer);
		}
		this.setAccess(access);
		// Lowered access is also told by permission-denied; a raise can only be told this way.
		if (changed || tellAlways) this.send(encodeMembership(role, access));
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.ws.close(code, reason);
		} catch (error) {
			this.logger.warn({ err: error, doc: this.live.name }, 'closing websocket failed; terminating');
			this.ws.terminate();
		}
	}

	/** Removes this connection's awareness states so others see it leave at once. */
	forgetAwareness(): void {
		if (this.awarenessIds.size === 0) return;
		awarenessProtocol.removeAwarenessStates(this.live.awareness, [...this.awarenessIds], 'connection closed');
	}
}

export { CloseCode };
