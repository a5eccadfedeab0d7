import * as Y from 'yjs';
import type { AgencyKind } from './agencies.js';
import { copyOf } from './doc-copy.js';
import { newId } from './ids.js';

/**
 * The speaker list of a meeting (issue 14, point 5): the root `speakers` of `meeting:<id>`.
 *
 *   speakers  Y.Map  entryId → { id, userId, name, agencyId, requestedAt, order, startedAt?, endedAt? }
 *
 * One plain value per ask, keyed by a random id: two people asking at the same moment write two
 * keys, so both asks survive and nobody loses their place. The queue is ordered by `order` (the
 * time of the ask in ms; the chair moves someone by giving them a number between two others), ties
 * broken by id, so every replica sorts the same. An entry is waiting (no `startedAt`), holds the
 * floor (`startedAt`, no `endedAt`) or is done (both). Done entries stay: the time each person has
 * spoken in this meeting is the sum of their turns, read from timestamps in the document, so two
 * turns ended at once never overwrite a shared counter.
 */
export const SPEAKERS_ROOT = 'speakers';
/** More asks than any meeting has; the server refuses an update that would store more. */
export const MAX_SPEAKER_ENTRIES = 400;
/** Longer than any name or id the app writes. */
const MAX_FIELD = 200;
/** How far a member's clock may be from the server's when they ask (phones drift; a backdated ask jumps the queue). */
const ASK_CLOCK_SKEW_MS = 10 * 60 * 1000;
/** A turn longer than this is a wrong clock, not a speech. */
const MAX_TURN_SECONDS = 4 * 60 * 60;

export interface SpeakerEntry {
	id: string;
	userId: string;
	name: string;
	agencyId: string | null;
	requestedAt: string;
	order: number;
	startedAt: string | null;
	endedAt: string | null;
}

export interface Speaker {
	userId: string;
	name: string;
	agencyId: string | null;
}

export interface FloorView {
	/** Who holds the floor now (the latest given, if two were given at once). */
	speaking: SpeakerEntry | null;
	/** Waiting, in turn order. */
	queue: SpeakerEntry[];
	/** Seconds spoken in this meeting per user id, ended turns only (add the live turn with `spokenNow`). */
	spoken: Record<string, number>;
}

const speakers = (doc: Y.Doc) => doc.getMap<unknown>(SPEAKERS_ROOT);

const str = (value: unknown, max = MAX_FIELD): string | null => (typeof value === 'string' && value.length <= max ? value : null);
const time = (value: unknown): string | null => {
	const s = str(value, 40);
	return s !== null && Number.isFinite(Date.parse(s)) ? s : null;
};

/** One stored value as an entry, or null when it is not one (any client can store anything). */
export function readEntry(key: string, value: unknown): SpeakerEntry | null {
	if (!value || typeof value !== 'object' || value instanceof Y.AbstractType || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	const userId = str(v.userId);
	const requestedAt = time(v.requestedAt);
	if (!userId || !requestedAt) return null;
	const order = typeof v.order === 'number' && Number.isFinite(v.order) ? v.order : Date.parse(requestedAt);
	const startedAt = time(v.startedAt);
	return {
		id: key,
		userId,
		name: str(v.name) ?? '',
		agencyId: str(v.agencyId),
		requestedAt,
		order,
		startedAt,
		endedAt: startedAt ? time(v.endedAt) : null
	};
}

/** Every entry, at most MAX_SPEAKER_ENTRIES of them. */
export function listSpeakers(doc: Y.Doc): SpeakerEntry[] {
	const out: SpeakerEntry[] = [];
	for (const [key, value] of speakers(doc).entries() as IterableIterator<[string, unknown]>) {
		const entry = readEntry(key, value);
		if (entry) out.push(entry);
		if (out.length >= MAX_SPEAKER_ENTRIES) break;
	}
	return out;
}

const byTurn = (a: SpeakerEntry, b: SpeakerEntry) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Length of a finished turn in whole seconds, within sane bounds. */
function turnSeconds(startedAt: string, endedAt: string): number {
	const seconds = Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000);
	return Math.min(Math.max(seconds, 0), MAX_TURN_SECONDS);
}

