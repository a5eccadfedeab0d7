import PDFDocument from 'pdfkit';
import type { ProtocolLabels } from '$lib/domain/protocol/markdown.js';
import { isOmitted, type MinutesBlock, type Protocol, type ProtocolAction, type ProtocolItem, type ProtocolPerson, type TextRun } from '$lib/domain/protocol/protocol-model.js';

/**
 * The protocol as a tagged PDF (issue 10, point 8), drawn from the one canonical structure.
 * Every piece of text is a structure element (H1/H2/H3, P, L/LI/Lbl/LBody, BlockQuote) added in
 * reading order; footers and decoration are Artifacts, so screen readers skip them.
 *
 * Fonts: PDFKit's built-in Helvetica (WinAnsi) covers Swedish and Danish (å ä ö æ ø é ü, § – —)
 * and needs no font file on the machine. It is not embedded, so the file cannot claim PDF/UA;
 * letters outside WinAnsi (e.g. ł, Arabic) would need an embedded TTF.
 */
export interface PdfLabels extends ProtocolLabels {
	/** Footer, e.g. "Sida 2 av 5". */
	pageOf: (page: number, pages: number) => string;
	/** The line that prints the protocol's SHA-256, e.g. "Kontrollsumma (SHA-256): …". */
	hashLine: (hash: string) => string;
}

export interface PdfOptions {
	/** The document title (shown in the reader's title bar). */
	title: string;
	/** BCP 47 language of the protocol itself (the board's). */
	lang: string;
	/** SHA-256 of the adjusted protocol, printed at its end when given. */
	hash?: string | null;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique' };
const SIZE = { h1: 20, h2: 14, h3: 11.5, body: 10.5, small: 8.5 };
const MARGIN = 56;
const INDENT = 18;
/** A heading moves to the next page when fewer than this many body lines would follow it. */
const KEEP_LINES = 3;

function fontFor(run: { bold: boolean; italic: boolean }): string {
	if (run.bold && run.italic) return FONT.boldItalic;
	if (run.bold) return FONT.bold;
	return run.italic ? FONT.italic : FONT.regular;
}

function dateTime(iso: string, timeZone: string, locale: string): string {
	if (iso === '') return '';
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
	} catch {
		return iso;
	}
}

const person = (p: ProtocolPerson) => `${p.name} (${p.agencyName})`;
const plainRun = (text: string, more: Partial<TextRun> = {}): TextRun => ({ text, bold: false, italic: false, href: null, ...more });

/** Draws into one document with a moving left edge (for lists and quotes). */
class Writer {
	private left = MARGIN;

	constructor(
		readonly doc: Doc,
		private readonly labels: PdfLabels
	) {}

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

	/** Runs drawn as one block of text with the given structure type. */
	block(parent: Struct, type: string, runs: TextRun[], size = SIZE.body, gapAfter = 4): void {
		const visible = runs.filter((r) => r.text !== '');
		if (visible.length === 0) return;
		parent.add(
			this.doc.struct(type, {}, () => {
				visible.forEach((run, i) => {
					const last = i === visible.length - 1;
					let text = run.text;
					// A printed protocol keeps the address, not just the clickable words.
					if (run.href && run.href !== run.text) text += ` (${run.href})`;
					this.doc.font(fontFor(run)).fontSize(size).fillColor('black');
					const options = { width: this.width, continued: !last, link: run.href ?? undefined, underline: false };
					if (i === 0) this.doc.text(text, this.left, this.doc.y, options);
					else this.doc.text(text, options);
				});
			})
		);
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
	list(parent: Struct, items: Array<{ label: string; body: () => void }>): void {
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
			this.indented(INDENT, () => {
				this.currentParent = body;
				item.body();
			});
			body.end();
			li.end();
		}
		list.end();
	}

	/** Where list bodies add their content (set while a body is drawn). */
	currentParent: Struct | null = null;

	private indented(by: number, draw: () => void): void {
		const saved = this.currentParent;
		this.left += by;
		try {
			draw();
		} finally {
			this.left -= by;
			this.currentParent = saved;
		}
	}

	minutes(parent: Struct, blocks: MinutesBlock[]): void {
		for (const block of blocks) {
			if (block.type === 'heading') {
				const level = Math.min(6, Math.max(3, block.level + 1));
				this.heading(parent, `H${level}` as 'H3', block.runs.map((r) => r.text).join(''));
			} else if (block.type === 'paragraph') this.block(parent, 'P', block.runs);
			else {
				const ordered = block.type === 'orderedList';
				this.list(
					parent,
					block.items.map((item, i) => ({ label: ordered ? `${i + 1}.` : '•', body: () => this.minutes(this.currentParent!, item) }))
				);
			}
		}
	}

