import * as Y from 'yjs';
import { listActions, type Action } from '../board-doc.js';
import { PRESENCE_KINDS, listAgenda, listDecisions, listGuests, meetingRoles, type Decision, type PresenceKind } from '../meeting-doc.js';
import { carriedTo } from '../carry-over.js';
import { listPerspectives, listReservations, listSummaries, reservationsByDecision, type Reservation } from '../voices-doc.js';
import {
	PROTOCOL_FORMAT,
	isOmitted,
	reasonCategory,
	type PresentPerson,
	type Protocol,
	type ProtocolAction,
	type ProtocolCarry,
	type ProtocolDecision,
	type ProtocolHeader,
	type ProtocolItem,
	type ProtocolPerson,
	type SkippedContent
} from './protocol-model.js';
import { readMinutes } from './read-minutes.js';

/**
 * The one renderer (issue 10, point 6): meeting, voices and board documents in, the canonical
 * protocol out. Pure: it only reads the documents, and never throws on what some client wrote
 * into them — what it cannot read is left out and named in `skipped`.
 */
export interface RenderInput {
	meetingDoc: Y.Doc;
	voicesDoc: Y.Doc | null;
	boardDoc: Y.Doc | null;
	meeting: { id: string; title: string; startsAt: Date | string; timeZone: string; place: string; boardName: string };
	/** Members of the board by user id, as the protocol names them. */
	people: Record<string, { name: string; agencyName: string }>;
	/** Agencies by id. */
	agencies: Record<string, { name: string }>;
	/** The appointed adjusters (justerare), in the order the chair named them. */
	adjusterIds?: readonly string[];
	/** Collation for lists of names (the board's language); ties fall back to code-unit order. */
	locale?: string;
	/**
	 * The meetings this meeting's postponed items were carried to, by id, as the server found them
	 * (issue 12, point 6); a carried item whose meeting is not here is printed without the line.
	 */
	carriedTargets?: Record<string, { title: string; startsAt: Date | string }>;
}

const own = <T>(record: Record<string, T>, key: string | null): T | null =>
	key !== null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : null;

