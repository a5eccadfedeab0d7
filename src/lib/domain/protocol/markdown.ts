import { isOmitted, reasonCategory, type InternalReasonCategory, type MinutesBlock, type Protocol, type ProtocolAction, type ProtocolDecision, type ProtocolItem, type ProtocolPerson, type TextRun } from './protocol-model.js';
import type { PresenceKind } from '../meeting-doc.js';
import { protocolDateTime } from './when.js';
import type { PrintedAddendum } from '../addendum.js';
import { decisionNote, type DecisionLabels } from './decision-lines.js';
import { carryLine, type CarryLabels } from './carry-line.js';

/**
 * The protocol as Markdown (issue 10, point 8): the first export from the one canonical
 * structure. Labels come in from the caller (paraglide stays out of the domain); everything a
 * person wrote is escaped, so it reads as the text they typed and never as Markdown.
 */
export interface ProtocolLabels extends DecisionLabels, CarryLabels {
	/** BCP 47 tag for dates (the reader's language). */
	locale: string;
	/** "§ 3" in Swedish, "Punkt 3" in Danish … */
	section: (number: number) => string;
	dateTime: string;
	place: string;
	chair: string;
	secretary: string;
	adjusters: string;
	present: string;
	absent: string;
	excused: string;
	guests: string;
	presenter: string;
	decisions: string;
	actions: string;
	responsible: string;
	due: string;
	perspectives: string;
	notes: string;
	meetingActions: string;
	summaries: string;
	/** How someone was present, after their name: "(online)". */
	how: Record<PresenceKind, string>;
	reasonCategory: (category: InternalReasonCategory) => string;
	/** The line that stands for an internal item in a public version. */
	omittedItem: (section: string, reason: string) => string;
	/** The line under an internal item's heading in the internal version ("Intern paragraf (…)"). */
	internalItem: (reason: string) => string;
	/** The heading over approved addenda, "Protokollsanteckningar". */
	addenda: string;
	addendumNumber: (number: number) => string;
	/** "Godkänd 3 december 2026 10:15". */
	addendumApproved: (when: string) => string;
	/** Who wrote a perspective or summary whose author erased their account: "Tidigare medlem (Brukarföreningen)". */
	formerMember: (agencyName: string) => string;
}

/**
 * The signature under a perspective or summary: "Name, Agency", or for an author who erased
 * their account (an empty name, voices-doc.ts eraseAuthorName) "Former member (Agency)".
 * `escape` makes each piece of stored text safe for the format (Markdown escapes, others not).
 */
export function signature(entry: { authorName: string; agencyName: string }, labels: Pick<ProtocolLabels, 'formerMember'>, escape: (text: string) => string = (t) => t): string {
	if (entry.authorName === '') return escape(labels.formerMember(entry.agencyName));
	return `${escape(entry.authorName)}, ${escape(entry.agencyName)}`;
}

/** Escapes text so that Markdown shows it as typed (CommonMark backslash escapes). */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\\`*_[\]<>|~&]/g, '\\$&')
		.split('\n')
		.map((line) => escapeLineStart(line.replace(/^[ \t]+/, '')))
		.join('\n');
}

/** What would start a heading, quote, list or rule only at the start of a line. */
function escapeLineStart(line: string): string {
	if (/^[#>+\-=]/.test(line)) return `\\${line}`;
	return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Hard line breaks inside one paragraph: a backslash at the end of the line. */
const hardBreaks = (text: string) => text.split('\n').join('\\\n');

function emphasis(text: string, marker: string): string {
	const [, lead, inner, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
	return inner === '' ? text : `${lead}${marker}${inner}${marker}${trail}`;
}

const linkTarget = (href: string) => href.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function runs(list: TextRun[]): string {
	const inline = list
		.map((run) => {
			let text = run.text.replace(/[\\`*_[\]<>|~&]/g, '\\$&');
			if (run.bold && run.italic) text = emphasis(text, '***');
			else if (run.bold) text = emphasis(text, '**');
			else if (run.italic) text = emphasis(text, '*');
			return run.href ? `[${text}](${linkTarget(run.href)})` : text;
		})
		.join('');
	// Line starts are only known once the runs are joined; what we added never starts with these.
	return hardBreaks(
		inline
			.split('\n')
			.map((line) => escapeLineStart(line.replace(/^[ \t]+/, '')))
			.join('\n')
	);
}

