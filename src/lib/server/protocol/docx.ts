import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	Footer,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	TextRun,
	type ParagraphChild
} from 'docx';
import type { ExportLabels } from './export-labels.js';
import { isOmitted, reasonCategory, type MinutesBlock, type Protocol, type ProtocolAction, type ProtocolItem, type ProtocolPerson, type TextRun as ProtocolRun } from '$lib/domain/protocol/protocol-model.js';
import { LIST_INDENT, ListNumbering } from './docx-lists.js';
import { protocolDateTime } from '$lib/domain/protocol/when.js';
import { signature } from '$lib/domain/protocol/markdown.js';
import { decisionNote } from '$lib/domain/protocol/decision-lines.js';
import { carryLine } from '$lib/domain/protocol/carry-line.js';
import type { PrintedAddendum } from '$lib/domain/addendum.js';

/**
 * The protocol as a Word document (issue 10, point 8), written from the one canonical structure
 * with the same labels as the Markdown export. Real Word structure, so that it reads well in
 * Word and LibreOffice and to a screen reader: built-in Title and Heading styles, real numbered
 * lists (decisions keep their number within the meeting), hyperlinks, perspectives in the
 * built-in Quote style, the document language and title, page numbers in the footer.
 */
export type DocxLabels = ExportLabels;

export interface DocxOptions {
	/** The document title (core properties), e.g. "Protokoll – Ledningsgruppens möte i november". */
	title: string;
	/** The protocol's language as a BCP 47 tag: sv-SE, da-DK or en-GB (the board's language). */
	lang: string;
	/** The adjusted protocol's SHA-256 (hex), when there is one. */
	hash?: string | null;
	/** For a draft: the line that says so at the top of the first page ("Utkast – inte justerat"). */
	draft?: string | null;
	/** Approved addenda, after the adjusted protocol and its hash (never part of what the hash covers). */
	addenda?: readonly PrintedAddendum[];
}

/** Characters XML 1.0 cannot carry (controls, lone surrogates): they would make the file unreadable. */
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const;

/** One run per line: a newline in what someone wrote becomes a line break in the same paragraph. */
function textRuns(text: string, format: { bold?: boolean; italics?: boolean; style?: string } = {}): TextRun[] {
	return clean(text)
		.split('\n')
		.map((line, i) => new TextRun({ ...format, text: line, break: i > 0 ? 1 : undefined }));
}

function inline(runs: ProtocolRun[]): ParagraphChild[] {
	return runs.flatMap((run): ParagraphChild[] => {
		const format = { bold: run.bold || undefined, italics: run.italic || undefined };
		if (!run.href) return textRuns(run.text, format);
		return [new ExternalHyperlink({ link: clean(run.href), children: textRuns(run.text, { ...format, style: 'Hyperlink' }) })];
	});
}

/** A person's own multi-line text: paragraphs at blank lines, single newlines kept as breaks. */
const paragraphsOf = (text: string) =>
	text
		.trim()
		.split(/\n\s*\n/)
		.map((p) => p.trim());

const heading = (text: string, level: number) => new Paragraph({ heading: HEADINGS[level - 1], keepNext: true, children: textRuns(text) });

const labelled = (label: string, value: string) =>
	new Paragraph({ children: [new TextRun({ text: `${clean(label)}: `, bold: true }), ...textRuns(value)] });

const person = (p: ProtocolPerson) => `${p.name} (${p.agencyName})`;

/** Writes the body paragraph by paragraph; lists get their numbering from `lists`. */
class Writer {
	readonly out: Paragraph[] = [];
	readonly lists = new ListNumbering();

	constructor(private readonly labels: DocxLabels) {}

	push(...paragraphs: Paragraph[]) {
		this.out.push(...paragraphs);
	}

	/** The minutes' own headings sit below the § (Heading 1) and its parts (Heading 2). */
	blocks(list: MinutesBlock[], depth = 0) {
		for (const block of list) {
			if (block.type === 'heading') {
				if (depth > 0) this.push(new Paragraph({ indent: { left: LIST_INDENT * depth }, children: inline(block.runs.map((r) => ({ ...r, bold: true }))) }));
				else this.push(new Paragraph({ heading: HEADINGS[Math.min(5, Math.max(2, block.level)) - 1], keepNext: true, children: inline(block.runs) }));
			} else if (block.type === 'paragraph') {
				this.push(new Paragraph({ indent: depth > 0 ? { left: LIST_INDENT * depth } : undefined, children: inline(block.runs) }));
			} else {
				const reference = this.lists.newList(block.type === 'orderedList' ? 'decimal' : 'bullet');
				for (const item of block.items) this.listItem(item, reference, depth);
			}
		}
	}

