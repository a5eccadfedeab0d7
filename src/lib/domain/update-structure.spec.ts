import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { inspectUpdate } from './update-structure.js';
import { RICH_TEXT_DEPTH, STRUCTURE_RULES } from './doc-structure-rules.js';
import { addAgendaItem, itemMinutes, recordDecision, setAttendance, addGuest, setMeetingStatus } from './meeting-doc.js';
import { createAction, setActionStatus } from './board-doc.js';
import { addPerspective, summaryText } from './voices-doc.js';
import { askForFloor, SPEAKERS_ROOT } from './speaker-list.js';

/** Every update `change` makes to a copy of `base`, as the server would receive it. */
function updatesOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array[] {
	const doc = new Y.Doc({ gc: false });
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	change(doc);
	return out;
}

const merged = (base: Y.Doc, change: (doc: Y.Doc) => void) => Y.mergeUpdates(updatesOf(base, change));

function nestedMaps(doc: Y.Doc, root: string, depth: number): void {
	doc.transact(() => {
		let current = new Y.Map<unknown>();
		doc.getMap(root).set('x', current);
		for (let i = 1; i < depth; i++) {
			const next = new Y.Map<unknown>();
			current.set('n', next);
			current = next;
		}
	});
}

/** A list nested `levels` deep in the notes, as TipTap writes it. */
function nestedList(fragment: Y.XmlFragment, levels: number): void {
	let parent: Y.XmlFragment | Y.XmlElement = fragment;
	for (let i = 0; i < levels; i++) {
		const list = new Y.XmlElement('bulletList');
		const item = new Y.XmlElement('listItem');
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		text.insert(0, `nivå ${i}`);
		paragraph.insert(0, [text]);
		item.insert(0, [paragraph]);
		list.insert(0, [item]);
		parent.insert(parent.length, [list]);
		parent = item;
	}
}

describe('inspectUpdate: honest changes pass', () => {
	it('a meeting built with the domain functions, including typed minutes and nested lists', () => {
		const doc = new Y.Doc();
		for (const update of updatesOf(doc, (d) => {
			const id = addAgendaItem(d, { title: 'Bostad först' });
			recordDecision(d, id, { text: 'Vi beslutar', createdBy: 'u1' });
			setAttendance(d, ['u1', 'u2'], 'present');
			addGuest(d, { name: 'Gäst', agency: 'Region' });
			setMeetingStatus(d, 'in_progress');
			const minutes = itemMinutes(d, id)!;
			const paragraph = new Y.XmlElement('paragraph');
			const text = new Y.XmlText();
			paragraph.insert(0, [text]);
			minutes.insert(0, [paragraph]);
			for (const ch of 'Protokollet skrivs tecken för tecken') text.insert(text.length, ch);
			text.format(0, 5, { bold: {} });
			text.format(6, 4, { link: { href: 'https://example.org', target: '_blank' } });
			nestedList(minutes, 12);
			nestedList(d.getXmlFragment('minutes'), 15);
		})) {
			const report = inspectUpdate(doc, update, STRUCTURE_RULES.meeting);
			expect(report.violation).toBeNull();
			expect(report.missing).toBe(false);
			Y.applyUpdate(doc, update);
		}
	});

	it('a board with an action and a status change, and a voices document with a perspective and a summary', () => {
		const board = new Y.Doc();
		const boardUpdate = merged(board, (d) => {
			const id = createAction(d, { title: 'Ring hyresvärden', agencyId: 'a1', raisedByAgencyId: 'a2', createdBy: 'u1' });
			setActionStatus(d, id, 'done', 'u1');
		});
		expect(inspectUpdate(board, boardUpdate, STRUCTURE_RULES.board)).toMatchObject({ violation: null, missing: false, newTypes: 2, maxDepth: 2 });

		const voices = new Y.Doc();
		const author = { id: 'u3', name: 'Maria', agencyId: 'a3', agencyName: 'Brukarföreningen' };
		const voicesUpdate = merged(voices, (d) => {
			addPerspective(d, 'item1', author, 'Vi vill bli hörda');
			summaryText(d, author).insert(0, 'Sammanfattning');
		});
		expect(inspectUpdate(voices, voicesUpdate, STRUCTURE_RULES.voices)).toMatchObject({ violation: null, missing: false, maxDepth: 2 });
	});
});

