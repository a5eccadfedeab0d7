import * as Y from 'yjs';
import { encodeUpdate } from './codec.js';

/** What the fan-out sends to: a connection (see Peer in live-doc.ts). */
export interface FanOutPeer {
	send(frame: Uint8Array): void;
	/** Several frames in one write (the socket corked while they are queued); falls back to `send` each. */
	sendBurst?(frames: Uint8Array[]): void;
}

/**
 * The updates one document applied during one turn of the event loop, sent to its peers when the
 * turn's input has been read (setImmediate runs right after the I/O poll phase: no timer, no
 * added latency), or sooner when the turn runs long (FAN_OUT_HOLD_MS), so a burst costs one frame
 * per socket rather than one per update and socket.
 *
 * - Updates of one sender are merged (Y.mergeUpdates: still a valid y-websocket update message)
 *   and each frame is encoded once for all the sockets it goes to.
 * - An update is never sent back to the peer it came from. With one sender in the turn (the
 *   common case: one person typing), every other peer gets the one merged frame. With several,
 *   a peer that sent nothing gets everything merged in one frame; a peer that sent something gets
 *   the other senders' frames in one corked write rather than a merge made for it alone: merging
 *   is the costly part (measured on this machine: about 25 µs for 2 small updates, 400 µs for
 *   20 of different clients, against about 9 µs to frame one), so each merge is done once per
 *   tick, never once per peer.
 * - Peers are read when the tick is sent: one that joined meanwhile gets the tick's updates too
 *   (harmless: applying an update twice changes nothing), one that left gets nothing.
 */
/**
 * Frames that go out with a tick's updates, in the same write to each peer (presence waiting for
 * the next edit: LiveDoc), except to `except` (the peer they came from).
 */
export interface Ride {
	frames: Uint8Array[];
	except: unknown;
}

export class UpdateFanOut {
	#updates: Uint8Array[] = [];
	#origins: unknown[] = [];

	constructor(
		private readonly peers: ReadonlySet<FanOutPeer>,
		private readonly failed: (error: unknown) => void,
		/** Asked once per tick that is sent: what goes along (taken: sent now or never by the fan-out). */
		private readonly rider: () => Ride | null = () => null
	) {}

	/** An update applied with `origin` (the connection that sent it, or anything else for the server's own). */
	add(update: Uint8Array, origin: unknown): void {
		if (this.peers.size === 0) return;
		this.#origins.push(origin);
		if (this.#updates.push(update) === 1) scheduleFanOut(this);
	}

	/** Sends what this tick holds now (also before the document is destroyed). */
	flush(): void {
		const updates = this.#updates;
		const origins = this.#origins;
		if (updates.length === 0) return;
		this.#updates = [];
		this.#origins = [];
		try {
			this.#send(updates, origins);
		} catch (error) {
			this.failed(error);
		}
	}

	#send(updates: Uint8Array[], origins: unknown[]): void {
		const first = origins[0];
		const ride = this.rider();
		if (origins.every((origin) => origin === first)) {
			if (!ride && this.peers.size === 1 && this.peers.has(first as FanOutPeer)) return; // the sender alone
			const frame = encodeUpdate(merged(updates));
			if (!ride) {
				for (const peer of this.peers) if (peer !== first) peer.send(frame);
				return;
			}
			const withRide = [frame, ...ride.frames];
			for (const peer of this.peers) {
				if (peer === ride.except) {
					if (peer !== first) peer.send(frame);
				} else deliver(peer, peer === first ? ride.frames : withRide);
			}
			return;
		}
		// Several senders: one frame per sender, and one of everything for those that sent nothing.
		const bySender = new Map<unknown, Uint8Array[]>();
		for (let i = 0; i < updates.length; i++) {
			const list = bySender.get(origins[i]);
			if (list) list.push(updates[i]);
			else bySender.set(origins[i], [updates[i]]);
		}
		const frames = new Map<unknown, Uint8Array>();
		for (const [sender, list] of bySender) frames.set(sender, encodeUpdate(merged(list)));
		let everything: Uint8Array | null = null;
		for (const peer of this.peers) {
			const riding = ride && peer !== ride.except ? ride.frames : null;
			if (!bySender.has(peer)) {
				everything ??= encodeUpdate(merged(updates));
				deliver(peer, riding ? [everything, ...riding] : [everything]);
				continue;
			}
			const others: Uint8Array[] = [];
			for (const [sender, frame] of frames) if (sender !== peer) others.push(frame);
			if (riding) others.push(...riding);
			deliver(peer, others);
		}
	}
}

/** Frames to one peer in one write (corked) when there are several. */
function deliver(peer: FanOutPeer, frames: Uint8Array[]): void {
	if (frames.length === 1) peer.send(frames[0]);
	else if (frames.length === 0) return;
	else if (peer.sendBurst) peer.sendBurst(frames);
	else for (const frame of frames) peer.send(frame);
}

const merged = (updates: Uint8Array[]): Uint8Array => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

/**
 * The longest an applied update waits for the end of its turn. Under load one turn reads a
 * thousand sockets' input (libuv's poll phase) and lasts 100-200 ms: the first document's edits
 * would wait for all of it, which was Samtavla's p99 at 4,000 clients (issue 13), where the
 * reference server sends each update as it is applied. Past this, what waits is sent when the
 * next document joins the turn: coalescing a burst still works, the wait stays a few ms.
 */
export const FAN_OUT_HOLD_MS = 4;

/** Documents with updates to send at the end of this turn: one setImmediate for all of them. */
const due = new Set<UpdateFanOut>();
let scheduled = false;
/** When the oldest update in `due` was added (performance.now()). */
let dueSince = 0;

function scheduleFanOut(fanOut: UpdateFanOut): void {
	if (due.size > 0 && performance.now() - dueSince >= FAN_OUT_HOLD_MS) sendDue();
	if (due.size === 0) dueSince = performance.now();
	due.add(fanOut);
	if (scheduled) return;
	scheduled = true;
	setImmediate(sendDue);
}

function sendDue(): void {
	scheduled = false;
	for (const fanOut of due) {
		due.delete(fanOut);
		fanOut.flush();
	}
}