	/** The item's first paragraph carries the number or bullet; the rest are indented under it. */
	private listItem(item: MinutesBlock[], reference: string, depth: number) {
		const [first, ...rest] = item;
		if (first && 'runs' in first) {
			this.push(new Paragraph({ numbering: { reference, level: Math.min(depth, 8) }, children: inline(first.runs) }));
			this.blocks(rest, depth + 1);
		} else {
			this.push(new Paragraph({ numbering: { reference, level: Math.min(depth, 8) }, children: [] }));
			this.blocks(item, depth + 1);
		}
	}

	actions(list: ProtocolAction[]) {
		const reference = this.lists.newList('bullet');
		for (const a of list) {
			const responsible = a.agencyName + (a.assigneeName ? ` (${a.assigneeName})` : '');
			const due = a.dueDate ? ` — ${this.labels.due}: ${a.dueDate}` : '';
			this.push(new Paragraph({ numbering: { reference, level: 0 }, children: textRuns(`${a.title} — ${this.labels.responsible}: ${responsible}${due}`) }));
		}
	}

	header(protocol: Protocol) {
		const { labels } = this;
		const h = protocol.header;
		this.push(new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(h.meetingTitle) }));
		this.push(new Paragraph({ children: textRuns(h.boardName) }));
		this.push(labelled(labels.dateTime, protocolDateTime(h.startsAt, h.timeZone, labels.locale)));
		if (h.place) this.push(labelled(labels.place, h.place));
		if (h.chair) this.push(labelled(labels.chair, person(h.chair)));
		if (h.secretary) this.push(labelled(labels.secretary, person(h.secretary)));
		if (h.adjusters.length) this.push(labelled(labels.adjusters, h.adjusters.map(person).join(', ')));
		if (h.present.length) {
			this.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: `${clean(labels.present)}:`, bold: true })] }));
			const reference = this.lists.newList('bullet');
			for (const group of h.present) {
				const names = group.people.map((p) => p.name + (p.how ? ` (${labels.how[p.how]})` : ''));
				this.push(new Paragraph({ numbering: { reference, level: 0 }, children: textRuns(`${group.agencyName}: ${names.join(', ')}`) }));
			}
		}
		if (h.absent.length) this.push(labelled(labels.absent, h.absent.map(person).join(', ')));
		if (h.excused.length) this.push(labelled(labels.excused, h.excused.map(person).join(', ')));
		if (h.guests.length) this.push(labelled(labels.guests, h.guests.map((g) => person({ name: g.name, agencyName: g.agency })).join(', ')));
	}

	item(entry: ProtocolItem) {
		const { labels } = this;
		this.push(heading(`${labels.section(entry.number)} ${entry.title}`, 1));
		if (entry.internal) this.push(new Paragraph({ children: textRuns(labels.internalItem(labels.reasonCategory(reasonCategory(entry.internalReason))), { italics: true }) }));
		if (entry.presenterAgency) this.push(new Paragraph({ children: textRuns(`${labels.presenter}: ${entry.presenterAgency}`, { italics: true }) }));
		const carried = carryLine(entry, labels);
		if (carried) this.push(new Paragraph({ children: textRuns(carried, { italics: true }) }));
		this.blocks(entry.minutes);
		if (entry.decisions.length) {
			this.push(heading(labels.decisions, 2));
			// One list per §, starting at its first decision's number within the meeting.
			const reference = this.lists.newList('decimal', entry.decisions[0].number);
			for (const d of entry.decisions) {
				const [first, ...more] = paragraphsOf(d.text);
				this.push(new Paragraph({ numbering: { reference, level: 0 }, children: textRuns(first ?? '') }));
				for (const p of more) this.push(new Paragraph({ indent: { left: LIST_INDENT }, children: textRuns(p) }));
				const note = decisionNote(d, labels);
				if (note) this.push(new Paragraph({ indent: { left: LIST_INDENT }, children: textRuns(note, { italics: true }) }));
				for (const r of d.reservations ?? []) {
					this.push(new Paragraph({ style: 'Quote', indent: { left: LIST_INDENT }, children: textRuns(`${labels.reservationBy(signature(r, labels))}:`, { bold: true }) }));
					for (const text of paragraphsOf(r.text)) this.push(new Paragraph({ style: 'Quote', indent: { left: LIST_INDENT }, children: textRuns(text) }));
				}
			}
		}
		if (entry.actions.length) {
			this.push(heading(labels.actions, 2));
			this.actions(entry.actions);
		}
		if (entry.perspectives.length) {
			this.push(heading(labels.perspectives, 2));
			for (const p of entry.perspectives) {
				for (const text of paragraphsOf(p.text)) this.push(new Paragraph({ style: 'Quote', children: textRuns(text) }));
				this.push(new Paragraph({ style: 'Quote', alignment: AlignmentType.RIGHT, children: textRuns(`— ${signature(p, labels)}`) }));
			}
		}
	}

	protocol(protocol: Protocol, hash: string | null, draft: string | null = null) {
		const { labels } = this;
		// A draft says so in the text too, above everything else, not only in the title.
		if (draft) this.push(new Paragraph({ children: textRuns(draft, { bold: true }) }));
		this.header(protocol);
		for (const entry of protocol.items) {
			if (isOmitted(entry)) {
				const section = labels.section(entry.number);
				this.push(heading(section, 1), new Paragraph({ children: textRuns(labels.omittedItem(section, labels.reasonCategory(entry.reasonCategory))) }));
			} else this.item(entry);
		}
		if (protocol.meetingActions.length) {
			this.push(heading(labels.meetingActions, 1));
			this.actions(protocol.meetingActions);
		}
		if (protocol.notes.length) {
			this.push(heading(labels.notes, 1));
			this.blocks(protocol.notes);
		}
		if (protocol.summaries.length) {
			this.push(heading(labels.summaries, 1));
			for (const s of protocol.summaries) {
				for (const text of paragraphsOf(s.text)) this.push(new Paragraph({ children: textRuns(text) }));
				this.push(new Paragraph({ children: textRuns(`— ${signature(s, labels)}`, { italics: true }) }));
			}
		}
		if (hash) this.push(new Paragraph({ style: 'HashLine', spacing: { before: 480 }, children: textRuns(labels.hashLine(hash)) }));
	}

	/** Each approved addendum: its number, text, when it was approved and its own hash line. */
	addenda(addenda: readonly PrintedAddendum[], timeZone: string) {
		if (!addenda.length) return;
		const { labels } = this;
		this.push(heading(labels.addenda, 1));
		for (const a of addenda) {
			this.push(heading(labels.addendumNumber(a.number), 2));
			for (const text of paragraphsOf(a.text)) this.push(new Paragraph({ children: textRuns(text) }));
			this.push(new Paragraph({ children: textRuns(labels.addendumApproved(protocolDateTime(a.approvedAt, timeZone, labels.locale)), { italics: true }) }));
			this.push(new Paragraph({ style: 'HashLine', children: textRuns(labels.hashLine(a.hash)) }));
		}
	}
}