describe('inspectUpdate: hostile updates are found before they are applied', () => {
	it('a map nested thousands of levels deep (the update that made documents unloadable)', () => {
		const doc = new Y.Doc();
		const report = inspectUpdate(doc, merged(doc, (d) => nestedMaps(d, 'agenda', 4000)), STRUCTURE_RULES.meeting);
		expect(report.violation).toMatchObject({ kind: 'too-deep' });
	});

	it('nesting that continues an existing deep branch is measured from where it attaches', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, merged(doc, (d) => nestedMaps(d, 'agenda', 38)));
		const deeper = merged(doc, (d) => {
			let current = d.getMap('agenda').get('x') as Y.Map<unknown>;
			while (current.get('n')) current = current.get('n') as Y.Map<unknown>;
			const extra = new Y.Map<unknown>();
			current.set('n', extra);
			extra.set('n', new Y.Map());
			(extra.get('n') as Y.Map<unknown>).set('n', new Y.Map());
		});
		expect(inspectUpdate(doc, deeper, STRUCTURE_RULES.meeting)).toMatchObject({ violation: null, maxDepth: 41 });
		expect(inspectUpdate(doc, deeper, STRUCTURE_RULES.board).violation).toMatchObject({ kind: 'unknown-root', root: 'agenda' });
		expect(inspectUpdate(doc, deeper, { ...STRUCTURE_RULES.meeting, maxTypeDepth: 40 }).violation).toMatchObject({ kind: 'too-deep', depth: 41 });
	});

	it('rich text nested deeper than any minutes', () => {
		const doc = new Y.Doc();
		const update = merged(doc, (d) => nestedList(d.getXmlFragment('minutes'), RICH_TEXT_DEPTH));
		expect(inspectUpdate(doc, update, STRUCTURE_RULES.meeting).violation).toMatchObject({ kind: 'too-deep' });
	});

	it('writes outside the layout: another root, a sub-document, binary content, an XML hook', () => {
		const doc = new Y.Doc();
		expect(inspectUpdate(doc, merged(doc, (d) => d.getText('evil').insert(0, 'x')), STRUCTURE_RULES.meeting).violation).toEqual({ kind: 'unknown-root', root: 'evil' });
		expect(inspectUpdate(doc, merged(doc, (d) => d.getMap('actions').set('s', new Y.Doc())), STRUCTURE_RULES.board).violation).toMatchObject({ content: 'sub-document' });
		expect(inspectUpdate(doc, merged(doc, (d) => d.getMap('actions').set('b', new Uint8Array(4))), STRUCTURE_RULES.board).violation).toMatchObject({ content: 'binary' });
		expect(inspectUpdate(doc, merged(doc, (d) => d.getXmlFragment('minutes').insert(0, [new Y.XmlHook('h') as unknown as Y.XmlElement])), STRUCTURE_RULES.meeting).violation).toMatchObject({
			content: 'xml-hook'
		});
	});

	it('a JSON value nested deep, and more new types than any paste', () => {
		const doc = new Y.Doc();
		let value: unknown = 'botten';
		for (let i = 0; i < 50; i++) value = { v: value };
		expect(inspectUpdate(doc, merged(doc, (d) => d.getMap('attendance').set('u1', value)), STRUCTURE_RULES.meeting).violation).toEqual({ kind: 'value-too-deep' });
		const many = merged(doc, (d) =>
			d.transact(() => {
				for (let i = 0; i < 20_001; i++) d.getMap('actions').set(`a${i}`, new Y.Map());
			})
		);
		expect(inspectUpdate(doc, many, STRUCTURE_RULES.board).violation).toMatchObject({ kind: 'too-many-types' });
	});

	it('the speaker list holds plain values only: a shared type or a deep value under it is refused', () => {
		const doc = new Y.Doc();
		const honest = merged(doc, (d) => askForFloor(d, { userId: 'u1', name: 'Anna', agencyId: 'soc' }));
		expect(inspectUpdate(doc, honest, STRUCTURE_RULES.meeting).violation).toBeNull();
		expect(inspectUpdate(doc, merged(doc, (d) => d.getMap(SPEAKERS_ROOT).set('x', new Y.Map())), STRUCTURE_RULES.meeting).violation).toMatchObject({ kind: 'content-not-in-layout' });
		expect(inspectUpdate(doc, merged(doc, (d) => nestedMaps(d, SPEAKERS_ROOT, 3000)), STRUCTURE_RULES.meeting).violation).toMatchObject({ kind: 'content-not-in-layout' });
		expect(inspectUpdate(doc, merged(doc, (d) => d.getArray(SPEAKERS_ROOT).insert(0, [new Y.Text('x')])), STRUCTURE_RULES.meeting).violation).toMatchObject({ kind: 'content-not-in-layout' });
		let value: unknown = 'botten';
		for (let i = 0; i < 50; i++) value = { v: value };
		expect(inspectUpdate(doc, merged(doc, (d) => d.getMap(SPEAKERS_ROOT).set('x', value)), STRUCTURE_RULES.meeting).violation).toEqual({ kind: 'value-too-deep' });
		// Another document kind has no speaker list at all.
		expect(inspectUpdate(doc, honest, STRUCTURE_RULES.board).violation).toEqual({ kind: 'unknown-root', root: SPEAKERS_ROOT });
	});

	it('bytes that are not an update', () => {
		const doc = new Y.Doc();
		expect(inspectUpdate(doc, new Uint8Array([1, 200, 200, 200, 200, 200]), STRUCTURE_RULES.meeting).violation).toMatchObject({ kind: 'malformed' });
	});
});

