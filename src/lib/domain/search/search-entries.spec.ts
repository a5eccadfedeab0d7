import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, recordDecision } from '../meeting-doc';
import { appendBlocks, appendMinutes } from '../minutes-doc';
import { addPerspective, eraseAuthorName, summaryText, setText } from '../voices-doc';
import { meetingSearchEntries, SEARCH_LIMITS, voicesSearchEntries } from './search-entries';

const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen' };

describe('meetingSearchEntries', () => {
	it('indexes each § (title and minutes, lists included), its decisions, and the notes outside the agenda', () => {
		const doc = new Y.Doc();
		const first = addAgendaItem(doc, { title: 'Ekonomi' }, 'i1');
		const second = addAgendaItem(doc, { title: 'Boende', internal: true }, 'i2');
		appendBlocks(itemMinutes(doc, second)!, [
			{ type: 'paragraph', text: ['Vi tog fram en ', { text: 'åtgärd', bold: true }, '.'] },
			{ type: 'bulletList', items: [['Hyresskulder'], ['Vräkningar']] }
		]);
		recordDecision(doc, first, { text: 'Budgeten godkänns.', createdBy: 'u1' }, 'd1');
		appendMinutes(doc, [{ type: 'paragraph', text: ['Nästa möte i mars.'] }]);

		expect(meetingSearchEntries(doc)).toEqual([
			{ kind: 'item', refId: 'i1', itemId: 'i1', itemNumber: 1, title: 'Ekonomi', body: '' },
			{ kind: 'item', refId: 'i2', itemId: 'i2', itemNumber: 2, title: 'Boende', body: 'Vi tog fram en åtgärd.\nHyresskulder\nVräkningar' },
			{ kind: 'decision', refId: 'd1', itemId: 'i1', itemNumber: 1, title: '', body: 'Budgeten godkänns.' },
			{ kind: 'notes', refId: 'notes', itemId: null, itemNumber: null, title: '', body: 'Nästa möte i mars.' }
		]);
	});

	it('survives what a hostile client can store: wrong types, NUL and marker characters, huge text, junk under the agenda', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { title: 'ok' }, 'i1');
		const agenda = doc.getMap<unknown>('agenda');
		agenda.set('junk', 'not an item');
		const item = agenda.get(id) as Y.Map<unknown>;
		item.set('title', 'Titel\u0000med\u0001markörer\u0002');
		item.set('minutes', 42);
		item.set('decisions', 'no list');
		const bad = new Y.Map<unknown>();
		bad.set('title', 12);
		bad.set('position', 'x');
		bad.set('minutes', new Y.XmlFragment());
		agenda.set('i2', bad);
		(bad.get('minutes') as Y.XmlFragment).insert(0, [new Y.XmlText('x'.repeat(SEARCH_LIMITS.body + 10))]);

		const entries = meetingSearchEntries(doc);
		const byId = new Map(entries.map((e) => [e.refId, e]));
		expect(byId.get('i1')).toMatchObject({ title: 'Titel med markörer ', body: '' });
		expect(byId.get('i2')?.body.length).toBe(SEARCH_LIMITS.body);
		expect(byId.get('i2')?.title).toBe('');
		for (const e of entries) expect(e.title + e.body).not.toMatch(/[\u0000-\u0008]/);
	});
});

describe('voicesSearchEntries', () => {
	it('indexes perspectives under their § and the summaries, text only: no author name, so erasure leaves nothing here', () => {
		const doc = new Y.Doc();
		addPerspective(doc, 'i1', maria, 'Brukarna vill ha fler åtgärder.', new Date('2026-12-01T10:00:00Z'), 'p1');
		setText(summaryText(doc, maria), 'Sammanfattning från Brukarföreningen.');
		const entries = voicesSearchEntries(doc);
		expect(entries).toEqual([
			{ kind: 'perspective', refId: 'p1', itemId: 'i1', itemNumber: null, title: '', body: 'Brukarna vill ha fler åtgärder.' },
			{ kind: 'summary', refId: 'maria', itemId: null, itemNumber: null, title: '', body: 'Sammanfattning från Brukarföreningen.' }
		]);
		expect(JSON.stringify(entries)).not.toContain('Maria Johansson');
		eraseAuthorName(doc, 'maria');
		expect(voicesSearchEntries(doc)).toEqual(entries);
	});

	it('leaves out what is not an entry, and entries without text', () => {
		const doc = new Y.Doc();
		doc.getMap<unknown>('perspectives').set('x', 'junk');
		const empty = new Y.Map<unknown>();
		empty.set('text', 7);
		doc.getMap<unknown>('perspectives').set('y', empty);
		doc.getMap<unknown>('summaries').set('z', 3);
		expect(voicesSearchEntries(doc)).toEqual([]);
	});
});
