import { m } from '$lib/paraglide/messages.js';
import { protocolLabels } from '$lib/i18n/protocol-labels';
import type { BoardLanguage } from '$lib/domain/board-language';
import type { ProtocolLabels } from '$lib/domain/protocol/markdown';
import type { ExportLabels } from './export-labels.js';
import type { PdfLabels } from './pdf.js';
import type { DocxLabels } from './docx.js';

/**
 * The protocol's labels for the exports, in the board's language (never the reader's): the
 * Markdown labels are the screen's (protocol-labels.ts), PDF and Word add the page footer and
 * the hash line with its verification address.
 */
export { protocolLabels };

export function exportLabels(language: BoardLanguage, verifyAddress: (hash: string) => string): ExportLabels {
	const o = { locale: language };
	return {
		...protocolLabels(language),
		pageOf: (page, pages) => m.prot_page_of({ page, pages }, o),
		hashLine: (hash) => m.prot_hash_line({ hash, address: verifyAddress(hash) }, o)
	};
}

export const pdfLabels = (language: BoardLanguage, verifyAddress: (hash: string) => string): PdfLabels => exportLabels(language, verifyAddress);
export const docxLabels = (language: BoardLanguage, verifyAddress: (hash: string) => string): DocxLabels => exportLabels(language, verifyAddress);
export type { ProtocolLabels };
