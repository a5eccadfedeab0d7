/**
 * The adjusted protocol's hash inside a PDF made by `protocolToPdf` (issue 10, point 5): it is
 * written as a custom key of the document information dictionary, which PDFKit writes as plain
 * text (each value its own uncompressed indirect object), so /verify can read it back from an
 * uploaded file without a PDF library. A PDF without it (another program's, or one saved again by
 * a program that dropped the key) yields null: it cannot be checked.
 */
export const PDF_HASH_KEY = 'SamtavlaHash';

export { MAX_VERIFY_PDF_BYTES as MAX_PDF_BYTES } from '../../domain/publication.js';

const HASH = /^[0-9a-f]{64}$/;

/** A PDF literal string `( … )` or hex string `< … >` as text (only the forms a hash can take). */
function pdfString(token: string): string | null {
	const literal = /^\(([^()\\]*)\)$/.exec(token);
	if (literal) return literal[1];
	const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(token);
	if (!hex) return null;
	const digits = hex[1].replace(/\s+/g, '');
	if (digits.length % 2) return null;
	let text = '';
	for (let i = 0; i < digits.length; i += 2) text += String.fromCharCode(parseInt(digits.slice(i, i + 2), 16));
	return text;
}

/** Whether the bytes start like a PDF file (`%PDF-`), within the first kilobyte as readers allow. */
export function looksLikePdf(bytes: Uint8Array): boolean {
	const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
	return head.includes('%PDF-');
}

/**
 * The lowercase SHA-256 hex stored under `PDF_HASH_KEY`, or null when the PDF carries none (or
 * something that is not a hash). The last occurrence wins, as a later incremental update would.
 */
export function hashFromPdf(bytes: Uint8Array): string | null {
	if (!looksLikePdf(bytes)) return null;
	const text = Buffer.from(bytes).toString('latin1');
	const key = new RegExp(`/${PDF_HASH_KEY}\\s*(\\d+\\s+\\d+\\s+R|\\([^()\\\\]*\\)|<[0-9A-Fa-f\\s]*>)`, 'g');
	let value: string | null = null;
	for (const match of text.matchAll(key)) {
		const token = match[1];
		const ref = /^(\d+)\s+(\d+)\s+R$/.exec(token);
		if (!ref) {
			value = pdfString(token);
			continue;
		}
		const object = new RegExp(`(?:^|[\\s>])${ref[1]}\\s+${ref[2]}\\s+obj\\s*(\\([^()\\\\]*\\)|<[0-9A-Fa-f\\s]*>)\\s*endobj`, 'g');
		let found: string | null = null;
		for (const o of text.matchAll(object)) found = pdfString(o[1]);
		value = found;
	}
	if (value === null) return null;
	const hash = value.trim().toLowerCase();
	return HASH.test(hash) ? hash : null;
}