/** A person's own multi-line text: paragraphs at blank lines, single newlines kept as breaks. */
function plain(text: string): string {
	return text
		.trim()
		.split(/\n\s*\n/)
		.map((paragraph) => hardBreaks(escapeMarkdown(paragraph.trim())))
		.join('\n\n');
}

const indent = (text: string, by: string) => text.replace(/\n(?!\n)/g, `\n${by}`);

function blocks(list: MinutesBlock[]): string {
	return list
		.map((block) => {
			switch (block.type) {
				case 'heading':
					// The § is "##": the minutes' own headings go below it.
					return `${'#'.repeat(Math.min(6, Math.max(3, block.level + 1)))} ${runs(block.runs).replace(/\\\n/g, ' ')}`;
				case 'paragraph':
					return runs(block.runs);
				default:
					return block.items
						.map((item, i) => {
							const marker = block.type === 'orderedList' ? `${i + 1}. ` : '- ';
							return marker + indent(listItem(item), ' '.repeat(marker.length));
						})
						.join('\n');
			}
		})
		.join('\n\n');
}

/** A list item's blocks: a nested list follows its text directly, other blocks after a blank line. */
function listItem(item: MinutesBlock[]): string {
	return item.map((block, i) => (i === 0 ? '' : block.type === 'paragraph' || block.type === 'heading' ? '\n\n' : '\n') + blocks([block])).join('');
}

const person = (p: ProtocolPerson) => `${escapeMarkdown(p.name)} (${escapeMarkdown(p.agencyName)})`;
const field = (label: string, value: string) => `- **${label}:** ${value}`;

function header(protocol: Protocol, labels: ProtocolLabels): string {
	const h = protocol.header;
	const lines = [`# ${escapeMarkdown(h.meetingTitle)}`, '', escapeMarkdown(h.boardName), ''];
	lines.push(field(labels.dateTime, escapeMarkdown(protocolDateTime(h.startsAt, h.timeZone, labels.locale))));
	if (h.place) lines.push(field(labels.place, escapeMarkdown(h.place)));
	if (h.chair) lines.push(field(labels.chair, person(h.chair)));
	if (h.secretary) lines.push(field(labels.secretary, person(h.secretary)));
	if (h.adjusters.length) lines.push(field(labels.adjusters, h.adjusters.map(person).join(', ')));
	if (h.present.length) {
		lines.push(`- **${labels.present}:**`);
		for (const group of h.present) {
			const names = group.people.map((p) => escapeMarkdown(p.name) + (p.how ? ` (${escapeMarkdown(labels.how[p.how])})` : ''));
			lines.push(`  - ${escapeMarkdown(group.agencyName)}: ${names.join(', ')}`);
		}
	}
	if (h.absent.length) lines.push(field(labels.absent, h.absent.map(person).join(', ')));
	if (h.excused.length) lines.push(field(labels.excused, h.excused.map(person).join(', ')));
	if (h.guests.length) lines.push(field(labels.guests, h.guests.map((g) => person({ name: g.name, agencyName: g.agency })).join(', ')));
	return lines.join('\n');
}

function actions(list: ProtocolAction[], labels: ProtocolLabels): string {
	return list
		.map((a) => {
			const responsible = escapeMarkdown(a.agencyName) + (a.assigneeName ? ` (${escapeMarkdown(a.assigneeName)})` : '');
			const due = a.dueDate ? ` — ${labels.due}: ${escapeMarkdown(a.dueDate)}` : '';
			return `- ${hardBreaks(escapeMarkdown(a.title))} — ${labels.responsible}: ${responsible}${due}`;
		})
		.join('\n');
}

