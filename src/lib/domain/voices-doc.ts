import * as Y from 'yjs';
import { newId } from './ids.js';

/**
 * Layout of `meeting:<id>:voices`: the user associations' own words, kept apart from the minutes.
 *
 *   perspectives  Y.Map  perspectiveId → Y.Map { id, itemId, authorId, authorName, agencyId,
 *                                                 agencyName, text: Y.Text, createdAt }
 *   summaries     Y.Map  authorId → Y.Map { authorId, authorName, agencyId, agencyName, text: Y.Text }
 *
 * Every entry names its author; only the author (or the board's owner) may change it. The
 * server enforces that with `voicesChangeAllowed` on every update before applying it.
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

const ROOTS = ['perspectives', 'summaries'] as const;
const perspectives = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('perspectives');
const summaries = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('summaries');

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

/** The live text of a perspective (bind an editor to it, or replace it with `setText`). */
export function perspectiveText(doc: Y.Doc, id: string): Y.Text {
	const entry = perspectives(doc).get(id);
	if (!entry) throw new Error(`no perspective ${id}`);
	return entry.get('text') as Y.Text;
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

export function listPerspectives(doc: Y.Doc): Perspective[] {
	return [...perspectives(doc).values()]
		.map((m) => ({
			id: m.get('id') as string,
			itemId: m.get('itemId') as string,
			authorId: m.get('authorId') as string,
			authorName: m.get('authorName') as string,
			agencyId: m.get('agencyId') as string,
			agencyName: m.get('agencyName') as string,
			text: (m.get('text') as Y.Text | undefined)?.toString() ?? '',
			createdAt: m.get('createdAt') as string
		}))
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
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
	let entry = summaries(doc).get(author.id);
	if (!entry) {
		entry = authored(author, { text: new Y.Text() });
		summaries(doc).set(author.id, entry);
	}
	return entry.get('text') as Y.Text;
}

export function listSummaries(doc: Y.Doc): Array<{ authorId: string; authorName: string; agencyName: string; text: string }> {
	return [...summaries(doc).values()]
		.map((m) => ({
			authorId: m.get('authorId') as string,
			authorName: m.get('authorName') as string,
			agencyName: m.get('agencyName') as string,
			text: (m.get('text') as Y.Text | undefined)?.toString() ?? ''
		}))
		.filter((s) => s.text.trim() !== '');
}

/**
 * May `userId` make the change `update` to `doc`? Applies it to a copy and checks every entry it
 * touches: the entry's author before and after must be the user (or `isOwner`); nothing outside
 * the two known roots may change; summaries are keyed by their author. Pure: `doc` is not modified.
 */
export function voicesChangeAllowed(doc: Y.Doc, update: Uint8Array, userId: string, isOwner: boolean): boolean {
	const copy = new Y.Doc({ gc: false });
	try {
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const touched: Array<{ root: (typeof ROOTS)[number]; key: string }> = [];
		let foreign = false;
		const rootName = new Map([...copy.share.entries()].map(([name, type]) => [type, name]));
		copy.on('afterTransaction', (tr: Y.Transaction) => {
			for (const type of tr.changed.keys()) {
				// Walk up to the root type; a change under any root but ours is refused.
				let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
				while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
				const name = rootName.get(t) ?? [...copy.share.entries()].find(([, v]) => v === t)?.[0];
				if (!name || !(ROOTS as readonly string[]).includes(name)) foreign = true;
			}
		});
		for (const root of ROOTS) {
			const map = copy.getMap<Y.Map<unknown>>(root);
			map.observeDeep((events) => {
				for (const event of events) {
					if (event.target === map) for (const key of event.keys.keys()) touched.push({ root, key });
					else touched.push({ root, key: String(event.path[0]) });
				}
			});
		}
		Y.applyUpdate(copy, update);
		if (foreign) return false;
		if (isOwner) return true;
		return touched.every(({ root, key }) => {
			const was = doc.getMap<Y.Map<unknown>>(root).get(key);
			const now = copy.getMap<Y.Map<unknown>>(root).get(key);
			if (was && was.get('authorId') !== userId) return false;
			if (now && now.get('authorId') !== userId) return false;
			return root !== 'summaries' || key === userId;
		});
	} catch {
		return false; // an update that does not even apply is not allowed
	} finally {
		copy.destroy();
	}
}
