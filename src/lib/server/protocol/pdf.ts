import PDFDocument from 'pdfkit';
import type { ExportLabels } from './export-labels.js';
import { isOmitted, reasonCategory, type MinutesBlock, type Protocol, type ProtocolAction, type ProtocolItem, type ProtocolPerson } from '$lib/domain/protocol/protocol-model.js';
import { MARGIN, SIZE, Writer, plainRun, type Struct } from './pdf-writer.js';
import { protocolDateTime } from '$lib/domain/protocol/when.js';
import { signature } from '$lib/domain/protocol/markdown.js';
import { decisionNote } from '$lib/domain/protocol/decision-lines.js';
import { carryLine } from '$lib/domain/protocol/carry-line.js';
import { PDF_HASH_KEY } from './pdf-hash.js';
import { registerFonts } from './pdf-fonts.js';
import type { PrintedAddendum } from '$lib/domain/addendum.js';

/**
 * The protocol as a tagged PDF (issue 10, point 8), drawn from the one canonical structure:
 * headings (H1 title, H2 per §, H3 for decisions/actions/perspectives), paragraphs, lists with
 * labels, perspectives as block quotes, the document's language and title; page numbers in the
 * footer. The layout primitives are in pdf-writer.ts.
 *
 * PDF/UA (ISO 14289-1) as far as PDFKit takes it: tagged, the structure in reading order, the
 * language, the title shown, PDF/UA identification in the XMP metadata, and every font embedded
 * (DejaVu Sans, pdf-fonts.ts; characters it lacks print as their base letter or "?", printable.ts).
 */
export type PdfLabels = ExportLabels;

export interface PdfOptions {
	/** The document title (shown in the reader's title bar). */
	title: string;
	/** BCP 47 language of the protocol itself (the board's). */
	lang: string;
	/** SHA-256 of the adjusted protocol, printed at its end when given. */
	hash?: string | null;
	/** For a draft: the line that says so at the top of the first page ("Utkast – inte justerat"). */
	draft?: string | null;
	/** Approved addenda, after the adjusted protocol and its hash (never part of what the hash covers). */
	addenda?: readonly PrintedAddendum[];
}

const person = (p: ProtocolPerson) => `${p.name} (${p.agencyName})`;

/** What goes into the PDF, in reading order. */
class ProtocolPdf {
	constructor(
		private readonly w: Writer,
		private readonly labels: PdfLabels
	) {}

	minutes(parent: Struct, blocks: MinutesBlock[]): void {
		const w = this.w;
		for (const block of blocks) {
			if (block.type === 'heading') {
				// The § is H2: the minutes' own headings go below it (as in the Markdown export).
				const level = Math.min(6, Math.max(3, block.level + 1));
				w.heading(parent, `H${level}` as 'H3', block.runs.map((r) => r.text).join(''));
			} else if (block.type === 'paragraph') w.block(parent, 'P', block.runs);
			else {
				const ordered = block.type === 'orderedList';
				w.list(
					parent,
					block.items.map((item, i) => ({ label: ordered ? `${i + 1}.` : '•', body: (body) => this.minutes(body, item) }))
				);
			}
		}
	}

	actions(parent: Struct, list: ProtocolAction[]): void {
		const l = this.labels;
		this.w.list(
			parent,
			list.map((a) => ({
				label: '–',
				body: (body) => {
					const responsible = a.agencyName + (a.assigneeName ? ` (${a.assigneeName})` : '');
					const due = a.dueDate ? ` — ${l.due}: ${a.dueDate}` : '';
					this.w.paragraph(body, `${a.title} — ${l.responsible}: ${responsible}${due}`);
				}
			}))
		);
	}

	item(parent: Struct, entry: ProtocolItem): void {
		const { w, labels: l } = this;
		const sect = w.doc.struct('Sect');
		parent.add(sect);
		w.heading(sect, 'H2', `${l.section(entry.number)} ${entry.title}`);
		if (entry.internal) w.paragraph(sect, l.internalItem(l.reasonCategory(reasonCategory(entry.internalReason))), { italic: true });
		if (entry.presenterAgency) w.paragraph(sect, `${l.presenter}: ${entry.presenterAgency}`, { italic: true });
		const carried = carryLine(entry, l);
		if (carried) w.paragraph(sect, carried, { italic: true });
		this.minutes(sect, entry.minutes);
		if (entry.decisions.length) {
			w.heading(sect, 'H3', l.decisions);
			// Labelled by hand: decisions keep their number within the meeting.
			w.list(
				sect,
				entry.decisions.map((d) => ({
					label: `${d.number}.`,
					body: (body) => {
						w.paragraph(body, d.text);
						const note = decisionNote(d, l);
						if (note) w.paragraph(body, note, { italic: true });
						for (const r of d.reservations ?? []) w.quote(body, 'BlockQuote', r.text, l.reservationBy(signature(r, l)));
					}
				}))
			);
		}
		if (entry.actions.length) {
			w.heading(sect, 'H3', l.actions);
			this.actions(sect, entry.actions);
		}
		if (entry.perspectives.length) {
			w.heading(sect, 'H3', l.perspectives);
			for (const p of entry.perspectives) w.quote(sect, 'BlockQuote', p.text, signature(p, l));
		}
		sect.end();
	}

