import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, recordDecision, setAttendance } from '$lib/domain/meeting-doc';
import { addPerspective } from '$lib/domain/voices-doc';
import { DocView } from './doc-view.svelte';
import { readMeeting, readVoices } from './meeting-views';

describe('DocView over the meeting document', () => {
	it('follows every change made through the layout functions', () => {
		const doc = new Y.Doc();
		const view = new DocView(doc, readMeeting);
		expect(view.value.agenda).toEqual([]);

		const id = addAgendaItem(doc, { title: 'Boende först', plannedMinutes: 30 });
		recordDecision(doc, id, { text: 'Vi bjuder in hyresgäster.', createdBy: 'u1' });
		setAttendance(doc, ['u1'], 'present');

		expect(view.value.agenda.map((i) => `§ ${i.number} ${i.title}`)).toEqual(['§ 1 Boende först']);
		expect(view.value.decisions.map((d) => [d.number, d.itemNumber, d.text])).toEqual([[1, 1, 'Vi bjuder in hyresgäster.']]);
		expect(view.value.attendance).toEqual({ u1: 'present' });
		view.destroy();
	});

	it('keeps the same snapshot while only an item’s minutes change (typing does not re-render the agenda)', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { title: 'Lägesbild' });
		const view = new DocView(doc, readMeeting);
		const before = view.value;
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Tre är inflyttade.')]);
		itemMinutes(doc, id)!.insert(0, [paragraph]);
		expect(view.value).toBe(before);
		view.destroy();
	});

	it('applies remote updates too, and stops listening when destroyed', () => {
		const here = new Y.Doc();
		const there = new Y.Doc();
		const view = new DocView(here, readMeeting);
		addAgendaItem(there, { title: 'Från en annan dator' });
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there));
		expect(view.value.agenda.map((i) => i.title)).toEqual(['Från en annan dator']);
		view.destroy();
		addAgendaItem(here, { title: 'Efteråt' });
		expect(view.value.agenda).toHaveLength(1);
	});
});

describe('DocView over the voices document', () => {
	it('lists perspectives with their authors', () => {
		const doc = new Y.Doc();
		const view = new DocView(doc, readVoices);
		addPerspective(doc, 'item1', { id: 'u2', name: 'Maria', agencyId: 'a1', agencyName: 'Brukarföreningen' }, '  Egna ord.  ');
		expect(view.value.perspectives.map((p) => [p.itemId, p.authorName, p.agencyName, p.text])).toEqual([['item1', 'Maria', 'Brukarföreningen', 'Egna ord.']]);
		expect(view.value.summaries).toEqual([]);
		view.destroy();
	});
});
