// Over 300 lines on purpose: the one definition of `meeting:<id>:voices` (perspectives, summaries, reservations), its readers, erasure and the server's per-update judge, kept together so layout and check cannot drift apart.
import * as Y from 'yjs';
import { copyOf } from './doc-copy.js';
import { newId } from './ids.js';

/**
 * Layout of `meeting:<id>:voices`: the user associations' own words, kept apart from the minutes.
 *
 *   perspectives  Y.Map  perspectiveId → Y.Map { id, itemId, authorId, authorName, agencyId,
 *                                                 agencyName, text: Y.Text, createdAt }
 *   summaries     Y.Map  authorId → Y.Map { authorId, authorName, agencyId, agencyName, text: Y.Text }
 *   reservations  Y.Map  reservationId → Y.Map { id, itemId, decisionId, authorId, authorName, agencyId,
 *                                                 agencyName, text: Y.Text, createdAt }
 *
 * A reservation (issue 12, point 5) is a member's dissent from a decision of the minutes. It lives
 * here, not beside the decision in the meeting document, because contributors record their own
 * (they cannot write the meeting document) and each is owned by its author like a perspective.
 *
 * Every entry names its author; only the author (or the board's owner) may change it. The
 * server enforces that with `judgeVoicesChange` on every update before applying it, and holds every
 * entry to the name and agency the server records for its author.
 */
export interface Author {
	id: string;
	name: string;
	agencyId: string;
	agencyName: string;
}

export interface Perspective {
	id: string;
	itemId: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
	text: string;
	createdAt: string;
}

export interface Reservation {
	id: string;
	itemId: string;
	decisionId: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
	text: string;
	createdAt: string;
}

/** The roots of the voices document; nothing else may be written in it. */
export const VOICES_ROOTS = ['perspectives', 'summaries', 'reservations'] as const;
const ROOTS = VOICES_ROOTS;
const perspectives = (doc: Y.Doc) => doc.getMap<unknown>('perspectives');
const summaries = (doc: Y.Doc) => doc.getMap<unknown>('summaries');
const reservations = (doc: Y.Doc) => doc.getMap<unknown>('reservations');

function authored(author: Author, fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('authorId', author.id);
	map.set('authorName', author.name);
	map.set('agencyId', author.agencyId);
	map.set('agencyName', author.agencyName);
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

export function addPerspective(doc: Y.Doc, itemId: string, author: Author, text: string, at = new Date(), id = newId()): string {
	const body = new Y.Text();
	body.insert(0, text.trim());
	perspectives(doc).set(id, authored(author, { id, itemId, text: body, createdAt: at.toISOString() }));
	return id;
}

/** The entry's text as a Y.Text; text some client stored as a plain string is turned back into one. */
function liveText(entry: Y.Map<unknown>): Y.Text {
	const text = entry.get('text');
	if (text instanceof Y.Text) return text;
	const repaired = new Y.Text(textOf(text));
	entry.set('text', repaired);
	return repaired;
}

/** The live text of a perspective (bind an editor to it, or replace it with `setText`). */
export function perspectiveText(doc: Y.Doc, id: string): Y.Text {
	const entry: unknown = perspectives(doc).get(id);
	if (!(entry instanceof Y.Map)) throw new Error(`no perspective ${id}`);
	return liveText(entry);
}

/** Records the author's reservation against a decision (an entry of their own, like a perspective). */
export function addReservation(
	doc: Y.Doc,
	target: { itemId: string; decisionId: string },
	author: Author,
	text: string,
	at = new Date(),
	id = newId()
): string {
	const body = new Y.Text();
	body.insert(0, text.trim());
	reservations(doc).set(id, authored(author, { id, itemId: target.itemId, decisionId: target.decisionId, text: body, createdAt: at.toISOString() }));
	return id;
}

/** The live text of a reservation (replace it with `setText`). */
export function reservationText(doc: Y.Doc, id: string): Y.Text {
	const entry: unknown = reservations(doc).get(id);
	if (!(entry instanceof Y.Map)) throw new Error(`no reservation ${id}`);
	return liveText(entry);
}

export function removeReservation(doc: Y.Doc, id: string): void {
	reservations(doc).delete(id);
}

export function setText(text: Y.Text, value: string): void {
	text.doc!.transact(() => {
		text.delete(0, text.length);
		text.insert(0, value);
	});
}

export function removePerspective(doc: Y.Doc, id: string): void {
	perspectives(doc).delete(id);
}

// Any client with write access can store any value: readers leave out what is not an entry and
// salvage fields of the wrong type, so one bad value cannot break the meeting page for everyone.
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A Y.Text's content, or a string stored where a Y.Text belongs. */
const textOf = (value: unknown): string => (value instanceof Y.Text || typeof value === 'string' ? value.toString() : '');
const mapEntries = (map: Y.Map<unknown>) => [...(map.entries() as IterableIterator<[string, unknown]>)].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);

