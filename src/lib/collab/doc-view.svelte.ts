import type * as Y from 'yjs';

/**
 * A read-only snapshot of a Y.Doc as runes state, re-read after every transaction (local or
 * remote). The document layout functions in `$lib/domain` do the reading, so the UI never walks
 * Yjs types itself. Typing in a minutes editor is a transaction too: the snapshot is compared by
 * value and only replaced when it changed, so keyed lists do not re-render on every keystroke.
 */
export class DocView<T> {
	#value = $state.raw<T>() as T;
	#key = '';
	#doc: Y.Doc;
	#read: (doc: Y.Doc) => T;
	#onTransaction = () => this.refresh();

	constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
		this.#doc = doc;
		this.#read = read;
		this.refresh();
		doc.on('afterTransaction', this.#onTransaction);
	}

	get value(): T {
		return this.#value;
	}

	refresh(): void {
		let next: T;
		try {
			next = this.#read(this.#doc);
		} catch {
			// A half-synced entry (e.g. an item whose fields arrive in a later update): keep the last view.
			return;
		}
		const key = JSON.stringify(next);
		if (key === this.#key) return;
		this.#key = key;
		this.#value = next;
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#onTransaction);
	}
}
