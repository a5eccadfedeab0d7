import type { DecisionKind, PresenceKind } from '../meeting-doc.js';

/**
 * The canonical protocol (issue 10, point 6): one plain, JSON-serialisable structure rendered
 * from the meeting, voices and board documents. The screen, print, every export and the hash
 * (canonical.ts) all start from this one structure, so no layout or content is ever copied.
 *
 * Everything is explicit (null rather than a missing key) so that two renderings of the same
 * documents are the same value, field for field. No ids of documents or people are kept: a
 * protocol names people as it prints them, and a published version carries nothing opaque.
 */

/** Bumped whenever the structure changes shape: a hash is only comparable within one format. */
export const PROTOCOL_FORMAT = 1;

/** A stretch of text with one formatting; `href` only for http(s) and mailto links. */
export interface TextRun {
	text: string;
	bold: boolean;
	italic: boolean;
	href: string | null;
}

export type MinutesBlock =
	| { type: 'heading'; level: number; runs: TextRun[] }
	| { type: 'paragraph'; runs: TextRun[] }
	/** Each list item is itself a list of blocks (its paragraphs and nested lists). */
	| { type: 'bulletList' | 'orderedList'; items: MinutesBlock[][] };

/** A person as the protocol prints them. */
export interface ProtocolPerson {
	name: string;
	agencyName: string;
}

/** One present member; `how` (on site, online, by phone) when the attendance mark says. */
export interface PresentPerson {
	name: string;
	how: PresenceKind | null;
}

export interface ProtocolHeader {
	boardName: string;
	meetingTitle: string;
	/** ISO 8601 instant (UTC) and the IANA zone it is shown in. */
	startsAt: string;
	timeZone: string;
	place: string;
	present: Array<{ agencyName: string; people: PresentPerson[] }>;
	absent: ProtocolPerson[];
	excused: ProtocolPerson[];
	guests: Array<{ name: string; agency: string }>;
	chair: ProtocolPerson | null;
	secretary: ProtocolPerson | null;
	/** Appointed adjusters (justerare); empty until justering is built. */
	adjusters: ProtocolPerson[];
}

/**
 * A decision as the protocol prints it. Kind, review date and reservations came with issue 12
 * (point 5) and are only present when the decision has them: a decision without them renders to
 * exactly the value it did before, so a protocol in adjustment keeps its hash across the change,
 * and a sealed protocol (stored as rendered, without the keys) stays format 1 and reads as before.
 */
export interface ProtocolDecision {
	/** Numbered within the meeting, in agenda order (as `listDecisions` numbers them). */
	number: number;
	text: string;
	kind?: DecisionKind;
	/** YYYY-MM-DD: when the decision is to be looked at again ("pilot until …"). */
	reviewDate?: string;
	/** Members' dissents, oldest first. */
	reservations?: ProtocolReservation[];
}

export interface ProtocolReservation {
	authorName: string;
	agencyName: string;
	text: string;
}

export interface ProtocolAction {
	title: string;
	agencyName: string;
	assigneeName: string | null;
	/** YYYY-MM-DD or null. */
	dueDate: string | null;
}

export interface ProtocolPerspective {
	authorName: string;
	agencyName: string;
	text: string;
}

export interface ProtocolItem {
	number: number;
	title: string;
	presenterAgency: string | null;
	/** Left out of the public version; `internalReason` is as stored (may be free text). */
	internal: boolean;
	internalReason: string | null;
	minutes: MinutesBlock[];
	decisions: ProtocolDecision[];
	actions: ProtocolAction[];
	perspectives: ProtocolPerspective[];
	/**
	 * Where a postponed § was carried over to (issue 12, point 6). Only present on an item that
	 * was: an item without it renders to exactly the value it did before, so protocols adjusted
	 * earlier, and their hashes, are unchanged.
	 */
	carriedTo?: ProtocolCarry;
}

/** A carried item's destination as the protocol prints it: the meeting's title and date (YYYY-MM-DD, in the protocol's zone), or the backlog. */
export type ProtocolCarry = { kind: 'meeting'; meetingTitle: string; date: string } | { kind: 'backlog' };

/** What the public version keeps of an internal item: that it exists and why, by category only. */
export interface OmittedItem {
	number: number;
	omitted: true;
	reasonCategory: InternalReasonCategory;
}

export type ProtocolEntry = ProtocolItem | OmittedItem;

export interface ProtocolSummary {
	authorName: string;
	agencyName: string;
	text: string;
}

/** Something the renderer met and left out; `where` names a place, never user text. */
export interface SkippedContent {
	where: string;
	reason: string;
}

export interface Protocol {
	format: typeof PROTOCOL_FORMAT;
	version: 'internal' | 'public';
	meetingId: string;
	header: ProtocolHeader;
	items: ProtocolEntry[];
	/** Actions decided at the meeting but not tied to any § on its agenda. */
	meetingActions: ProtocolAction[];
	/** The meeting's notes outside the agenda. */
	notes: MinutesBlock[];
	/** The user reporters' summaries, each its own signed section. */
	summaries: ProtocolSummary[];
	skipped: SkippedContent[];
}

/**
 * Why an item is internal, as the public version may say it. The stored `internalReason` is read
 * as one of these; anything else (free text that could name a person) counts as `other`.
 */
export const INTERNAL_REASON_CATEGORIES = ['personal_data', 'negotiation', 'security', 'other'] as const;
export type InternalReasonCategory = (typeof INTERNAL_REASON_CATEGORIES)[number];

export function reasonCategory(reason: string | null): InternalReasonCategory {
	return (INTERNAL_REASON_CATEGORIES as readonly unknown[]).includes(reason) ? (reason as InternalReasonCategory) : 'other';
}

export const isOmitted = (entry: ProtocolEntry): entry is OmittedItem => 'omitted' in entry && entry.omitted === true;
