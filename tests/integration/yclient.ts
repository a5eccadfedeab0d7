import WebSocket from 'ws';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../../src/lib/domain/collab-protocol';

/** A ws WebSocket that sends the session cookie (and optionally an Origin) like a browser would. */
export function cookieSocket(cookie: string, origin?: string) {
	return class extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie, ...(origin ? { origin } : {}) } });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: Array<{ code: number; reason: string }>;
	permissionDenied: string[];
	/** Samtavla's membership frames: [role, access] each time the server says the role changed. */
	memberships: Array<[string, string]>;
	destroy(): void;
}

/** A stock y-websocket client, as any Yjs app would use it (BroadcastChannel off: one process). */
export function connectClient(baseUrl: string, docName: string, cookie: string, origin?: string): TestClient {
	const doc = new Y.Doc();
	const closes: TestClient['closes'] = [];
	const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', docName, doc, {
		WebSocketPolyfill: cookieSocket(cookie, origin) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const permissionDenied: string[] = [];
	const memberships: Array<[string, string]> = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	// y-websocket only logs "permission denied"; record it instead, as the app's client does.
	provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
		authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => permissionDenied.push(reason));
	};
	provider.messageHandlers[MessageType.membership] = (_encoder, decoder) => {
		memberships.push([decoding.readVarString(decoder), decoding.readVarString(decoder)]);
	};
	return {
		doc,
		provider,
		closes,
		permissionDenied,
		memberships,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(client: TestClient, timeoutMs = 10_000): Promise<void> {
	if (client.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('client did not sync')), timeoutMs);
		client.provider.once('sync', (isSynced: boolean) => {
			if (isSynced) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
}

/**
 * Polls until `check` holds (state that arrives over the network), failing after a timeout. An
 * assertion like any other (a test that ends in one passes `requireAssertions`).
 */
/**
 * The minutes of a server's live document as plain text (the tests' own layout), read from a copy:
 * the server's readers (the search projection) define 'minutes' on the live document as the rich
 * text it is in the app, after which asking it for plain text throws. Null when not loaded.
 */
export function serverMinutes(doc: Y.Doc | undefined): string | null {
	if (!doc) return null;
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const text = copy.getText('minutes').toString();
	copy.destroy();
	return text;
}

export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
	await expect.poll(check, { timeout: timeoutMs, interval: 20, message: `timed out waiting for: ${what}` }).toBe(true);
}

/** Opens a raw websocket and resolves with the HTTP status of a refused upgrade, or 101. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('error', (error) => reject(error));
	});
}
