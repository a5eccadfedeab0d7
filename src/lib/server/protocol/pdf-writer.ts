import type { TextRun } from '$lib/domain/protocol/protocol-model.js';
import { printable } from './printable.js';
import { FONT, fontCovers } from './pdf-fonts.js';

/**
 * Layout primitives for the tagged protocol PDF (pdf.ts says what goes in it). Every piece of
 * text is a structure element added to its parent in reading order, so the structure tree is
 * the reading order; decoration and footers are Artifacts, which screen readers skip.
 */
export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

/** What the embedded font can draw (printable.ts). */
const drawable = (text: string) => printable(text, fontCovers);
export const SIZE = { h1: 20, h2: 14, h3: 11.5, body: 10.5, small: 8.5 };
export const MARGIN = 56;
const INDENT = 18;
/** A heading moves to the next page when fewer than this many body lines would follow it. */
const KEEP_LINES = 3;

function fontFor(run: { bold: boolean; italic: boolean }): string {
	if (run.bold && run.italic) return FONT.boldItalic;
	if (run.bold) return FONT.bold;
	return run.italic ? FONT.italic : FONT.regular;
}

export const plainRun = (text: string, more: Partial<TextRun> = {}): TextRun => ({ text, bold: false, italic: false, href: null, ...more });

/** Draws into one document with a moving left edge (for lists and quotes). */
export class Writer {
	private left = MARGIN;

	constructor(readonly doc: Doc) {}

	private get width(): number {
		return this.doc.page.width - MARGIN - this.left;
	}

	private lineHeight(size: number): number {
		return this.doc.font(FONT.regular).fontSize(size).currentLineHeight(true) + 2;
	}

	/** Starts a new page unless `lines` body lines (plus `extra` points) fit below. */
	private keep(lines: number, extra = 0): void {
		if (this.doc.y + extra + lines * this.lineHeight(SIZE.body) > this.doc.page.maxY()) this.doc.addPage();
	}

	/**
	 * Runs drawn as one block of text with the given structure type. A run with a link is its own
	 * Link element inside the block: PDFKit then puts the link's annotations (one per line it
	 * covers) into that element (OBJR), so a screen reader announces the link with its words.
	 */
	block(parent: Struct, type: string, runs: TextRun[], size = SIZE.body, gapAfter = 4): void {
		const visible = runs.filter((r) => r.text !== '');
		if (visible.length === 0) return;
		const draw = (run: TextRun, i: number) => () => {
			const last = i === visible.length - 1;
			// A printed protocol keeps the address, not just the clickable words.
			const text = drawable(run.href && run.href !== run.text ? `${run.text} (${run.href})` : run.text);
			this.doc.font(fontFor(run)).fontSize(size).fillColor('black');
			const options = { width: this.width, continued: !last, link: run.href ?? undefined, underline: false };
			if (i === 0) this.doc.text(text, this.left, this.doc.y, options);
			else this.doc.text(text, options);
		};
		const children = visible.map((run, i) => (run.href ? this.doc.struct('Link', {}, draw(run, i)) : draw(run, i)));
		parent.add(this.doc.struct(type, {}, children));
		this.doc.y += gapAfter;
	}

	heading(parent: Struct, type: 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6', text: string): void {
		const size = type === 'H1' ? SIZE.h1 : type === 'H2' ? SIZE.h2 : SIZE.h3;
		if (type !== 'H1') {
			this.doc.y += type === 'H2' ? 10 : 4;
			this.keep(KEEP_LINES, this.doc.font(FONT.bold).fontSize(size).heightOfString(text, { width: this.width }));
		}
		this.block(parent, type, [plainRun(text, { bold: true })], size, type === 'H2' ? 6 : 3);
	}

	paragraph(parent: Struct, text: string, more: Partial<TextRun> = {}): void {
		this.block(parent, 'P', [plainRun(text, more)]);
	}

	/** "Label: value" with a bold label, as one paragraph. */
	field(parent: Struct, label: string, value: string): void {
		this.block(parent, 'P', [plainRun(`${label}: `, { bold: true }), plainRun(value)], SIZE.body, 2);
	}

	/** A list: each item gets an LI with its label (Lbl) and body (LBody) side by side. */
	list(parent: Struct, items: Array<{ label: string; body: (body: Struct) => void }>): void {
		const list = this.doc.struct('L');
		parent.add(list);
		for (const item of items) {
			this.keep(1);
			const li = this.doc.struct('LI');
			list.add(li);
			const top = this.doc.y;
			li.add(
				this.doc.struct('Lbl', {}, () => {
					this.doc.font(FONT.regular).fontSize(SIZE.body).text(item.label, this.left, top, { width: INDENT, lineBreak: false });
				})
			);
			this.doc.y = top;
			const body = this.doc.struct('LBody');
			li.add(body);
			this.indented(INDENT, () => item.body(body));
			body.end();
			li.end();
		}
		list.end();
	}

	private indented(by: number, draw: () => void): void {
		this.left += by;
		try {
			draw();
		} finally {
			this.left -= by;
		}
	}

	/** A quote set apart by indentation and a rule on its left (the rule is an Artifact). */
	quote(parent: Struct, type: 'BlockQuote' | 'Sect', text: string, signature: string): void {
		const quote = this.doc.struct(type);
		parent.add(quote);
		this.keep(2);
		const startPage = this.pageIndex();
		const startY = this.doc.y;
		this.indented(INDENT, () => {
			for (const para of text.trim().split(/\n\s*\n/)) this.paragraph(quote, para.trim());
			this.paragraph(quote, `— ${signature}`, { italic: true });
		});
		quote.end();
		this.rule(startPage, startY, this.doc.y - 4);
	}

	private pageIndex(): number {
		const range = this.doc.bufferedPageRange();
		return range.start + range.count - 1;
	}

	private rule(startPage: number, startY: number, endY: number): void {
		const endPage = this.pageIndex();
		for (let p = startPage; p <= endPage; p++) {
			this.doc.switchToPage(p);
			const top = p === startPage ? startY : this.doc.page.margins.top;
			const bottom = p === endPage ? endY : this.doc.page.maxY();
			this.doc.markContent('Artifact', { type: 'Layout' });
			this.doc.save().moveTo(MARGIN + 4, top).lineTo(MARGIN + 4, bottom).lineWidth(2).strokeColor('#888888').stroke().restore();
			this.doc.endMarkedContent();
		}
		this.doc.switchToPage(endPage);
	}

	/** "Sida n av m" on every page, as a pagination Artifact. */
	footers(pageOf: (page: string, pages: string) => string): void {
		const range = this.doc.bufferedPageRange();
		for (let i = range.start; i < range.start + range.count; i++) {
			this.doc.switchToPage(i);
			const page = this.doc.page;
			// Writing below the bottom margin would otherwise start a new page.
			const bottom = page.margins.bottom;
			page.margins.bottom = 0;
			this.doc.markContent('Artifact', { type: 'Pagination' });
			this.doc.font(FONT.regular).fontSize(SIZE.small).fillColor('#444444');
			this.doc.text(drawable(pageOf(String(i + 1), String(range.count))), MARGIN, page.height - MARGIN / 2 - SIZE.small, { width: page.width - 2 * MARGIN, align: 'center', lineBreak: false });
			this.doc.endMarkedContent();
			page.margins.bottom = bottom;
		}
	}
}