export function floorView(entries: SpeakerEntry[]): FloorView {
	const spoken: Record<string, number> = {};
	let speaking: SpeakerEntry | null = null;
	for (const e of entries) {
		if (e.startedAt && e.endedAt) spoken[e.userId] = (spoken[e.userId] ?? 0) + turnSeconds(e.startedAt, e.endedAt);
		else if (e.startedAt && (!speaking || e.startedAt > speaking.startedAt!)) speaking = e;
	}
	const queue = entries.filter((e) => !e.startedAt).sort(byTurn);
	return { speaking, queue, spoken };
}

export function readFloor(doc: Y.Doc): FloorView {
	return floorView(listSpeakers(doc));
}

/** Seconds `userId` has spoken in this meeting, the live turn included, as of `now`. */
export function spokenNow(view: FloorView, userId: string, now: Date): number {
	const ended = view.spoken[userId] ?? 0;
	const live = view.speaking?.userId === userId ? turnSeconds(view.speaking.startedAt!, now.toISOString()) : 0;
	return ended + live;
}

/** `person` asks for the floor; already waiting or speaking, their entry stays as it is. Returns its id. */
export function askForFloor(doc: Y.Doc, person: Speaker, at = new Date(), id = newId()): string {
	const own = listSpeakers(doc).find((e) => e.userId === person.userId && !e.endedAt);
	if (own) return own.id;
	speakers(doc).set(id, {
		id,
		userId: person.userId,
		name: person.name,
		agencyId: person.agencyId,
		requestedAt: at.toISOString(),
		order: at.getTime()
	});
	return id;
}

/** Takes back a waiting ask (one holding the floor is ended by `endTurn`). */
export function withdrawAsk(doc: Y.Doc, entryId: string): boolean {
	const entry = readEntry(entryId, speakers(doc).get(entryId));
	if (!entry || entry.startedAt) return false;
	speakers(doc).delete(entryId);
	return true;
}

/** Ends every turn in progress (normally one; two if the floor was given twice at once). */
export function endTurn(doc: Y.Doc, at = new Date()): void {
	doc.transact(() => {
		for (const e of listSpeakers(doc)) if (e.startedAt && !e.endedAt) speakers(doc).set(e.id, { ...raw(doc, e.id), endedAt: at.toISOString() });
	});
}

/** Gives the floor to a waiting entry, ending the turn in progress first. */
export function giveFloor(doc: Y.Doc, entryId: string, at = new Date()): boolean {
	const entry = readEntry(entryId, speakers(doc).get(entryId));
	if (!entry || entry.startedAt) return false;
	doc.transact(() => {
		endTurn(doc, at);
		speakers(doc).set(entryId, { ...raw(doc, entryId), startedAt: at.toISOString() });
	});
	return true;
}

/** Moves a waiting entry one place up or down the queue (keyboard-friendly). Returns false at the ends. */
export function moveInQueue(doc: Y.Doc, entryId: string, direction: 'up' | 'down'): boolean {
	const { queue } = readFloor(doc);
	const index = queue.findIndex((e) => e.id === entryId);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || target < 0 || target >= queue.length) return false;
	const beyond = direction === 'up' ? queue[target - 1] : queue[target + 1];
	const pass = queue[target].order;
	const order = beyond ? (pass + beyond.order) / 2 : direction === 'up' ? pass - 1 : pass + 1;
	speakers(doc).set(entryId, { ...raw(doc, entryId), order });
	return true;
}

function raw(doc: Y.Doc, entryId: string): Record<string, unknown> {
	return { ...(speakers(doc).get(entryId) as Record<string, unknown>) };
}

/**
 * Agencies present that have not had the floor in this meeting (a turn given or done), user
 * associations first: the chair's hint for whom to let in next, so the users' voice is not the
 * last one heard. `presentAgencyIds`: the agencies of those marked present (or of everyone).
 */
