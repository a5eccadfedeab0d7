// Over 300 lines on purpose: the one definition of the meeting document's layout, with a defensive
// reader beside each writer; split up, a root's readers and writers would drift apart.
import { INTERNAL_REASON_CATEGORIES, type InternalReasonCategory } from './protocol/protocol-model.js';
import * as Y from 'yjs';
import { newId } from './ids.js';
import { isIsoDate } from './iso-date.js';

/**
 * Layout of the meeting document `meeting:<id>` (design.md, "Documents"), as pure functions over
 * a Y.Doc. The browser and the server use the same functions, so the layout has one definition.
 *
 *   meta        Y.Map   status, chairId, secretaryId, currentItemId (the § the chair is on), currentItemSince
 *   agenda      Y.Map   itemId → Y.Map { id, title, presenterAgencyId, plannedMinutes, status, internal, internalReason,
 *                                         position, minutes: Y.XmlFragment, decisions: Y.Array }
 *               decisions: Y.Array of Y.Map { id, text, kind?, reviewDate?, createdBy, createdAt }
 *   attendance  Y.Map   userId → { status, at }   status: present_on_site | present_online |
 *                                         present_phone | absent | excused (or 'present', before the kinds)
 *   guests      Y.Map   guestId → { id, name, agency }
 *   minutes     Y.XmlFragment   notes outside the agenda (the foundation's minutes)
 *
 * Items are kept in a map with a numeric `position` rather than in a Y.Array: moving a Yjs type
 * inside an array means deleting and re-creating it (losing concurrent edits to its minutes);
 * changing a number does not, and concurrent moves still converge.

 */
