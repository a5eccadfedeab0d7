import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAgendaItem, addGuest, itemMinutes, listAgenda, listDecisions, listGuests, recordDecision, removeAgendaItem, removeDecision, setMeetingRole, updateAgendaItem } from '../meeting-doc';
import { appendBlocks, minutesText } from '../minutes-doc';
import { mayRestore, restoreItem, restoreMeeting } from './restore';

/** A copy of `doc` as it is now: what the history replays a version into. */
function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}
const text = (doc: Y.Doc, itemId: string) => itemMinutes(doc, itemId)!.toString();

function meeting() {
	const doc = new Y.Doc();
	const a = addAgendaItem(doc, { title: 'Boende' });
	const b = addAgendaItem(doc, { title: 'Arbete' });
	appendBlocks(itemMinutes(doc, a)!, [{ type: 'paragraph', text: ['Första stycket.'] }, { type: 'paragraph', text: ['Andra stycket.'] }]);
	recordDecision(doc, a, { text: 'Vi bjuder in.', createdBy: 'u1' });
	return { doc, a, b };
}

describe('restore', () => {
	it('brings back a deleted paragraph and decision of one §, in place, leaving the other § alone', () => {
		const { doc, a, b } = meeting();
		const then = copyOf(doc);
		const fragment = itemMinutes(doc, a)!;
		fragment.delete(1, 1);
		removeDecision(doc, a, listDecisions(doc)[0].id);
		updateAgendaItem(doc, b, { title: 'Arbete och studier' });
		expect(text(doc, a)).not.toContain('Andra stycket.');

		expect(restoreItem(doc, then, a)).toBe(true);
		expect(text(doc, a)).toBe(text(then, a));
		expect(itemMinutes(doc, a)).toBe(fragment); // the same type: bound editors keep working
		expect(listDecisions(doc).map((d) => d.text)).toEqual(['Vi bjuder in.']);
		expect(listAgenda(doc).find((i) => i.id === b)?.title).toBe('Arbete och studier');
	});

	it('brings back a § deleted since, and says when the version had no such §', () => {
		const { doc, a } = meeting();
		const then = copyOf(doc);
		removeAgendaItem(doc, a);
		expect(restoreItem(doc, then, a)).toBe(true);
		expect(listAgenda(doc).map((i) => i.title)).toEqual(['Boende', 'Arbete']);
		expect(text(doc, a)).toBe(text(then, a));
		expect(restoreItem(doc, then, 'nope')).toBe(false);
	});

	it('restores the whole meeting document but not its chair, secretary or status', () => {
		const { doc, a } = meeting();
		addGuest(doc, { name: 'Gäst', agency: 'Hyresgästföreningen' });
		const then = copyOf(doc);
		const c = addAgendaItem(doc, { title: 'Tillagd sedan' });
		removeAgendaItem(doc, a);
		addGuest(doc, { name: 'Ny gäst', agency: 'X' });
		setMeetingRole(doc, 'chairId', 'u-chair');
		doc.getXmlFragment('minutes').insert(0, [new Y.XmlText('Övrigt')]);

		restoreMeeting(doc, then);
		expect(listAgenda(doc).map((i) => i.title)).toEqual(listAgenda(then).map((i) => i.title));
		expect(listAgenda(doc).some((i) => i.id === c)).toBe(false);
		expect(listGuests(doc).map((g) => g.name)).toEqual(['Gäst']);
		expect(minutesText(doc)).toBe(minutesText(then));
		expect(doc.getMap('meta').get('chairId')).toBe('u-chair');
	});

	it('changes nothing when nothing differs', () => {
		const { doc, a } = meeting();
		const then = copyOf(doc);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		restoreItem(doc, then, a);
		restoreMeeting(doc, then);
		expect(updates).toHaveLength(0);
	});

	it('lets owners and editors restore, nobody else', () => {
		expect([mayRestore('owner'), mayRestore('editor'), mayRestore('contributor'), mayRestore('viewer'), mayRestore(null)]).toEqual([true, true, false, false, false]);
	});
});