/** A numbered decision, its note in italics and its reservations as quotes, all inside the list item. */
function decision(d: ProtocolDecision, labels: ProtocolLabels): string {
	const note = decisionNote(d, labels);
	const lines = [plain(d.text)];
	if (note) lines.push('', `*${escapeMarkdown(note)}*`);
	for (const r of d.reservations ?? []) {
		lines.push('', `> **${escapeMarkdown(labels.reservationBy(signature(r, labels)))}:**`, ...plain(r.text).split('\n').map((line) => (line === '' ? '>' : `> ${line}`)));
	}
	return `${d.number}. ${indent(lines.join('\n'), ' '.repeat(`${d.number}. `.length))}`;
}

function item(entry: ProtocolItem, labels: ProtocolLabels): string {
	const parts = [`## ${labels.section(entry.number)} ${escapeMarkdown(entry.title)}`];
	if (entry.internal) parts.push(`*${escapeMarkdown(labels.internalItem(labels.reasonCategory(reasonCategory(entry.internalReason))))}*`);
	if (entry.presenterAgency) parts.push(`*${labels.presenter}: ${escapeMarkdown(entry.presenterAgency)}*`);
	const carried = carryLine(entry, labels);
	if (carried) parts.push(`*${escapeMarkdown(carried)}*`);
	if (entry.minutes.length) parts.push(blocks(entry.minutes));
	if (entry.decisions.length) {
		parts.push(`**${labels.decisions}**`);
		// A list may start at any number: decisions keep their number within the meeting.
		parts.push(entry.decisions.map((d) => decision(d, labels)).join('\n'));
	}
	if (entry.actions.length) parts.push(`**${labels.actions}**`, actions(entry.actions, labels));
	if (entry.perspectives.length) {
		parts.push(`**${labels.perspectives}**`);
		for (const p of entry.perspectives) {
			const quote = `${plain(p.text)}\n\n— ${signature(p, labels, escapeMarkdown)}`;
			parts.push(quote.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n'));
		}
	}
	return parts.join('\n\n');
}

export function protocolToMarkdown(protocol: Protocol, labels: ProtocolLabels): string {
	const parts = [header(protocol, labels)];
	for (const entry of protocol.items) {
		if (isOmitted(entry)) {
			const section = labels.section(entry.number);
			parts.push(`## ${section}`, escapeMarkdown(labels.omittedItem(section, labels.reasonCategory(entry.reasonCategory))));
		} else parts.push(item(entry, labels));
	}
	if (protocol.meetingActions.length) parts.push(`## ${labels.meetingActions}`, actions(protocol.meetingActions, labels));
	if (protocol.notes.length) parts.push(`## ${labels.notes}`, blocks(protocol.notes));
	if (protocol.summaries.length) {
		parts.push(`## ${labels.summaries}`);
		for (const s of protocol.summaries) parts.push(plain(s.text), `*— ${signature(s, labels, escapeMarkdown)}*`);
	}
	return `${parts.join('\n\n')}\n`;
}

/**
 * Approved addenda after the adjusted protocol (never part of it: the protocol's hash stays as
 * sealed), each with when it was approved and its own hash line, which /verify also answers.
 */
export function addendaToMarkdown(addenda: readonly PrintedAddendum[], labels: ProtocolLabels, timeZone: string, hashLine: (hash: string) => string): string {
	if (!addenda.length) return '';
	const parts = [`## ${labels.addenda}`];
	for (const a of addenda) {
		parts.push(
			`### ${escapeMarkdown(labels.addendumNumber(a.number))}`,
			plain(a.text),
			`*${escapeMarkdown(labels.addendumApproved(protocolDateTime(a.approvedAt, timeZone, labels.locale)))}*`,
			escapeMarkdown(hashLine(a.hash))
		);
	}
	return `${parts.join('\n\n')}\n`;
}
