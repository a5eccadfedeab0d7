import { CloseCode } from '$lib/domain/collab-protocol';

export type ConnectionStatus =
	| 'connecting'
	| 'connected'
	| 'reconnecting'
	| 'offline'
	| 'signed-out'
	| 'no-access'
	/** the server refused what this device sent (malformed, too large): only a reload helps */
	| 'failed';

const FINAL: ReadonlySet<ConnectionStatus> = new Set(['signed-out', 'no-access', 'failed']);

/** Lost attempts in a row after which we call it offline rather than "reconnecting". */
const OFFLINE_AFTER = 3;

/**
 * What the person should know about the live connection, as runes state (Immich style: private
 * `$state` fields, read-only getters, transitions as methods). The collab session feeds it
 * events; components only read it.
 */
export class ConnectionState {
	#status = $state<ConnectionStatus>('connecting');
	#readOnly = $state(false);
	#refusedChanges = $state(0);
	#synced = $state(false);
	#everSynced = $state(false);
	#storedLocally = $state(false);
	#everConnected = false;
	#lostInARow = 0;
	#online = true;

	constructor(online = true) {
		this.#online = online;
		if (!online) this.#status = 'offline';
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	/** The server told us our changes are not accepted (viewer, or role lowered while connected). */
	get readOnly(): boolean {
		return this.#readOnly;
	}

	/** Changes the server refused while still accepting others (someone else's perspective). */
	get refusedChanges(): number {
		return this.#refusedChanges;
	}

	/** This connection has exchanged state with the server. */
	get synced(): boolean {
		return this.#synced;
	}

	/** The server's state has arrived at least once since the page opened. */
	get everSynced(): boolean {
		return this.#everSynced;
	}

	/** The device copy (IndexedDB) has loaded: what is typed now survives a lost connection. */
	get storedLocally(): boolean {
		return this.#storedLocally;
	}

	/** Nothing more will happen on this connection without the person acting (sign in, reload). */
	get isFinal(): boolean {
		return FINAL.has(this.#status);
	}

	/** What is typed now is accepted: the server has not said "read only" and the connection is not over. */
	get canWrite(): boolean {
		return !this.#readOnly && !this.isFinal;
	}

	/**
	 * Something true to show: the server's state has arrived, or (offline, or the connection is
	 * over) this device's copy has loaded. Never an empty list that fills a moment later.
	 */
	get isReady(): boolean {
		return this.#everSynced || (this.#storedLocally && this.#status !== 'connecting' && this.#status !== 'connected');
	}

	/** A socket is being opened. Stays "offline" while attempts keep failing, so it does not flicker. */
	connecting(): void {
		if (this.isFinal || this.#status === 'offline') return;
		this.#status = this.#everConnected ? 'reconnecting' : 'connecting';
	}

	connected(): void {
		if (this.isFinal) return;
		this.#everConnected = true;
		this.#lostInARow = 0;
		this.#status = 'connected';
	}

	setSynced(synced: boolean): void {
		this.#synced = synced;
		if (synced) {
			this.#lostInARow = 0;
			this.#everSynced = true;
		}
	}

	/** The socket closed or could not open; a reconnect is planned. */
	lost(): void {
		this.#synced = false;
		this.#lostInARow++;
		if (this.isFinal) return;
		if (!this.#online || this.#lostInARow >= OFFLINE_AFTER) this.#status = 'offline';
		else this.#status = this.#everConnected ? 'reconnecting' : 'connecting';
	}

	setOnline(online: boolean): void {
		this.#online = online;
		if (this.isFinal) return;
		if (!online) this.#status = 'offline';
		else if (this.#status === 'offline') {
			this.#lostInARow = 0;
			this.#status = this.#everConnected ? 'reconnecting' : 'connecting';
		}
	}

	/** The server closed for good (y-websocket's `closed` event). */
	closedFor(code: number): void {
		this.#synced = false;
		if (code === CloseCode.sessionEnded) this.#status = 'signed-out';
		else if (code === CloseCode.forbidden || code === CloseCode.documentGone) this.#status = 'no-access';
		else this.#status = 'failed';
	}

	/** The same conclusions, reached by asking the server why connecting keeps failing. */
	ended(reason: 'signed-out' | 'no-access'): void {
		this.#synced = false;
		this.#status = reason;
	}

	/** The server raised this connection's access (role changed while connected). */
	allowWrites(): void {
		this.#readOnly = false;
	}

	denyWrites(): void {
		this.#readOnly = true;
	}

	refusedChange(): void {
		this.#refusedChanges++;
	}

	setStoredLocally(): void {
		this.#storedLocally = true;
	}
}

/** Most urgent first: what a person must act on outranks what fixes itself. */
const URGENCY: ConnectionStatus[] = ['failed', 'no-access', 'signed-out', 'offline', 'reconnecting', 'connecting', 'connected'];

/**
 * One status for a page that keeps several documents live (the meeting and its user
 * perspectives): the most urgent of them, so "connected" means every one of them is.
 */
export function combinedStatus(statuses: ConnectionStatus[]): ConnectionStatus {
	let best = URGENCY.length - 1;
	for (const status of statuses) best = Math.min(best, URGENCY.indexOf(status));
	return URGENCY[best];
}
