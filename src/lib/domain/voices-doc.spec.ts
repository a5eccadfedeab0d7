import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addPerspective,
	itemsWithoutPerspective,
	listPerspectives,
	listSummaries,
	perspectivesByItem,
	perspectiveText,
	removePerspective,
	setText,
	summaryText,
	voicesChangeAllowed
} from './voices-doc';

const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen' };
const erik = { id: 'erik', name: 'Erik Nilsson', agencyId: 'bo', agencyName: 'Åsbyhem' };
const karin = { id: 'karin', name: 'Karin Berg', agencyId: 'soc', agencyName: 'Socialtjänsten' };

/** The update a client would send after making `change` on its own replica of `base`. */
function updateFrom(base: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

describe('perspectives', () => {
	it('stay attributed to their author and agency, per agenda item', () => {
		const doc = new Y.Doc();
		addPerspective(doc, 'item-1', maria, '  Vi vill bli tillfrågade först. ', new Date('2026-11-13T12:00:00Z'));
		addPerspective(doc, 'item-1', erik, 'Hyresgästerna trivs.', new Date('2026-11-13T12:05:00Z'));
		addPerspective(doc, 'item-2', maria, 'Bra förslag.', new Date('2026-11-13T12:10:00Z'));
		expect(listPerspectives(doc).map((p) => [p.authorName, p.agencyName, p.text])).toEqual([
			['Maria Johansson', 'Brukarföreningen', 'Vi vill bli tillfrågade först.'],
			['Erik Nilsson', 'Åsbyhem', 'Hyresgästerna trivs.'],
			['Maria Johansson', 'Brukarföreningen', 'Bra förslag.']
		]);
		expect(perspectivesByItem(doc).get('item-1')).toHaveLength(2);
		expect(itemsWithoutPerspective(doc, ['item-1', 'item-2', 'item-3'])).toEqual(['item-3']);
	});

	it('are edited in place and removed', () => {
		const doc = new Y.Doc();
		const id = addPerspective(doc, 'i', maria, 'Först');
		setText(perspectiveText(doc, id), 'Sedan');
		expect(listPerspectives(doc)[0].text).toBe('Sedan');
		removePerspective(doc, id);
		expect(listPerspectives(doc)).toEqual([]);
		expect(() => perspectiveText(doc, id)).toThrow();
	});

	it('keeps one summary per author, listing only written ones', () => {
		const doc = new Y.Doc();
		summaryText(doc, maria).insert(0, 'Ett bra möte för oss.');
		summaryText(doc, erik); // opened, never written
		expect(summaryText(doc, maria).toString()).toBe('Ett bra möte för oss.');
		expect(listSummaries(doc)).toEqual([{ authorId: 'maria', authorName: 'Maria Johansson', agencyName: 'Brukarföreningen', text: 'Ett bra möte för oss.' }]);
	});
});

describe('voicesChangeAllowed (the server’s check of every voices update)', () => {
	const doc = new Y.Doc();
	const marias = addPerspective(doc, 'item-1', maria, 'Mina ord');
	summaryText(doc, maria).insert(0, 'Sammanfattning');

	it('lets anyone add their own perspective, never one in someone else’s name', () => {
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => addPerspective(d, 'item-1', erik, 'x')), erik, false)).toBe(true);
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => addPerspective(d, 'item-1', maria, 'x')), erik, false)).toBe(false);
	});

	it('lets only the author (or the owner) edit or remove a perspective', () => {
		const edit = updateFrom(doc, (d) => setText(perspectiveText(d, marias), 'Ändrat'));
		const remove = updateFrom(doc, (d) => removePerspective(d, marias));
		expect(voicesChangeAllowed(doc, edit, maria, false)).toBe(true);
		expect(voicesChangeAllowed(doc, edit, erik, false)).toBe(false);
		expect(voicesChangeAllowed(doc, edit, karin, true)).toBe(true);
		expect(voicesChangeAllowed(doc, remove, erik, false)).toBe(false);
		expect(voicesChangeAllowed(doc, remove, maria, false)).toBe(true);
	});

	it('lets only the author write their summary', () => {
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => summaryText(d, maria).insert(0, 'Mer. ')), maria, false)).toBe(true);
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => summaryText(d, maria).insert(0, 'Mer. ')), erik, false)).toBe(false);
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => summaryText(d, erik).insert(0, 'Min')), erik, false)).toBe(true);
	});

	it('refuses anything outside the voices layout, even from the owner, and updates that do not apply', () => {
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => d.getText('annat').insert(0, 'x')), maria, false)).toBe(false);
		expect(voicesChangeAllowed(doc, updateFrom(doc, (d) => d.getMap('agenda').set('x', 1)), karin, true)).toBe(false);
		expect(voicesChangeAllowed(doc, new Uint8Array([1, 2, 3, 4]), maria, false)).toBe(false);
	});

	it('does not modify the document it checks against', () => {
		const before = Y.encodeStateAsUpdate(doc);
		voicesChangeAllowed(doc, updateFrom(doc, (d) => addPerspective(d, 'item-9', erik, 'x')), erik, false);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});

describe('reading a voices document damaged by some client', () => {
	function hostile() {
		const doc = new Y.Doc();
		const good = addPerspective(doc, 'item-1', maria, 'Riktiga ord', new Date('2026-11-13T12:00:00Z'));
		summaryText(doc, maria).insert(0, 'Riktig sammanfattning');
		const perspectives = doc.getMap<unknown>('perspectives');
		perspectives.set('string', 'inte ett perspektiv');
		perspectives.set('null', null);
		perspectives.set('number', 1);
		const typed = new Y.Map<unknown>();
		perspectives.set('typed', typed);
		for (const [key, value] of Object.entries({ id: 5, itemId: ['item-1'], authorId: 'erik', authorName: new Y.Text('Erik'), agencyId: null, agencyName: 3, createdAt: { when: 'nu' } })) typed.set(key, value);
		typed.set('text', 'text som sträng');
		const summaries = doc.getMap<unknown>('summaries');
		summaries.set('junk', 'inte en sammanfattning');
		const odd = new Y.Map<unknown>();
		summaries.set('erik', odd);
		odd.set('authorId', 'erik');
		odd.set('text', 'sammanfattning som sträng');
		return { doc, good };
	}

	it('lists the perspectives that are perspectives, salvaging wrong field types', () => {
		const { doc, good } = hostile();
		const list = listPerspectives(doc);
		expect(list.map((p) => p.id).sort()).toEqual([good, 'typed'].sort());
		expect(list.find((p) => p.id === 'typed')).toEqual({
			id: 'typed',
			itemId: '',
			authorId: 'erik',
			authorName: '',
			agencyId: '',
			agencyName: '',
			text: 'text som sträng',
			createdAt: ''
		});
		expect(perspectivesByItem(doc).get('item-1')!.map((p) => p.id)).toEqual([good]);
	});

	it('lists the summaries that are summaries', () => {
		const { doc } = hostile();
		expect(listSummaries(doc).map((s) => [s.authorId, s.text])).toEqual([
			['maria', 'Riktig sammanfattning'],
			['erik', 'sammanfattning som sträng']
		]);
	});

	it('lets a perspective whose text was stored as a plain string be edited again', () => {
		const { doc } = hostile();
		setText(perspectiveText(doc, 'typed'), 'Nya ord');
		expect(listPerspectives(doc).find((p) => p.id === 'typed')!.text).toBe('Nya ord');
		expect(() => perspectiveText(doc, 'string')).toThrow();
	});
});