describe('inspectUpdate: author stamps name the writer', () => {
	it('a decision or an action created in the writer’s own name passes; in someone else’s it is forged', () => {
		const meeting = new Y.Doc();
		const itemId = (() => {
			let id = '';
			Y.applyUpdate(meeting, merged(meeting, (d) => (id = addAgendaItem(d, { title: 'A' }))));
			return id;
		})();
		const decisionBy = (who: string) => merged(meeting, (d) => recordDecision(d, itemId, { text: 'Beslut', createdBy: who }));
		expect(inspectUpdate(meeting, decisionBy('anna'), STRUCTURE_RULES.meeting, 'anna').violation).toBeNull();
		expect(inspectUpdate(meeting, decisionBy('bo'), STRUCTURE_RULES.meeting, 'anna').violation).toEqual({ kind: 'forged-author', key: 'createdBy' });
		// Without a known writer (stored content at load) stamps are not judged.
		expect(inspectUpdate(meeting, decisionBy('bo'), STRUCTURE_RULES.meeting).violation).toBeNull();

		const board = new Y.Doc();
		const action = (who: string) => merged(board, (d) => createAction(d, { title: 'Ring', agencyId: 'a1', raisedByAgencyId: 'a2', createdBy: who }));
		expect(inspectUpdate(board, action('anna'), STRUCTURE_RULES.board, 'anna').violation).toBeNull();
		expect(inspectUpdate(board, action('bo'), STRUCTURE_RULES.board, 'anna').violation).toMatchObject({ kind: 'forged-author' });
	});

	it('taking over an existing entry by re-stamping it, and a status change in someone else’s name, are forged', () => {
		const board = new Y.Doc();
		let id = '';
		Y.applyUpdate(board, merged(board, (d) => (id = createAction(d, { title: 'Ring', agencyId: 'a1', raisedByAgencyId: 'a2', createdBy: 'bo' }))));
		const restamp = merged(board, (d) => (d.getMap('actions').get(id) as Y.Map<unknown>).set('createdBy', 'anna'));
		expect(inspectUpdate(board, restamp, STRUCTURE_RULES.board, 'anna').violation).toEqual({ kind: 'forged-author', key: 'createdBy' });
		expect(inspectUpdate(board, merged(board, (d) => setActionStatus(d, id, 'done', 'anna')), STRUCTURE_RULES.board, 'anna').violation).toBeNull();
		expect(inspectUpdate(board, merged(board, (d) => setActionStatus(d, id, 'done', 'bo')), STRUCTURE_RULES.board, 'anna').violation).toEqual({ kind: 'forged-author', key: 'by' });
	});
});

describe('inspectUpdate: what Yjs would keep pending', () => {
	it('an update that continues content the document lacks, until that content is there', () => {
		const doc = new Y.Doc();
		const writer = new Y.Doc();
		const updates: Uint8Array[] = [];
		writer.on('update', (u: Uint8Array) => updates.push(u));
		writer.getText('minutes').insert(0, 'först');
		writer.getText('minutes').insert(5, ' sedan');
		const [first, second] = updates;
		expect(inspectUpdate(doc, second, STRUCTURE_RULES.meeting).missing).toBe(true);
		expect(inspectUpdate(doc, Y.mergeUpdates([second]), STRUCTURE_RULES.meeting).missing).toBe(true);
		Y.applyUpdate(doc, first);
		expect(inspectUpdate(doc, second, STRUCTURE_RULES.meeting)).toMatchObject({ missing: false, violation: null });
		expect(inspectUpdate(new Y.Doc(), Y.mergeUpdates([first, second]), STRUCTURE_RULES.meeting).missing).toBe(false);
	});

	it('an insertion next to another client’s content the document never had', () => {
		const other = new Y.Doc();
		other.getText('minutes').insert(0, 'annan');
		const writer = new Y.Doc();
		Y.applyUpdate(writer, Y.encodeStateAsUpdate(other));
		const updates = updatesOf(writer, (d) => d.getText('minutes').insert(5, ' person'));
		expect(inspectUpdate(new Y.Doc(), updates[0], STRUCTURE_RULES.meeting).missing).toBe(true);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(inspectUpdate(doc, updates[0], STRUCTURE_RULES.meeting).missing).toBe(false);
	});

	it('a delete of content nobody has', () => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0); // no structs
		encoding.writeVarUint(e, 1); // one client in the delete set
		encoding.writeVarUint(e, 987654);
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 10);
		encoding.writeVarUint(e, 5);
		const report = inspectUpdate(new Y.Doc(), encoding.toUint8Array(e), STRUCTURE_RULES.meeting);
		expect(report).toMatchObject({ violation: null, missing: true });
	});

	it('an update the document already holds is neither missing nor new', () => {
		const doc = new Y.Doc();
		const update = merged(doc, (d) => addAgendaItem(d, { title: 'A' }));
		Y.applyUpdate(doc, update);
		expect(inspectUpdate(doc, update, STRUCTURE_RULES.meeting)).toMatchObject({ violation: null, missing: false, newTypes: 0 });
	});
});
