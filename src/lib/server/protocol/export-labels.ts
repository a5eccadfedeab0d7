import type { ProtocolLabels } from '$lib/domain/protocol/markdown.js';

/**
 * What the paged exports (PDF and Word) print beyond the protocol's own labels; one shape for
 * both, so one set of messages serves them (labels.ts).
 */
export interface ExportLabels extends ProtocolLabels {
	/**
	 * The footer, e.g. "Sida 2 av 5". The PDF passes the numbers; Word passes placeholders and
	 * puts its page fields where they land, so the words may come in any order around them.
	 */
	pageOf: (page: string, pages: string) => string;
	/** The closing line that carries the protocol's SHA-256 (and where to verify it). */
	hashLine: (hash: string) => string;
}