	actions(parent: Struct, list: ProtocolAction[]): void {
		const l = this.labels;
		this.list(
			parent,
			list.map((a) => ({
				label: '–',
				body: () => {
					const responsible = a.agencyName + (a.assigneeName ? ` (${a.assigneeName})` : '');
					const due = a.dueDate ? ` — ${l.due}: ${a.dueDate}` : '';
					this.paragraph(this.currentParent!, `${a.title} — ${l.responsible}: ${responsible}${due}`);
				}
			}))
		);
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

	item(parent: Struct, entry: ProtocolItem): void {
		const l = this.labels;
		const sect = this.doc.struct('Sect');
		parent.add(sect);
		this.heading(sect, 'H2', `${l.section(entry.number)} ${entry.title}`);
		if (entry.presenterAgency) this.paragraph(sect, `${l.presenter}: ${entry.presenterAgency}`, { italic: true });
		this.minutes(sect, entry.minutes);
		if (entry.decisions.length) {
			this.heading(sect, 'H3', l.decisions);
			this.list(
				sect,
				entry.decisions.map((d) => ({ label: `${d.number}.`, body: () => this.paragraph(this.currentParent!, d.text) }))
			);
		}
		if (entry.actions.length) {
			this.heading(sect, 'H3', l.actions);
			this.actions(sect, entry.actions);
		}
		if (entry.perspectives.length) {
			this.heading(sect, 'H3', l.perspectives);
			for (const p of entry.perspectives) this.quote(sect, 'BlockQuote', p.text, `${p.authorName}, ${p.agencyName}`);
		}
		sect.end();
	}

	header(parent: Struct, protocol: Protocol): void {
		const h = protocol.header;
		const l = this.labels;
		this.heading(parent, 'H1', h.meetingTitle);
		this.paragraph(parent, h.boardName);
		this.doc.y += 4;
		this.field(parent, l.dateTime, dateTime(h.startsAt, h.timeZone, l.locale));
		if (h.place) this.field(parent, l.place, h.place);
		if (h.chair) this.field(parent, l.chair, person(h.chair));
		if (h.secretary) this.field(parent, l.secretary, person(h.secretary));
		if (h.adjusters.length) this.field(parent, l.adjusters, h.adjusters.map(person).join(', '));
		if (h.present.length) {
			this.field(parent, l.present, '');
			this.list(
				parent,
				h.present.map((group) => ({
					label: '–',
					body: () => {
						const names = group.people.map((p) => p.name + (p.how ? ` (${l.attendanceHow(p.how)})` : ''));
						this.paragraph(this.currentParent!, `${group.agencyName}: ${names.join(', ')}`);
					}
				}))
			);
		}
		if (h.absent.length) this.field(parent, l.absent, h.absent.map(person).join(', '));
		if (h.excused.length) this.field(parent, l.excused, h.excused.map(person).join(', '));
		if (h.guests.length) this.field(parent, l.guests, h.guests.map((g) => person({ name: g.name, agencyName: g.agency })).join(', '));
	}

	/** "Sida n av m" on every page, as a pagination Artifact. */
	footers(): void {
		const range = this.doc.bufferedPageRange();
		for (let i = range.start; i < range.start + range.count; i++) {
			this.doc.switchToPage(i);
			const page = this.doc.page;
			// Writing below the bottom margin would otherwise start a new page.
			const bottom = page.margins.bottom;
			page.margins.bottom = 0;
			this.doc.markContent('Artifact', { type: 'Pagination' });
			this.doc.font(FONT.regular).fontSize(SIZE.small).fillColor('#444444');
			this.doc.text(this.labels.pageOf(i + 1, range.count), MARGIN, page.height - MARGIN / 2 - SIZE.small, { width: page.width - 2 * MARGIN, align: 'center', lineBreak: false });
			this.doc.endMarkedContent();
			page.margins.bottom = bottom;
		}
	}
}

export function protocolToPdf(protocol: Protocol, labels: PdfLabels, options: PdfOptions): Promise<Uint8Array> {
	const doc = new PDFDocument({
		tagged: true,
		lang: options.lang,
		displayTitle: true,
		pdfVersion: '1.7',
		size: 'A4',
		margin: MARGIN,
		bufferPages: true,
		info: { Title: options.title }
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});

	const w = new Writer(doc, labels);
	const root = doc.struct('Document');
	doc.addStructure(root);
	w.header(root, protocol);
	for (const entry of protocol.items) {
		if (isOmitted(entry)) {
			const section = labels.section(entry.number);
			w.heading(root, 'H2', section);
			w.paragraph(root, labels.omittedItem(section, labels.reasonCategory(entry.reasonCategory)), { italic: true });
		} else w.item(root, entry);
	}
	if (protocol.meetingActions.length) {
		w.heading(root, 'H2', labels.meetingActions);
		w.actions(root, protocol.meetingActions);
	}
	if (protocol.notes.length) {
		w.heading(root, 'H2', labels.notes);
		w.minutes(root, protocol.notes);
	}
	if (protocol.summaries.length) {
		w.heading(root, 'H2', labels.summaries);
		for (const s of protocol.summaries) w.quote(root, 'Sect', s.text, `${s.authorName}, ${s.agencyName}`);
	}
	if (options.hash) {
		doc.y += 12;
		w.block(root, 'P', [plainRun(labels.hashLine(options.hash))], SIZE.small);
	}
	root.end();
	w.footers();
	doc.end();
	return done;
}