/** Every perspective, oldest first; its id is the key it is stored under (where changes look it up). */
export function listPerspectives(doc: Y.Doc): Perspective[] {
	return mapEntries(perspectives(doc))
		.map(([id, m]) => ({
			id,
			itemId: str(m.get('itemId')),
			authorId: str(m.get('authorId')),
			authorName: str(m.get('authorName')),
			agencyId: str(m.get('agencyId')),
			agencyName: str(m.get('agencyName')),
			text: textOf(m.get('text')),
			createdAt: str(m.get('createdAt'))
		}))
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Every reservation with some text, oldest first; its id is the key it is stored under. */
export function listReservations(doc: Y.Doc): Reservation[] {
	return mapEntries(reservations(doc))
		.map(([id, m]) => ({
			id,
			itemId: str(m.get('itemId')),
			decisionId: str(m.get('decisionId')),
			authorId: str(m.get('authorId')),
			authorName: str(m.get('authorName')),
			agencyId: str(m.get('agencyId')),
			agencyName: str(m.get('agencyName')),
			text: textOf(m.get('text')),
			createdAt: str(m.get('createdAt'))
		}))
		.filter((r) => r.decisionId !== '' && r.text.trim() !== '')
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Reservations by the decision they are made against. */
export function reservationsByDecision(list: readonly Reservation[]): Map<string, Reservation[]> {
	const byDecision = new Map<string, Reservation[]>();
	for (const r of list) byDecision.set(r.decisionId, [...(byDecision.get(r.decisionId) ?? []), r]);
	return byDecision;
}

export function perspectivesByItem(doc: Y.Doc): Map<string, Perspective[]> {
	const byItem = new Map<string, Perspective[]>();
	for (const p of listPerspectives(doc)) byItem.set(p.itemId, [...(byItem.get(p.itemId) ?? []), p]);
	return byItem;
}

/** Agenda items nobody has given a user perspective on yet (so the chair can invite one). */
export function itemsWithoutPerspective(doc: Y.Doc, itemIds: string[]): string[] {
	const byItem = perspectivesByItem(doc);
	return itemIds.filter((id) => !byItem.get(id)?.length);
}

/** The author's summary of the whole meeting, created empty on first use. */
export function summaryText(doc: Y.Doc, author: Author): Y.Text {
	let entry: unknown = summaries(doc).get(author.id);
	if (!(entry instanceof Y.Map)) {
		entry = authored(author, { text: new Y.Text() });
		summaries(doc).set(author.id, entry as Y.Map<unknown>);
	}
	return liveText(entry as Y.Map<unknown>);
}

export function listSummaries(doc: Y.Doc): Array<{ authorId: string; authorName: string; agencyName: string; text: string }> {
	// Keyed by author: the key is who the server let write it.
	return mapEntries(summaries(doc))
		.map(([authorId, m]) => ({
			authorId,
			authorName: str(m.get('authorName')),
			agencyName: str(m.get('agencyName')),
			text: textOf(m.get('text'))
		}))
		.filter((s) => s.text.trim() !== '');
}

/**
 * Erasure (issue 11, point 11): the person's perspectives, summaries and reservations keep their text, id and
 * agency, and lose the name: `authorName` becomes ''. An empty name is what "former member
 * (agency)" is shown for (`isErasedAuthor`); no member can write one, since every entry a member
 * writes must show the name the server records for them, and a name is never empty
 * (`judgeVoicesChange`). The id stays: summaries are keyed by it, and it names nobody any more
 * (the account row is anonymised). Returns how many entries it changed. Run by the server only.
 */
export function eraseAuthorName(doc: Y.Doc, authorId: string): number {
	let changed = 0;
	for (const root of [perspectives(doc), summaries(doc), reservations(doc)]) {
		for (const [, entry] of mapEntries(root)) {
			if (entry.get('authorId') !== authorId || entry.get('authorName') === '') continue;
			entry.set('authorName', '');
			changed++;
		}
	}
	return changed;
}

/** An entry whose author erased their account: shown as "former member (agency)". */
export const isErasedAuthor = (entry: { authorName: string }): boolean => entry.authorName === '';

/** What the server's check of a voices update concluded. */
export type VoicesVerdict = 'allowed' | 'not-author' | 'forged-identity';

const IDENTITY = ['authorId', 'authorName', 'agencyId', 'agencyName'] as const;
/** A field of an entry, or undefined when the entry is not a map (any client can store anything). */
const fieldOf = (entry: unknown, key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : undefined);
const sameIdentity = (a: unknown, b: unknown) => a instanceof Y.Map && b instanceof Y.Map && IDENTITY.every((key) => a.get(key) === b.get(key));
const showsWriter = (entry: unknown, writer: Author) =>
	// An empty name is how erasure marks a former member: nobody's own name (eraseAuthorName).
	writer.name !== '' &&
	entry instanceof Y.Map &&
	entry.get('authorId') === writer.id &&
	entry.get('authorName') === writer.name &&
	entry.get('agencyId') === writer.agencyId &&
	entry.get('agencyName') === writer.agencyName;

/**
 * May `writer` (their identity as the server knows it) make the change `update` to `doc`? Applies
 * it to a copy and checks every entry it touches:
 *
 * - authorship (`not-author`): the entry's author before and after must be the writer, unless
 *   `isOwner`; summaries are keyed by their author; nothing outside the roots may change
 *   (the owner included);
 * - identity (`forged-identity`), for everyone, the owner included: the name and agency an entry
 *   shows are set once, by its author, from the author's own record. An entry written or renamed
 *   by this update must show exactly the writer's id, name, agency id and agency name, and may only
 *   replace an entry of the writer's own; an entry whose identity this update leaves as it was
 *   (editing the text, even of an entry from before a rename) passes. No writer may show an empty
 *   name: that marks an erased author's entry, which only the server writes.
 *
 * Pure: `doc` is not modified. With `mirror` (a copy of `doc` the caller keeps in step with
 * it), the update is tried on the mirror and left there: the caller drops the mirror unless the
 * verdict is 'allowed' (then the same update goes into `doc`, and the two are equal again).
 */
export function judgeVoicesChange(doc: Y.Doc, update: Uint8Array, writer: Author, isOwner: boolean, mirror?: Y.Doc): VoicesVerdict {
	const copy = mirror ?? copyOf(doc);
	const detach: Array<() => void> = [];
	try {
		const touched: Array<{ root: (typeof ROOTS)[number]; key: string }> = [];
		let foreign = false;
		const rootName = new Map([...copy.share.entries()].map(([name, type]) => [type, name]));
		const onTransaction = (tr: Y.Transaction) => {
			for (const type of tr.changed.keys()) {
				// Walk up to the root type; a change under any root but ours is refused.
				let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
				while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
				const name = rootName.get(t) ?? [...copy.share.entries()].find(([, v]) => v === t)?.[0];
				if (!name || !(ROOTS as readonly string[]).includes(name)) foreign = true;
			}
		};
		copy.on('afterTransaction', onTransaction);
		detach.push(() => copy.off('afterTransaction', onTransaction));
		for (const root of ROOTS) {
			const map = copy.getMap<Y.Map<unknown>>(root);
			const observer = (events: Array<Y.YEvent<any>>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
				for (const event of events) {
					if (event.target === map) for (const key of event.keys.keys()) touched.push({ root, key });
					else touched.push({ root, key: String(event.path[0]) });
				}
			};
			map.observeDeep(observer);
			detach.push(() => map.unobserveDeep(observer));
		}
		Y.applyUpdate(copy, update);
		if (foreign) return 'not-author';
		const entries = touched.map(({ root, key }) => ({
			root,
			key,
			was: doc.getMap<unknown>(root).get(key),
			now: copy.getMap<unknown>(root).get(key)
		}));
		const authored = entries.every(({ root, key, was, now }) => {
			if (isOwner) return true;
			if (was !== undefined && fieldOf(was, 'authorId') !== writer.id) return false;
			if (now !== undefined && fieldOf(now, 'authorId') !== writer.id) return false;
			return root !== 'summaries' || key === writer.id;
		});
		if (!authored) return 'not-author';
		const honest = entries.every(({ root, key, was, now }) => {
			if (now === undefined) return true; // removed
			if (root === 'summaries' && fieldOf(now, 'authorId') !== key) return false;
			if (sameIdentity(was, now)) return true;
			return showsWriter(now, writer) && (!(was instanceof Y.Map) || was.get('authorId') === writer.id);
		});
		return honest ? 'allowed' : 'forged-identity';
	} catch {
		return 'not-author'; // an update that does not even apply is not allowed
	} finally {
		if (mirror) for (const undo of detach) undo();
		else copy.destroy();
	}
}

/** `judgeVoicesChange` as a yes or no. */
export function voicesChangeAllowed(doc: Y.Doc, update: Uint8Array, writer: Author, isOwner: boolean): boolean {
	return judgeVoicesChange(doc, update, writer, isOwner) === 'allowed';
}