	header(parent: Struct, protocol: Protocol): void {
		const { w, labels: l } = this;
		const h = protocol.header;
		w.heading(parent, 'H1', h.meetingTitle);
		w.paragraph(parent, h.boardName);
		w.doc.y += 4;
		w.field(parent, l.dateTime, protocolDateTime(h.startsAt, h.timeZone, l.locale));
		if (h.place) w.field(parent, l.place, h.place);
		if (h.chair) w.field(parent, l.chair, person(h.chair));
		if (h.secretary) w.field(parent, l.secretary, person(h.secretary));
		if (h.adjusters.length) w.field(parent, l.adjusters, h.adjusters.map(person).join(', '));
		if (h.present.length) {
			w.field(parent, l.present, '');
			w.list(
				parent,
				h.present.map((group) => ({
					label: '–',
					body: (body) => {
						const names = group.people.map((p) => p.name + (p.how ? ` (${l.how[p.how]})` : ''));
						w.paragraph(body, `${group.agencyName}: ${names.join(', ')}`);
					}
				}))
			);
		}
		if (h.absent.length) w.field(parent, l.absent, h.absent.map(person).join(', '));
		if (h.excused.length) w.field(parent, l.excused, h.excused.map(person).join(', '));
		if (h.guests.length) w.field(parent, l.guests, h.guests.map((g) => person({ name: g.name, agencyName: g.agency })).join(', '));
	}

	write(root: Struct, protocol: Protocol, hash: string | null, draft: string | null = null): void {
		const { w, labels } = this;
		// A draft says so on paper too, above everything else, not only in the title bar.
		if (draft) {
			w.paragraph(root, draft, { bold: true });
			w.doc.y += 6;
		}
		this.header(root, protocol);
		for (const entry of protocol.items) {
			if (isOmitted(entry)) {
				const section = labels.section(entry.number);
				w.heading(root, 'H2', section);
				w.paragraph(root, labels.omittedItem(section, labels.reasonCategory(entry.reasonCategory)), { italic: true });
			} else this.item(root, entry);
		}
		if (protocol.meetingActions.length) {
			w.heading(root, 'H2', labels.meetingActions);
			this.actions(root, protocol.meetingActions);
		}
		if (protocol.notes.length) {
			w.heading(root, 'H2', labels.notes);
			this.minutes(root, protocol.notes);
		}
		if (protocol.summaries.length) {
			w.heading(root, 'H2', labels.summaries);
			for (const s of protocol.summaries) w.quote(root, 'Sect', s.text, signature(s, labels));
		}
		if (hash) {
			w.doc.y += 12;
			w.block(root, 'P', [plainRun(labels.hashLine(hash))], SIZE.small);
		}
	}

	/** Each approved addendum: its number, text, when it was approved and its own hash line. */
	addenda(root: Struct, addenda: readonly PrintedAddendum[], timeZone: string): void {
		if (!addenda.length) return;
		const { w, labels } = this;
		w.doc.y += 12;
		const sect = w.doc.struct('Sect');
		root.add(sect);
		w.heading(sect, 'H2', labels.addenda);
		for (const a of addenda) {
			w.heading(sect, 'H3', labels.addendumNumber(a.number));
			w.paragraph(sect, a.text);
			w.paragraph(sect, labels.addendumApproved(protocolDateTime(a.approvedAt, timeZone, labels.locale)), { italic: true });
			w.block(sect, 'P', [plainRun(labels.hashLine(a.hash))], SIZE.small);
		}
		sect.end();
	}
}

export function protocolToPdf(protocol: Protocol, labels: PdfLabels, options: PdfOptions): Promise<Uint8Array> {
	// The hash also goes into the document information, where /verify reads it back from an
	// uploaded file (pdf-hash.ts); PDFKit writes that dictionary uncompressed.
	const info: PDFKit.DocumentInfo & Record<string, string | Date> = { Title: options.title };
	if (options.hash) info[PDF_HASH_KEY] = options.hash;
	const doc = new PDFDocument({
		subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
		// No built-in default font: PDF/UA allows no font that is not embedded (pdf-fonts.ts).
		font: null as unknown as string,
		tagged: true,
		lang: options.lang,
		displayTitle: true,
		pdfVersion: '1.7',
		size: 'A4',
		margin: MARGIN,
		// Kept in memory until the end, so that every footer can say how many pages there are.
		bufferPages: true,
		info
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});

	registerFonts(doc);
	const w = new Writer(doc);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const pdf = new ProtocolPdf(w, labels);
	pdf.write(root, protocol, options.hash ?? null, options.draft ?? null);
	pdf.addenda(root, options.addenda ?? [], protocol.header.timeZone);
	root.end();
	w.footers(labels.pageOf);
	doc.end();
	return done;
}
