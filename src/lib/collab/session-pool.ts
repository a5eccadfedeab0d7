import type { LiveSession, OpenSession, SessionOptions } from './live-session';

interface Entry {
	session: LiveSession;
	refs: number;
	closing: ReturnType<typeof setTimeout> | null;
}

export interface SessionHandle {
	session: LiveSession;
	/** Lets go of the session; the last release closes it (idempotent). */
	release: () => void;
}

/**
 * The page's live documents, one session per (person, document) however many rooms ask for it:
 * the meeting page and its actions both need `board:<id>`, and two sessions would mean two
 * websockets, two IndexedDB copies and two presence entries. The last release closes a session
 * after a short delay, so a room re-created in the same update keeps the connection.
 */
export class SessionPool {
	#open: OpenSession;
	#closeDelay: number;
	#entries = new Map<string, Entry>();

	constructor(open: OpenSession, closeDelay = 50) {
		this.#open = open;
		this.#closeDelay = closeDelay;
	}

	acquire(options: SessionOptions): SessionHandle {
		const key = `${options.user.id}:${options.docName}`;
		let entry = this.#entries.get(key);
		if (!entry) {
			entry = { session: this.#open(options), refs: 0, closing: null };
			this.#entries.set(key, entry);
		}
		if (entry.closing) {
			clearTimeout(entry.closing);
			entry.closing = null;
		}
		entry.refs++;
		const current = entry;
		let released = false;
		return {
			session: current.session,
			release: () => {
				if (released) return;
				released = true;
				current.refs--;
				if (current.refs > 0) return;
				const close = () => {
					if (current.refs > 0 || this.#entries.get(key) !== current) return;
					this.#entries.delete(key);
					current.session.destroy();
				};
				if (this.#closeDelay <= 0) close();
				else current.closing = setTimeout(close, this.#closeDelay);
			}
		};
	}

	/** How many sessions are open (for specs). */
	get size(): number {
		return this.#entries.size;
	}
}
