import type * as Y from 'yjs';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Store } from './store/types.js';

/**
 * What a running Samtavla process shares between its SvelteKit handler and its collab server.
 *
 * The process entry (server/ in production, the Vite plugin in development) creates it once and
 * registers it here. SvelteKit's bundle holds its own copy of these modules, so the registry
 * lives on globalThis under a registered symbol: that is what makes it one per process.
 */
export interface LiveConnections {
	/** Closes the live sockets of a session (signed out, or expired). */
	closeSession(sessionId: string): void;
	/** Re-checks the live sockets of a user on a board after their role changed. */
	refreshMember(boardId: string, userId: string): Promise<void>;
	/**
	 * Re-checks every live socket on a meeting's two documents after its status or justering
	 * changed, on every instance; each is told its access again, so its page reloads what it shows.
	 */
	refreshMeeting(meetingId: string): Promise<void>;
	/** Re-checks every live socket on the board's documents, on every instance (after a purge: they close). */
	refreshBoard(boardId: string): Promise<void>;
}

/** The documents the collab server serves, as the app reads them (the protocol is rendered from them). */
export interface LiveDocs {
	/**
	 * A copy of a document as it stands now: the one in memory if this instance serves it (which
	 * holds what was typed a moment ago), else as stored. Changing the copy changes nothing.
	 */
	readDoc(name: string): Promise<Y.Doc>;
	/**
	 * Reads documents as they stand now without copying them: `read` is handed the documents named
	 * (the ones in memory if this instance serves them, else loaded as stored), in that order, runs
	 * at once and returns plain data; it must not change them nor keep them. A copy costs as much as
	 * loading the document (a long editing history: 100–400 ms of the server's one thread each), and
	 * the meeting page reads its meeting's document in several places (issue 13).
	 */
	readWith<T>(names: readonly string[], read: (docs: Y.Doc[]) => T): Promise<T>;
	/**
	 * Hands on now what this instance holds of a document and has not stored yet (updates wait up
	 * to COLLAB_FLUSH_MS); nothing when it does not serve the document. A reader of the stored log
	 * (the history panel) calls it first, so what was typed a moment ago is in what it reads. With
	 * Redis it reaches the shared stream; the document's writer stores it a moment later.
	 */
	storePending(name: string): Promise<void>;
}

/** Who a server-side change is stored as made by (null: the server itself). */
export interface ChangeAuthor {
	userId: string;
	agencyId: string;
}

/** The collab server's write path for the app (a restore, an erasure): see `changeDoc`. */
export interface LiveDocWriter {
	/**
	 * Applies `change` to a document as the collab server serves it: the copy in memory if this
	 * instance serves it (connected clients get the change at once, other instances through Redis),
	 * else loaded the normal way first. The change is stored like any update, as made by `author`,
	 * and handed to the document's sink before this resolves. All or nothing: if `change` throws,
	 * the document is left as it was and the error is rethrown. Throws DocumentSealedError for the
	 * documents of an adjusted meeting, DocumentNotFoundError for a name that serves nothing.
	 */
	changeDoc(name: string, author: ChangeAuthor | null, change: (doc: Y.Doc) => void): Promise<void>;
}

/** The meeting is adjusted: its documents are a sealed record and take no change, the server's neither. */
export class DocumentSealedError extends Error {
	constructor(readonly docName: string) {
		super(`${docName} belongs to an adjusted meeting: its documents are sealed and cannot be changed`);
		this.name = 'DocumentSealedError';
	}
}

/** No board or meeting has this document. */
export class DocumentNotFoundError extends Error {
	constructor(readonly docName: string) {
		super(`${docName} is not a document of any board or meeting`);
		this.name = 'DocumentNotFoundError';
	}
}

export interface Runtime {
	config: Config;
	store: Store;
	logger: Logger;
	live: LiveConnections & LiveDocs & LiveDocWriter;
}

const KEY = Symbol.for('samtavla.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function registerRuntime(runtime: Promise<Runtime>): void {
	(globalThis as Holder)[KEY] = runtime;
}

export function clearRuntime(): void {
	delete (globalThis as Holder)[KEY];
}

export function getRuntime(): Promise<Runtime> {
	const runtime = (globalThis as Holder)[KEY];
	if (!runtime) {
		throw new Error('Samtavla runtime not started: run the app with `npm start` or `npm run dev`.');
	}
	return runtime;
}
