import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addPerspective,
	eraseAuthorName,
	isErasedAuthor,
	itemsWithoutPerspective,
	judgeVoicesChange,
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

describe('erasure: an author’s name goes, their words and agency stay', () => {
	function meeting() {
		const doc = new Y.Doc();
		const hers = addPerspective(doc, 'item-1', maria, 'Vi vill bli tillfrågade.', new Date('2026-11-13T12:00:00Z'));
		addPerspective(doc, 'item-1', erik, 'Hyresgästerna trivs.', new Date('2026-11-13T12:05:00Z'));
		summaryText(doc, maria).insert(0, 'Ett bra möte.');
		summaryText(doc, erik).insert(0, 'Kort möte.');
		return { doc, hers };
	}

	it('empties the name on her perspectives and summary only, keeping text, id and agency', () => {
		const { doc } = meeting();
		expect(eraseAuthorName(doc, 'maria')).toBe(2);
		expect(listPerspectives(doc).map((p) => [p.authorId, p.authorName, p.agencyName, p.text])).toEqual([
			['maria', '', 'Brukarföreningen', 'Vi vill bli tillfrågade.'],
			['erik', 'Erik Nilsson', 'Åsbyhem', 'Hyresgästerna trivs.']
		]);
		expect(listSummaries(doc).map((s) => [s.authorId, s.authorName, s.text])).toEqual([
			['maria', '', 'Ett bra möte.'],
			['erik', 'Erik Nilsson', 'Kort möte.']
		]);
		expect(listPerspectives(doc).map(isErasedAuthor)).toEqual([true, false]);
		expect(eraseAuthorName(doc, 'maria')).toBe(0); // done already
	});

	it('cannot be forged: no member writes a nameless entry, nor blanks a name, the owner neither', () => {
		const { doc } = meeting();
		const nameless = { ...erik, name: '' };
		// A new perspective or summary showing no name, even with the writer's own id and agency.
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => addPerspective(d, 'item-1', nameless, 'x')), nameless, false)).toBe('forged-identity');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => addPerspective(d, 'item-1', nameless, 'x')), erik, false)).toBe('forged-identity');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => eraseAuthorName(d, 'erik')), erik, false)).toBe('forged-identity');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => eraseAuthorName(d, 'maria')), maria, false)).toBe('forged-identity');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => eraseAuthorName(d, 'maria')), karin, true)).toBe('forged-identity');
		// After her erasure: only the owner may still edit or remove her words; nobody may put a name back.
		const { doc: after, hers: erased } = meeting();
		eraseAuthorName(after, 'maria');
		const edit = updateFrom(after, (d) => setText(perspectiveText(d, erased), 'Ändrat'));
		expect(judgeVoicesChange(after, edit, erik, false)).toBe('not-author');
		expect(judgeVoicesChange(after, edit, karin, true)).toBe('allowed');
		expect(judgeVoicesChange(after, updateFrom(after, (d) => removePerspective(d, erased)), karin, true)).toBe('allowed');
		const rename = updateFrom(after, (d) => (d.getMap('perspectives').get(erased) as Y.Map<unknown>).set('authorName', 'Karin Berg'));
		expect(judgeVoicesChange(after, rename, karin, true)).toBe('forged-identity');
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
