import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import * as decoding from 'lib0/decoding';
import { CloseCode, COLLAB_PATH, MessageType } from '$lib/domain/collab-protocol';
import { ConnectionState } from './connection-state.svelte';
import type { LiveSession, SessionOptions } from './live-session';
import { Presence } from './presence.svelte';
import { onlineDelay, reconnectDelay, shouldReconnect } from './reconnect';

export type AccessCheck = 'ok' | 'signed-out' | 'no-access' | 'unknown';

/** The permission-denied reason that means "this connection may only read" (server/collab/write-policy.ts). */
const READ_ONLY_REASON = 'read-only';

/** Failed opens in a row before asking the server why (a refused upgrade looks like a network error). */
const ASK_AFTER_FAILED_OPENS = 2;

/**
 * One live document in the browser: the Y.Doc, its copy on this device (IndexedDB, so text typed
 * offline survives a reload and is sent when the connection returns), the websocket provider,
 * connection state and presence. Browser only: create it in onMount, destroy it on unmount.
 */
export class CollabSession implements LiveSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly local: IndexeddbPersistence;
	readonly connection: ConnectionState;
	readonly presence: Presence;

	#timer: ReturnType<typeof setTimeout> | null = null;
	#attempt = 0;
	/** 1009 closes in a row: the sync before each resets #attempt, this keeps their delay growing. */
	#tooLargeInRow = 0;
	#opened = false;
	#failedOpens = 0;
	#checking = false;
	#destroyed = false;
	#checkAccess: () => Promise<AccessCheck>;

	constructor(options: SessionOptions & { checkAccess?: () => Promise<AccessCheck> }) {
		const { docName, user } = options;
		this.#checkAccess = options.checkAccess ?? (() => checkDocAccess(docName));
		this.connection = new ConnectionState(navigator.onLine);

		// Per person: on a shared computer one person's unsent text is never sent as another's.
		this.local = new IndexeddbPersistence(`samtavla:${user.id}:${docName}`, this.doc);
		void this.local.whenSynced.then(() => {
			if (!this.#destroyed) this.connection.setStoredLocally();
		});

		const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH.replace(/\/$/, '')}`;
		this.provider = new WebsocketProvider(wsUrl, docName, this.doc, {
			params: {},
			disableBc: false,
			shouldReconnect,
			connect: false
		});
		this.provider.awareness.setLocalStateField('user', user);
		this.presence = new Presence(this.provider.awareness, user.id, options.members);

		// The server dropped our updates: all of them (viewer, or role lowered while connected), or
		// one change it refused (e.g. someone else's user perspective) while others still go through.
		this.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
			readAuthMessage(decoder, this.doc, (_doc, reason) => {
				if (reason === READ_ONLY_REASON) this.connection.denyWrites();
				else this.connection.refusedChange();
			});
		};

		// Our role changed while connected: a raise is only told this way. The page reloads its data
		// (role, access) so it offers what the role now allows, without a page reload.
		this.provider.messageHandlers[MessageType.membership] = (_encoder, decoder) => {
			decoding.readVarString(decoder); // role
			const access = decoding.readVarString(decoder);
			if (access === 'write') this.connection.allowWrites();
			else this.connection.denyWrites();
			options.onMembershipChange?.();
		};

		this.provider.on('status', ({ status }) => {
			if (status === 'connecting') {
				this.#opened = false;
				this.connection.connecting();
			} else if (status === 'connected') {
				this.#opened = true;
				this.#failedOpens = 0;
				this.connection.connected();
			}
		});
		this.provider.on('sync', (synced: boolean) => {
			this.connection.setSynced(synced);
			if (synced) this.#attempt = 0;
		});
		this.provider.on('connection-close', (event) => this.#onClose(event));
		this.provider.on('closed', ({ code }) => {
			this.#clearTimer();
			this.connection.closedFor(code);
		});

		window.addEventListener('online', this.#onOnline);
		window.addEventListener('offline', this.#onOffline);
		this.provider.connect();
	}

	get readOnly(): boolean {
		return this.connection.readOnly;
	}

	get isFinal(): boolean {
		return this.connection.isFinal;
	}

	get canWrite(): boolean {
		return this.connection.canWrite;
	}

	get isReady(): boolean {
		return this.connection.isReady;
	}

	#onClose(event: CloseEvent | null): void {
		if (this.#destroyed) return;
		// A permanent close is reported by 'closed' right after this.
		if (event && !shouldReconnect(event)) return;
		this.#tooLargeInRow = event?.code === CloseCode.frameTooLarge ? this.#tooLargeInRow + 1 : 0;
		// Take over from y-websocket's own fixed backoff: ours has jitter.
		this.provider.shouldConnect = false;
		this.connection.lost();
		if (!this.#opened) this.#failedOpens++;
		if (this.#failedOpens >= ASK_AFTER_FAILED_OPENS && navigator.onLine) void this.#askWhy();
		else this.#schedule(reconnectDelay(Math.max(this.#attempt++, this.#tooLargeInRow)));
	}

	/** A refused upgrade (signed out, removed from the board) looks like a network error: ask. */
	async #askWhy(): Promise<void> {
		if (this.#checking) return;
		this.#checking = true;
		const answer = await this.#checkAccess().catch((): AccessCheck => 'unknown');
		this.#checking = false;
		if (this.#destroyed) return;
		if (answer === 'signed-out' || answer === 'no-access') {
			this.#clearTimer();
			this.connection.ended(answer);
			return;
		}
		this.#failedOpens = 0;
		this.#schedule(reconnectDelay(this.#attempt++));
	}

	#schedule(delay: number): void {
		this.#clearTimer();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (this.#destroyed || this.connection.isFinal) return;
			// Offline: wait for the browser's 'online' event instead of failing again.
			if (!navigator.onLine) return;
			this.provider.connect();
		}, delay);
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#onOnline = () => {
		this.connection.setOnline(true);
		if (this.connection.isFinal || this.provider.wsconnected || this.provider.ws) return;
		this.#attempt = 0;
		this.#schedule(onlineDelay());
	};

	#onOffline = () => {
		this.connection.setOnline(false);
		// The socket may linger for half a minute before the browser notices; close it now.
		this.provider.ws?.close();
	};

	destroy(): void {
		this.#destroyed = true;
		this.#clearTimer();
		window.removeEventListener('online', this.#onOnline);
		window.removeEventListener('offline', this.#onOffline);
		this.presence.destroy();
		this.provider.awareness.setLocalState(null);
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

async function checkDocAccess(docName: string): Promise<AccessCheck> {
	const response = await fetch(`/api/doc-access/${encodeURIComponent(docName)}`, {
		headers: { accept: 'application/json' },
		cache: 'no-store'
	});
	if (response.status === 401) return 'signed-out';
	if (response.status === 403 || response.status === 404) return 'no-access';
	return response.ok ? 'ok' : 'unknown';
}
