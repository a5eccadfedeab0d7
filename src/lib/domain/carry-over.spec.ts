import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, listAgenda, listDecisions, recordDecision, updateAgendaItem } from './meeting-doc';
import { addBacklogItem, carriedFrom, carriedOrigins, carriedTo, carryOver, carryRefusal, copyItemInto, markCarried, minutesText, postponedItems } from './carry-over';

function paragraph(text: string, bold = false): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	t.insert(0, text, bold ? { bold: true } : undefined);
	p.insert(0, [t]);
	return p;
}

function sourceMeeting() {
	const doc = new Y.Doc();
	addAgendaItem(doc, { title: 'Öppnande' }, 'open');
	const id = addAgendaItem(doc, { title: 'Boendestöd för unga', presenterAgencyId: 'ag-soc', plannedMinutes: 20, internal: true, internalReason: 'personal_data' }, 'item-1');
	itemMinutes(doc, id)!.insert(0, [paragraph('Vi väntar på underlag från '), paragraph('bostadsbolaget', true)]);
	recordDecision(doc, id, { text: 'Frågan bordläggs', createdBy: 'u1' });
	updateAgendaItem(doc, id, { status: 'postponed' });
	return doc;
}

describe('carry-over', () => {
	it('copies a postponed item with its fields and minutes to the target and marks the original', () => {
		const source = sourceMeeting();
		const target = new Y.Doc();
		addAgendaItem(target, { title: 'Öppnande' });
		const at = new Date('2026-12-02T10:00:00Z');
		const copyId = carryOver(source, target, 'item-1', { sourceMeetingId: 'm1', targetMeetingId: 'm2' }, at, 'copy-1');

		const copy = listAgenda(target).find((i) => i.id === copyId)!;
		expect(copy).toMatchObject({ number: 2, title: 'Boendestöd för unga', presenterAgencyId: 'ag-soc', plannedMinutes: 20, internal: true, internalReason: 'personal_data', status: 'pending' });
		expect(itemMinutes(target, copyId)!.toString()).toBe(itemMinutes(source, 'item-1')!.toString());
		expect(itemMinutes(target, copyId)!.toString()).toContain('<bold>bostadsbolaget</bold>');
		// Decisions belong to the meeting they were taken in.
		expect(listDecisions(target)).toEqual([]);
		expect(carriedFrom(target, copyId)).toEqual({ meetingId: 'm1', itemId: 'item-1' });
		expect(carriedOrigins(target)).toEqual(new Set(['m1/item-1']));

		expect(carriedTo(source, 'item-1')).toEqual({ kind: 'meeting', meetingId: 'm2', itemId: 'copy-1', at: at.toISOString() });
		expect(listAgenda(source).find((i) => i.id === 'item-1')!.status).toBe('postponed');
		expect(listDecisions(source)).toHaveLength(1);
		expect(postponedItems(source)).toEqual([]);
	});

	it('survives the round trip of both documents as updates (what the server stores)', () => {
		const source = sourceMeeting();
		const target = new Y.Doc();
		carryOver(source, target, 'item-1', { sourceMeetingId: 'm1', targetMeetingId: 'm2' }, new Date(), 'copy-1');
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(target));
		expect(minutesText(reloaded, 'copy-1')).toBe('Vi väntar på underlag från\nbostadsbolaget');
		const src = new Y.Doc();
		Y.applyUpdate(src, Y.encodeStateAsUpdate(source));
		expect(carriedTo(src, 'item-1')?.kind).toBe('meeting');
	});

	it('refuses an item that is not postponed, already carried, or not there', () => {
		const source = sourceMeeting();
		expect(carryRefusal(source, 'open')).toBe('error_carry_not_postponed');
		expect(carryRefusal(source, 'nope')).toBe('error_carry_unknown_item');
		expect(carryRefusal(source, 'item-1')).toBeNull();
		markCarried(source, 'item-1', { kind: 'backlog', backlogId: 'b-1', at: '2026-12-02T10:00:00.000Z' });
		expect(carryRefusal(source, 'item-1')).toBe('error_carry_already');
		expect(() => carryOver(source, new Y.Doc(), 'item-1', { sourceMeetingId: 'm1', targetMeetingId: 'm2' })).toThrow('error_carry_already');
		expect(carriedTo(source, 'item-1')).toEqual({ kind: 'backlog', backlogId: 'b-1', at: '2026-12-02T10:00:00.000Z' });
	});

	it('copies from a source it does not change (a sealed meeting keeps its record as it was)', () => {
		const source = sourceMeeting();
		const before = Y.encodeStateVector(source);
		const target = new Y.Doc();
		copyItemInto(target, source, 'item-1', { meetingId: 'm1', itemId: 'item-1' }, 'copy-1');
		expect(Y.encodeStateVector(source)).toEqual(before);
		expect(listAgenda(target)[0].title).toBe('Boendestöd för unga');
	});

	it('reads a forged mark as no mark', () => {
		const source = sourceMeeting();
		const map = source.getMap<Y.Map<unknown>>('agenda').get('item-1')!;
		map.set('carriedTo', { kind: 'meeting', meetingId: 42 });
		expect(carriedTo(source, 'item-1')).toBeNull();
		map.set('carriedTo', 'elsewhere');
		expect(carriedTo(source, 'item-1')).toBeNull();
		map.set('carriedFrom', ['m1']);
		expect(carriedFrom(source, 'item-1')).toBeNull();
	});

	it('adds a backlog entry with its description as paragraphs', () => {
		const target = new Y.Doc();
		const id = addBacklogItem(target, { backlogId: 'b-1', title: 'Lokalfrågan', description: 'Första raden\n\nAndra raden' });
		expect(listAgenda(target)[0]).toMatchObject({ id, title: 'Lokalfrågan', status: 'pending' });
		expect(minutesText(target, id)).toBe('Första raden\nAndra raden');
	});
});