export const MEETING_STATUSES = ['planned', 'in_progress', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const ITEM_STATUSES = ['pending', 'in_progress', 'done', 'postponed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** How someone present took part; stored as the suffix of a `present_<kind>` status. */
export const PRESENCE_KINDS = ['on_site', 'online', 'phone'] as const;
export type PresenceKind = (typeof PRESENCE_KINDS)[number];
/** The marks the attendance list offers and writes. */
export const ATTENDANCE_CHOICES = ['present_on_site', 'present_online', 'present_phone', 'absent', 'excused'] as const;
export type AttendanceChoice = (typeof ATTENDANCE_CHOICES)[number];
/** Every mark read: the choices, and plain 'present' (written before the kinds; how unknown). */
export const ATTENDANCE_STATUSES = [...ATTENDANCE_CHOICES, 'present'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Present in any way (on site, online, by phone, or how unknown). */
export function isPresent(status: AttendanceStatus | null): boolean {
	return status === 'present' || (status?.startsWith('present_') ?? false);
}

/** How a present mark took part, or null (absent, excused, unmarked, or present before the kinds). */
export function presenceKind(status: AttendanceStatus | null): PresenceKind | null {
	return status?.startsWith('present_') ? (status.slice('present_'.length) as PresenceKind) : null;
}

export interface AgendaItem {
	id: string;
	/** § number: 1-based position in the agenda. */
	number: number;
	title: string;
	presenterAgencyId: string | null;
	plannedMinutes: number | null;
	status: ItemStatus;
	position: number;
	/**
	 * Left out of the public version (issue 10, point 9), with why in one category; the public
	 * version prints only "§ n is left out" and the category.
	 */
	internal: boolean;
	internalReason: InternalReasonCategory | null;
}

/**
 * How a decision was reached (issue 12, point 5): by consensus, by majority vote, or by the chair
 * after consultation. Null for a decision recorded without one (every decision before the kinds).
 */
export const DECISION_KINDS = ['consensus', 'majority', 'chair'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface Decision {
	id: string;
	itemId: string;
	/** Numbered within the meeting, in agenda order. */
	number: number;
	itemNumber: number;
	text: string;
	kind: DecisionKind | null;
	/** "Pilot until …": a YYYY-MM-DD date to look at the decision again, or null. */
	reviewDate: string | null;
	createdBy: string;
	createdAt: string;
}

export interface Guest {
	id: string;
	name: string;
	agency: string;
}

const agenda = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('agenda');
const meta = (doc: Y.Doc) => doc.getMap<unknown>('meta');
const attendance = (doc: Y.Doc) => doc.getMap<{ status: AttendanceStatus; at: string }>('attendance');
const guests = (doc: Y.Doc) => doc.getMap<Guest>('guests');

function itemMap(doc: Y.Doc, itemId: string): Y.Map<unknown> {
	const item: unknown = agenda(doc).get(itemId);
	if (!(item instanceof Y.Map)) throw new Error(`no agenda item ${itemId}`);
	return item;
}

// Any editor's client can write any value anywhere: every reader below checks what it finds,
// leaves out what is not an entry at all and salvages fields of the wrong type, so that one bad
// value cannot break the meeting page for everyone.
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | null => ((values as readonly unknown[]).includes(value) ? (value as T) : null);
/** A plain object as stored by `setAttendance` or `addGuest` (not a Yjs type, not null). */
const plain = (value: unknown): Record<string, unknown> | null =>
	value && typeof value === 'object' && !(value instanceof Y.AbstractType) && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** The item's id is the key it is stored under: that is where every change looks it up. */
function toItem(id: string, map: Y.Map<unknown>): Omit<AgendaItem, 'number'> {
	return {
		id,
		title: str(map.get('title')) ?? '',
		presenterAgencyId: str(map.get('presenterAgencyId')),
		plannedMinutes: num(map.get('plannedMinutes')),
		status: oneOf(ITEM_STATUSES, map.get('status')) ?? 'pending',
		position: num(map.get('position')) ?? 0,
		internal: map.get('internal') === true,
		internalReason: map.get('internal') === true ? (oneOf(INTERNAL_REASON_CATEGORIES, map.get('internalReason')) ?? 'other') : null
	};
}

/** The agenda in order, numbered § 1, § 2 … (ties in position are broken by id, the same everywhere). */
export function listAgenda(doc: Y.Doc): AgendaItem[] {
	return [...(agenda(doc).entries() as IterableIterator<[string, unknown]>)]
		.flatMap(([key, value]) => (value instanceof Y.Map ? [toItem(key, value)] : []))
		.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map((item, i) => ({ ...item, number: i + 1 }));
}

export function addAgendaItem(
	doc: Y.Doc,
	input: { title: string; presenterAgencyId?: string | null; plannedMinutes?: number | null; internal?: boolean; internalReason?: InternalReasonCategory | null },
	id = newId()
): string {
	const items = listAgenda(doc);
	const position = items.length ? items[items.length - 1].position + 1 : 1;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('title', input.title.trim());
		map.set('presenterAgencyId', input.presenterAgencyId ?? null);
		map.set('plannedMinutes', input.plannedMinutes ?? null);
		map.set('status', 'pending');
		map.set('position', position);
		if (input.internal) {
			map.set('internal', true);
			map.set('internalReason', input.internalReason ?? 'other');
		}
		map.set('minutes', new Y.XmlFragment());
		map.set('decisions', new Y.Array<Y.Map<unknown>>());
		agenda(doc).set(id, map);
	});
	return id;
}

export function updateAgendaItem(
	doc: Y.Doc,
	itemId: string,
	changes: Partial<Pick<AgendaItem, 'title' | 'presenterAgencyId' | 'plannedMinutes' | 'status' | 'internal' | 'internalReason'>>
): void {
	const map = itemMap(doc, itemId);
	// An item made public again keeps no reason; an internal one always has a category.
	const internal = changes.internal;
	const fixed = internal === undefined ? changes : { ...changes, internalReason: internal ? (changes.internalReason ?? 'other') : null };
	doc.transact(() => {
		for (const [key, value] of Object.entries(fixed)) {
			if (value !== undefined) map.set(key, typeof value === 'string' && key === 'title' ? value.trim() : value);
		}
	});
}

export function removeAgendaItem(doc: Y.Doc, itemId: string): void {
	agenda(doc).delete(itemId);
}

/** Moves an item one step up or down (keyboard-friendly reordering). Returns false at the ends. */
export function moveAgendaItem(doc: Y.Doc, itemId: string, direction: 'up' | 'down'): boolean {
	const items = listAgenda(doc);
	const index = items.findIndex((i) => i.id === itemId);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || target < 0 || target >= items.length) return false;
	// New position: between the neighbour we pass and the one after it.
	const beyond = direction === 'up' ? items[target - 1] : items[target + 1];
	const pass = items[target].position;
	const position = beyond ? (pass + beyond.position) / 2 : direction === 'up' ? pass - 1 : pass + 1;
	itemMap(doc, itemId).set('position', position);
	return true;
}

/**
 * The rich-text minutes of one item (bind TipTap's Collaboration `fragment` to it), or null when
 * some client replaced them with something an editor cannot bind to.
 */
export function itemMinutes(doc: Y.Doc, itemId: string): Y.XmlFragment | null {
	const minutes = itemMap(doc, itemId).get('minutes');
	return minutes instanceof Y.XmlFragment ? minutes : null;
}

/** The item's decisions list; with `repair`, a damaged one is replaced by an empty list first. */
function decisionsOf(doc: Y.Doc, itemId: string, repair = false): Y.Array<unknown> | null {
	const item = itemMap(doc, itemId);
	const list = item.get('decisions');
	if (list instanceof Y.Array) return list;
	if (!repair) return null;
	const fresh = new Y.Array<unknown>();
	item.set('decisions', fresh);
	return fresh;
}

/** The decisions under an item that are decisions (maps), with their index in the list. */
function decisionMaps(doc: Y.Doc, itemId: string): Array<{ map: Y.Map<unknown>; index: number }> {
	return (decisionsOf(doc, itemId)?.toArray() ?? []).flatMap((value, index) => (value instanceof Y.Map ? [{ map: value, index }] : []));
}

export function recordDecision(
	doc: Y.Doc,
	itemId: string,
	input: { text: string; createdBy: string; at?: Date; kind?: DecisionKind | null; reviewDate?: string | null },
	id = newId()
): string {
	const map = new Y.Map<unknown>();
	doc.transact(() => {
		map.set('id', id);
		map.set('text', input.text.trim());
		// Left unset when not given, so a decision without them is stored exactly as before the kinds.
		if (input.kind) map.set('kind', input.kind);
		if (input.reviewDate) map.set('reviewDate', input.reviewDate);
		map.set('createdBy', input.createdBy);
		map.set('createdAt', (input.at ?? new Date()).toISOString());
		decisionsOf(doc, itemId, true)!.push([map]);
	});
	return id;
}

export function updateDecision(doc: Y.Doc, itemId: string, decisionId: string, text: string): void {
	const found = decisionMaps(doc, itemId).find(({ map }) => map.get('id') === decisionId);
	if (!found) throw new Error(`no decision ${decisionId}`);
	found.map.set('text', text.trim());
}

/** Sets or clears (null) a decision's kind and review date; a date that is not YYYY-MM-DD is refused. */
export function setDecisionDetails(
	doc: Y.Doc,
	itemId: string,
	decisionId: string,
	details: { kind?: DecisionKind | null; reviewDate?: string | null }
): void {
	const found = decisionMaps(doc, itemId).find(({ map }) => map.get('id') === decisionId);
	if (!found) throw new Error(`no decision ${decisionId}`);
	if (details.reviewDate && !isIsoDate(details.reviewDate)) throw new Error(`not a date: ${details.reviewDate}`);
	doc.transact(() => {
		for (const key of ['kind', 'reviewDate'] as const) {
			const value = details[key];
			if (value === undefined) continue;
			if (value) found.map.set(key, value);
			else found.map.delete(key);
		}
	});
}

export function removeDecision(doc: Y.Doc, itemId: string, decisionId: string): void {
	const found = decisionMaps(doc, itemId).find(({ map }) => map.get('id') === decisionId);
	if (found) decisionsOf(doc, itemId)!.delete(found.index, 1);
}

/** Every decision of the meeting, numbered 1, 2 … in agenda order. */
export function listDecisions(doc: Y.Doc): Decision[] {
	const out: Decision[] = [];
	for (const item of listAgenda(doc)) {
		for (const { map: d, index } of decisionMaps(doc, item.id)) {
			out.push({
				// A decision without an id still needs a stable key on the page.
				id: str(d.get('id')) ?? `${item.id}#${index}`,
				itemId: item.id,
				itemNumber: item.number,
				number: out.length + 1,
				text: str(d.get('text')) ?? '',
				kind: oneOf(DECISION_KINDS, d.get('kind')),
				reviewDate: isIsoDate(d.get('reviewDate')) ? (d.get('reviewDate') as string) : null,
				createdBy: str(d.get('createdBy')) ?? '',
				createdAt: str(d.get('createdAt')) ?? ''
			});
		}
	}
	return out;
}

export function meetingStatus(doc: Y.Doc): MeetingStatus {
	return oneOf(MEETING_STATUSES, meta(doc).get('status')) ?? 'planned';
}

/**
 * Before the lifecycle moved into SQL (issue 10), editors wrote the status here. Only read now,
 * once, to adopt a status written so (services/meeting-lifecycle.ts, `adoptDocumentStatus`);
 * writing it is left to tests of that adoption and of documents as older clients wrote them.
 */
export function setMeetingStatus(doc: Y.Doc, status: MeetingStatus): void {
	meta(doc).set('status', status);
}

export function meetingRoles(doc: Y.Doc): { chairId: string | null; secretaryId: string | null } {
	return { chairId: str(meta(doc).get('chairId')), secretaryId: str(meta(doc).get('secretaryId')) };
}

export function setMeetingRole(doc: Y.Doc, role: 'chairId' | 'secretaryId', userId: string | null): void {
	meta(doc).set(role, userId);
}

/**
 * The § the meeting is on now, as the chair sets it: everyone sees it highlighted and may follow
 * it. Only an id of an item that is still on the agenda counts, so a removed item, a wrong type
 * or a made-up id written by some client reads as "none" rather than breaking the page.
 */
export function currentItem(doc: Y.Doc): string | null {
	const id = str(meta(doc).get('currentItemId'));
	return id !== null && agenda(doc).get(id) instanceof Y.Map ? id : null;
}

/**
 * Sets (or, with null, clears) the current §; an id not on the agenda is refused. When the § changes,
 * `currentItemSince` records when (projector mode shows the time spent on it beside the time planned).
 */
export function setCurrentItem(doc: Y.Doc, itemId: string | null, at = new Date()): void {
	if (itemId !== null && !(agenda(doc).get(itemId) instanceof Y.Map)) throw new Error(`no agenda item ${itemId}`);
	if (itemId !== null && itemId === currentItem(doc)) return;
	doc.transact(() => {
		meta(doc).set('currentItemId', itemId);
		meta(doc).set('currentItemSince', itemId === null ? null : at.toISOString());
	});
}

/** When the current § became current (ISO), or null: no current §, or set before this was recorded. */
export function currentItemSince(doc: Y.Doc): string | null {
	const since = str(meta(doc).get('currentItemSince'));
	return currentItem(doc) !== null && since !== null && since.length <= 40 && Number.isFinite(Date.parse(since)) ? since : null;
}

/**
 * Who leads the meeting through its agenda (sets the current §): its chair or its secretary, or,
 * while no chair is chosen, anyone who may edit the meeting. Any editor's client could still
 * write the key; this is the rule the page offers the control by, not a protection.
 */
export function leadsMeeting(userId: string, roles: { chairId: string | null; secretaryId: string | null }): boolean {
	return roles.chairId === null || userId === roles.chairId || userId === roles.secretaryId;
}

/** Marks people (a choice; plain 'present' only for documents written before the kinds). */
export function setAttendance(doc: Y.Doc, userIds: string[], status: AttendanceStatus, at = new Date()): void {
	doc.transact(() => {
		for (const id of userIds) attendance(doc).set(id, { status, at: at.toISOString() });
	});
}

/** The marks; a status no version of the app writes (another client's) is read as no mark at all. */
export function attendanceOf(doc: Y.Doc): Map<string, AttendanceStatus> {
	const marks = new Map<string, AttendanceStatus>();
	for (const [id, value] of attendance(doc).entries() as IterableIterator<[string, unknown]>) {
		const status = oneOf(ATTENDANCE_STATUSES, plain(value)?.status);
		if (status) marks.set(id, status);
	}
	return marks;
}

export function addGuest(doc: Y.Doc, input: { name: string; agency: string }, id = newId()): string {
	guests(doc).set(id, { id, name: input.name.trim(), agency: input.agency.trim() });
	return id;
}

export function removeGuest(doc: Y.Doc, guestId: string): void {
	guests(doc).delete(guestId);
}

export function listGuests(doc: Y.Doc): Guest[] {
	return [...(guests(doc).entries() as IterableIterator<[string, unknown]>)]
		.flatMap(([id, value]) => {
			const guest = plain(value);
			return guest ? [{ id, name: str(guest.name) ?? '', agency: str(guest.agency) ?? '' }] : [];
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** What the counts count: present in all (any kind), each kind of presence, absent, excused, not marked. */
export const ATTENDANCE_COUNTS = ['present', 'present_on_site', 'present_online', 'present_phone', 'absent', 'excused', 'unmarked'] as const;
export type AttendanceCount = (typeof ATTENDANCE_COUNTS)[number];
export type AttendanceCounts = Record<AttendanceCount, number>;

export const noAttendance = (): AttendanceCounts => ({
	present: 0,
	present_on_site: 0,
	present_online: 0,
	present_phone: 0,
	absent: 0,
	excused: 0,
	unmarked: 0
});

export interface AttendanceGroup {
	agency: { id: string; name: string; color: string };
	members: Array<{ userId: string; name: string; status: AttendanceStatus | null }>;
	counts: AttendanceCounts;
}

/** Members grouped by agency with counts per status; members not yet marked count as unmarked. */
export function attendanceByAgency(
	doc: Y.Doc,
	members: Array<{ userId: string; name: string; agency: { id: string; name: string; color: string } }>
): AttendanceGroup[] {
	const marks = attendanceOf(doc);
	const groups = new Map<string, AttendanceGroup>();
	for (const member of members) {
		let group = groups.get(member.agency.id);
		if (!group) {
			group = { agency: member.agency, members: [], counts: noAttendance() };
			groups.set(member.agency.id, group);
		}
		const status = marks.get(member.userId) ?? null;
		group.members.push({ userId: member.userId, name: member.name, status });
		// Every kind of presence counts as present; each kind is counted too.
		if (isPresent(status)) group.counts.present++;
		if (status !== 'present') group.counts[status ?? 'unmarked']++;
	}
	return [...groups.values()].sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'sv'));
}