/** The footer's words with Word's page fields where the label puts the numbers. */
function footer(labels: DocxLabels): Footer {
	const fields: Record<string, (typeof PageNumber)[keyof typeof PageNumber]> = { '\u0001': PageNumber.CURRENT, '\u0002': PageNumber.TOTAL_PAGES };
	const parts = labels
		.pageOf('\u0001', '\u0002')
		.split(/([\u0001\u0002])/)
		.filter((part) => part !== '')
		.map((part) => fields[part] ?? clean(part));
	return new Footer({
		children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: parts })] })]
	});
}

export async function protocolToDocx(protocol: Protocol, labels: DocxLabels, options: DocxOptions): Promise<Uint8Array> {
	const writer = new Writer(labels);
	writer.protocol(protocol, options.hash ?? null, options.draft ?? null);
	writer.addenda(options.addenda ?? [], protocol.header.timeZone);
	const document = new Document({
		title: clean(options.title),
		creator: 'Samtavla',
		lastModifiedBy: 'Samtavla',
		styles: {
			default: { document: { run: { font: 'Calibri', language: { value: options.lang } } } },
			paragraphStyles: [
				{ id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: LIST_INDENT, right: LIST_INDENT } } },
				{ id: 'HashLine', name: 'Protocol hash', basedOn: 'Normal', run: { size: 16, font: 'Consolas' } }
			]
		},
		numbering: writer.lists.options,
		sections: [{ footers: { default: footer(labels) }, children: writer.out }]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}
