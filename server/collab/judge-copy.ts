import * as Y from 'yjs';
import { copyOf } from '../../src/lib/domain/doc-copy.js';

/**
 * The copy of a document that the write policy tries updates on (voices, board voices and
 * comments are judged by what an update would change: write-policy.ts). It is kept between
 * updates and fed every update the document takes, instead of copying the whole document for
 * each update (an encode and an apply of everything, per keystroke).
 *
 * An update the policy allows stays in the copy and then goes into the document, so the two stay
 * equal (the document's own update event feeds it again; applying an update twice changes
 * nothing). An update it refuses, or one that fails, leaves the copy ahead of the document: the
 * copy is dropped and made afresh at the next judgement. Made only when first needed, so
 * documents that are not judged never hold one.
 */
export class JudgeCopy {
	#copy: Y.Doc | null = null;

	constructor(private readonly doc: Y.Doc) {}

	/** The copy, equal to the document now. */
	get(): Y.Doc {
		return (this.#copy ??= copyOf(this.doc));
	}

	/** The document took `update`: so does the copy, if there is one. */
	follow(update: Uint8Array): void {
		if (!this.#copy) return;
		try {
			Y.applyUpdate(this.#copy, update);
		} catch {
			this.drop(); // made afresh when next needed
		}
	}

	/** The copy holds something the document does not (a refused update): forget it. */
	drop(): void {
		this.#copy?.destroy();
		this.#copy = null;
	}
}