function comparer(locale: string) {
	const collator = new Intl.Collator(locale);
	return (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Attendance marks as stored: a status "present_online" (what the attendance list writes) or a
 * plain "present" with a `how` field both give the how; a how that is not a kind is unknown (null).
 */
function readAttendance(doc: Y.Doc): Array<{ userId: string; status: 'present' | 'absent' | 'excused'; how: PresenceKind | null }> {
	const marks: Array<{ userId: string; status: 'present' | 'absent' | 'excused'; how: PresenceKind | null }> = [];
	const kind = (value: unknown): PresenceKind | null => ((PRESENCE_KINDS as readonly unknown[]).includes(value) ? (value as PresenceKind) : null);
	for (const [userId, value] of doc.getMap<unknown>('attendance').entries() as IterableIterator<[string, unknown]>) {
		if (!value || typeof value !== 'object' || value instanceof Y.AbstractType) continue;
		const { status, how } = value as Record<string, unknown>;
		if (typeof status !== 'string') continue;
		const [base, suffix] = status.split(/_(.*)/s);
		if (base !== 'present' && base !== 'absent' && base !== 'excused') continue;
		marks.push({ userId, status: base, how: base === 'present' ? (kind(how) ?? kind(suffix)) : null });
	}
	return marks;
}

function header(input: RenderInput, skipped: SkippedContent[], compare: (a: string, b: string) => number): ProtocolHeader {
	const person = (userId: string | null): ProtocolPerson | null => {
		if (userId === null) return null;
		const found = own(input.people, userId);
		if (!found) skipped.push({ where: 'header', reason: 'a person who is not a member' });
		return found ? { name: found.name, agencyName: found.agencyName } : null;
	};
	const byName = (a: ProtocolPerson, b: ProtocolPerson) => compare(a.name, b.name) || compare(a.agencyName, b.agencyName);
	const present = new Map<string, PresentPerson[]>();
	const absent: ProtocolPerson[] = [];
	const excused: ProtocolPerson[] = [];
	for (const mark of readAttendance(input.meetingDoc)) {
		const p = person(mark.userId);
		if (!p) continue;
		if (mark.status === 'present') present.set(p.agencyName, [...(present.get(p.agencyName) ?? []), { name: p.name, how: mark.how }]);
		else (mark.status === 'absent' ? absent : excused).push(p);
	}
	const roles = meetingRoles(input.meetingDoc);
	const startsAt = new Date(input.meeting.startsAt);
	return {
		boardName: input.meeting.boardName,
		meetingTitle: input.meeting.title,
		startsAt: Number.isNaN(startsAt.getTime()) ? '' : startsAt.toISOString(),
		timeZone: input.meeting.timeZone,
		place: input.meeting.place,
		present: [...present.entries()]
			.sort(([a], [b]) => compare(a, b))
			.map(([agencyName, people]) => ({
				agencyName,
				people: people.sort((a, b) => compare(a.name, b.name) || compare(a.how ?? '', b.how ?? ''))
			})),
		absent: absent.sort(byName),
		excused: excused.sort(byName),
		guests: listGuests(input.meetingDoc)
			.map(({ name, agency }) => ({ name, agency }))
			.sort((a, b) => compare(a.name, b.name) || compare(a.agency, b.agency)),
		chair: person(roles.chairId),
		secretary: person(roles.secretaryId),
		adjusters: (input.adjusterIds ?? []).map(person).filter((p): p is ProtocolPerson => p !== null)
	};
}

function toAction(action: Action, input: RenderInput): ProtocolAction {
	return {
		title: action.title,
		agencyName: own(input.agencies, action.agencyId)?.name ?? '',
		assigneeName: own(input.people, action.assigneeId)?.name ?? null,
		dueDate: action.dueDate
	};
}

/** Only the keys the decision has (protocol-model.ts, `ProtocolDecision`); reservations of another § are not its own. */
function toDecision(d: Decision, reservations: Reservation[]): ProtocolDecision {
	const own = reservations.filter((r) => r.itemId === d.itemId || r.itemId === '');
	return {
		number: d.number,
		text: d.text,
		...(d.kind ? { kind: d.kind } : {}),
		...(d.reviewDate ? { reviewDate: d.reviewDate } : {}),
		...(own.length ? { reservations: own.map(({ authorName, agencyName, text }) => ({ authorName, agencyName, text })) } : {})
	};
}

/** Soonest due first (none last), then by when raised; the id only breaks the last ties. */
const actionOrder = (a: Action, b: Action) =>
	(a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The `internal` flag and reason an item map may carry (written by the UI in a later step). */
function internalOf(doc: Y.Doc, itemId: string): { internal: boolean; internalReason: string | null } {
	const map: unknown = doc.getMap<unknown>('agenda').get(itemId);
	if (!(map instanceof Y.Map)) return { internal: false, internalReason: null };
	const reason = map.get('internalReason');
	return { internal: map.get('internal') === true, internalReason: typeof reason === 'string' && reason !== '' ? reason : null };
}

/** The calendar date (YYYY-MM-DD) of an instant in the protocol's zone; '' when unreadable. */
function dateIn(instant: Date | string, timeZone: string): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
	} catch {
		return '';
	}
}

/**
 * Where the item was carried, as printed; nothing for an item not carried (so its value, and the
 * hash of every protocol without carried items, is as before the line existed).
 */
function carryOf(input: RenderInput, itemId: string, where: string, skipped: SkippedContent[]): { carriedTo?: ProtocolCarry } {
	const mark = carriedTo(input.meetingDoc, itemId);
	if (!mark) return {};
	if (mark.kind === 'backlog') return { carriedTo: { kind: 'backlog' } };
	const target = own(input.carriedTargets ?? {}, mark.meetingId);
	if (!target) {
		skipped.push({ where, reason: 'carried to a meeting that was not found' });
		return {};
	}
	return { carriedTo: { kind: 'meeting', meetingTitle: target.title, date: dateIn(target.startsAt, input.meeting.timeZone) } };
}

/** Never throws: a broken document gives an empty part and a note in `skipped`. */
function guarded<T>(skipped: SkippedContent[], where: string, fallback: T, read: () => T): T {
	try {
		return read();
	} catch {
		skipped.push({ where, reason: 'could not be read' });
		return fallback;
	}
}

export function renderProtocol(input: RenderInput): Protocol {
	const skipped: SkippedContent[] = [];
	const compare = comparer(input.locale ?? 'sv');
	const doc = input.meetingDoc;
	const agenda = guarded(skipped, 'agenda', [], () => listAgenda(doc));
	const decisions = guarded(skipped, 'decisions', [], () => listDecisions(doc));
	const perspectives = input.voicesDoc ? guarded(skipped, 'perspectives', [], () => listPerspectives(input.voicesDoc!)) : [];
	const reservations = reservationsByDecision(input.voicesDoc ? guarded(skipped, 'reservations', [], () => listReservations(input.voicesDoc!)) : []);
	const actions = input.boardDoc
		? guarded(skipped, 'actions', [], () => listActions(input.boardDoc!))
				.filter((a) => a.meetingId === input.meeting.id)
				.sort(actionOrder)
		: [];
	const itemIds = new Set(agenda.map((item) => item.id));

	const items: ProtocolItem[] = agenda.map((item) => {
		const where = `§ ${item.number}`;
		return {
			number: item.number,
			title: item.title,
			presenterAgency: item.presenterAgencyId === null ? null : (own(input.agencies, item.presenterAgencyId)?.name ?? null),
			...internalOf(doc, item.id),
			minutes: guarded(skipped, `${where} minutes`, [], () => {
				const map: unknown = doc.getMap<unknown>('agenda').get(item.id);
				const fragment = map instanceof Y.Map ? map.get('minutes') : null;
				if (fragment !== undefined && !(fragment instanceof Y.XmlFragment)) skipped.push({ where: `${where} minutes`, reason: 'not rich text' });
				return readMinutes(fragment instanceof Y.XmlFragment ? fragment : null, `${where} minutes`, skipped);
			}),
			decisions: decisions.filter((d) => d.itemId === item.id).map((d) => toDecision(d, reservations.get(d.id) ?? [])),
			actions: actions.filter((a) => a.itemId === item.id).map((a) => toAction(a, input)),
			perspectives: perspectives
				.filter((p) => p.itemId === item.id)
				.map((p) => ({ authorName: p.authorName, agencyName: p.agencyName, text: p.text })),
			...guarded(skipped, `${where} carried`, {}, () => carryOf(input, item.id, where, skipped))
		};
	});

	const summaries = input.voicesDoc
		? guarded(skipped, 'summaries', [], () => listSummaries(input.voicesDoc!))
				.sort((a, b) => compare(a.authorName, b.authorName) || (a.authorId < b.authorId ? -1 : a.authorId > b.authorId ? 1 : 0))
				.map(({ authorName, agencyName, text }) => ({ authorName, agencyName, text }))
		: [];

	return {
		format: PROTOCOL_FORMAT,
		version: 'internal',
		meetingId: input.meeting.id,
		header: guarded(skipped, 'header', emptyHeader(input), () => header(input, skipped, compare)),
		items,
		meetingActions: actions.filter((a) => a.itemId === null || !itemIds.has(a.itemId)).map((a) => toAction(a, input)),
		notes: guarded(skipped, 'notes', [], () => readMinutes(doc.getXmlFragment('minutes'), 'notes', skipped)),
		summaries,
		skipped
	};
}

function emptyHeader(input: RenderInput): ProtocolHeader {
	const { boardName, title: meetingTitle, timeZone, place } = input.meeting;
	return { boardName, meetingTitle, startsAt: '', timeZone, place, present: [], absent: [], excused: [], guests: [], chair: null, secretary: null, adjusters: [] };
}

/**
 * The version for the public: every internal item becomes `{ number, omitted, reasonCategory }`
 * and nothing else of it — no title, minutes, decisions, actions, perspectives, nor its notes in
 * `skipped`. The numbering of § and decisions stays that of the full protocol.
 */
export function publicVersion(protocol: Protocol): Protocol {
	const hidden = new Set(protocol.items.filter((item) => isOmitted(item) || item.internal).map((item) => `§ ${item.number}`));
	return {
		...structuredClone(protocol),
		version: 'public',
		items: protocol.items.map((item) =>
			isOmitted(item)
				? { ...item }
				: item.internal
					? { number: item.number, omitted: true as const, reasonCategory: reasonCategory(item.internalReason) }
					: structuredClone(item)
		),
		skipped: protocol.skipped.filter((s) => !hidden.has(s.where.split(' ').slice(0, 2).join(' '))).map((s) => ({ ...s }))
	};
}