export function agenciesNotHeard<A extends { id: string; name: string; kind: AgencyKind }>(entries: SpeakerEntry[], agencies: A[], presentAgencyIds: ReadonlySet<string>): A[] {
	const heard = new Set(entries.filter((e) => e.startedAt).map((e) => e.agencyId));
	return agencies
		.filter((a) => presentAgencyIds.has(a.id) && !heard.has(a.id))
		.sort((a, b) => Number(b.kind === 'user_association') - Number(a.kind === 'user_association') || a.name.localeCompare(b.name, 'sv'));
}

/** What the server's check of a speaker-list update by a member who may only ask concluded. */
export type FloorVerdict = 'allowed' | 'not-floor' | 'not-author' | 'forged-identity' | 'invalid-entry';

/**
 * May `writer` — who may write the meeting document only to ask for the floor (a contributor) —
 * make the change `update`? Tried on a copy: nothing outside `speakers` may change (`not-floor`);
 * every entry changed must be the writer's own before and after (`not-author`), waiting (only
 * the chair gives the floor and orders the queue), dated now, show the writer's id, name and agency as the server records them
 * (`forged-identity`), and the list stay within its bounds (`invalid-entry`).
 *
 * Pure: `doc` is not modified. With `mirror` (a copy kept in step with `doc`), the update is left
 * in it; the caller drops the mirror unless allowed (as with `judgeVoicesChange`).
 */
export function judgeFloorChange(doc: Y.Doc, update: Uint8Array, writer: Speaker, mirror?: Y.Doc, clock = new Date()): FloorVerdict {
	const copy = mirror ?? copyOf(doc);
	let foreign = false;
	const rootName = new Map([...copy.share.entries()].map(([name, type]) => [type, name]));
	const onTransaction = (tr: Y.Transaction) => {
		for (const type of tr.changed.keys()) {
			let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
			while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
			const name = rootName.get(t) ?? [...copy.share.entries()].find(([, v]) => v === t)?.[0];
			if (name !== SPEAKERS_ROOT) foreign = true;
		}
	};
	copy.on('afterTransaction', onTransaction);
	try {
		const before = speakers(doc);
		const after = speakers(copy);
		Y.applyUpdate(copy, update);
		if (foreign) return 'not-floor';
		if (after.size > MAX_SPEAKER_ENTRIES) return 'invalid-entry';
		const keys = new Set([...before.keys(), ...after.keys()]);
		for (const key of keys) {
			const was = before.get(key);
			const now = after.get(key);
			if (JSON.stringify(was) === JSON.stringify(now)) continue;
			const wasEntry = was === undefined ? null : readEntry(key, was);
			const nowEntry = now === undefined ? null : readEntry(key, now);
			if (was !== undefined && (wasEntry?.userId !== writer.userId || wasEntry.startedAt)) return 'not-author';
			if (now === undefined) continue;
			if (!nowEntry) return 'invalid-entry';
			if (nowEntry.userId !== writer.userId) return 'not-author';
			if (nowEntry.name !== writer.name || nowEntry.agencyId !== writer.agencyId) return 'forged-identity';
			const v = now as Record<string, unknown>;
			const known = ['id', 'userId', 'name', 'agencyId', 'requestedAt', 'order'];
			if (v.id !== key || Object.keys(v).some((k) => !known.includes(k))) return 'invalid-entry';
			// A place is taken by asking, now: not by moving one's own ask, nor by dating it back.
			if (was !== undefined || nowEntry.order !== Date.parse(nowEntry.requestedAt)) return 'invalid-entry';
			if (Math.abs(Date.parse(nowEntry.requestedAt) - clock.getTime()) > ASK_CLOCK_SKEW_MS) return 'invalid-entry';
		}
		return 'allowed';
	} catch {
		return 'invalid-entry'; // an update that does not even apply is not allowed
	} finally {
		copy.off('afterTransaction', onTransaction);
		if (!mirror) copy.destroy();
	}
}
