import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, listDecisions, recordDecision, setDecisionDetails } from './meeting-doc';
import {
	addReservation,
	eraseAuthorName,
	judgeVoicesChange,
	listReservations,
	removeReservation,
	reservationsByDecision,
	reservationText,
	setText
} from './voices-doc';

const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen' };
const erik = { id: 'erik', name: 'Erik Nilsson', agencyId: 'bo', agencyName: 'Åsbyhem' };

function updateFrom(base: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

describe('decision kinds and review dates (issue 12, point 5)', () => {
	it('records a kind and a review date, reads them back, changes and clears them', () => {
		const doc = new Y.Doc();
		const item = addAgendaItem(doc, { title: 'Pilot' });
		const id = recordDecision(doc, item, { text: 'Vi provar', createdBy: 'u1', kind: 'majority', reviewDate: '2027-03-31' });
		expect(listDecisions(doc)[0]).toMatchObject({ kind: 'majority', reviewDate: '2027-03-31' });
		setDecisionDetails(doc, item, id, { kind: 'chair' });
		expect(listDecisions(doc)[0]).toMatchObject({ kind: 'chair', reviewDate: '2027-03-31' });
		setDecisionDetails(doc, item, id, { kind: null, reviewDate: null });
		expect(listDecisions(doc)[0]).toMatchObject({ kind: null, reviewDate: null });
		expect(() => setDecisionDetails(doc, item, id, { reviewDate: '2027-02-30' })).toThrow();
	});

	it('stores nothing extra for a decision without them (its protocol renders as before)', () => {
		const doc = new Y.Doc();
		const item = addAgendaItem(doc, { title: 'Pilot' });
		recordDecision(doc, item, { text: 'Vi provar', createdBy: 'u1' });
		const map = (doc.getMap<Y.Map<unknown>>('agenda').get(item)!.get('decisions') as Y.Array<Y.Map<unknown>>).get(0);
		expect([...map.keys()].sort()).toEqual(['createdAt', 'createdBy', 'id', 'text']);
		expect(listDecisions(doc)[0]).toMatchObject({ kind: null, reviewDate: null });
	});

	it('reads a kind or date some client wrote wrongly as none', () => {
		const doc = new Y.Doc();
		const item = addAgendaItem(doc, { title: 'Pilot' });
		const id = recordDecision(doc, item, { text: 'x', createdBy: 'u1' });
		const map = (doc.getMap<Y.Map<unknown>>('agenda').get(item)!.get('decisions') as Y.Array<Y.Map<unknown>>).get(0);
		map.set('kind', 'coin-toss');
		map.set('reviewDate', 'tomorrow');
		expect(listDecisions(doc)[0]).toMatchObject({ id, kind: null, reviewDate: null });
	});
});

describe('reservations (issue 12, point 5)', () => {
	it('are attributed to their author and decision, oldest first; empty ones are left out', () => {
		const doc = new Y.Doc();
		addReservation(doc, { itemId: 'i1', decisionId: 'd1' }, maria, ' Vi delar inte bedömningen. ', new Date('2026-11-13T12:00:00Z'));
		addReservation(doc, { itemId: 'i1', decisionId: 'd1' }, erik, 'Reservation.', new Date('2026-11-13T12:05:00Z'));
		const empty = addReservation(doc, { itemId: 'i1', decisionId: 'd2' }, erik, '   ');
		const list = listReservations(doc);
		expect(list.map((r) => [r.authorName, r.agencyName, r.decisionId, r.text])).toEqual([
			['Maria Johansson', 'Brukarföreningen', 'd1', 'Vi delar inte bedömningen.'],
			['Erik Nilsson', 'Åsbyhem', 'd1', 'Reservation.']
		]);
		expect(reservationsByDecision(list).get('d1')?.length).toBe(2);
		setText(reservationText(doc, empty), 'Ändå.');
		expect(listReservations(doc).map((r) => r.decisionId)).toContain('d2');
		removeReservation(doc, empty);
		expect(listReservations(doc).map((r) => r.decisionId)).not.toContain('d2');
	});

	it('are owned by their author: others may not change or remove them, nor write one in another name', () => {
		const doc = new Y.Doc();
		const id = addReservation(doc, { itemId: 'i1', decisionId: 'd1' }, maria, 'Min reservation');
		const own = updateFrom(doc, (d) => addReservation(d, { itemId: 'i1', decisionId: 'd1' }, erik, 'Min egen'));
		expect(judgeVoicesChange(doc, own, erik, false)).toBe('allowed');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => setText(reservationText(d, id), 'Ändrad')), erik, false)).toBe('not-author');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => removeReservation(d, id)), erik, false)).toBe('not-author');
		expect(judgeVoicesChange(doc, updateFrom(doc, (d) => setText(reservationText(d, id), 'Ändrad')), maria, false)).toBe('allowed');
		const forged = updateFrom(doc, (d) => addReservation(d, { itemId: 'i1', decisionId: 'd1' }, { ...erik, name: 'Maria Johansson' }, 'x'));
		expect(judgeVoicesChange(doc, forged, erik, false)).toBe('forged-identity');
		const inHerName = updateFrom(doc, (d) => addReservation(d, { itemId: 'i1', decisionId: 'd1' }, maria, 'x'));
		expect(judgeVoicesChange(doc, inHerName, erik, false)).toBe('not-author');
	});

	it('lose their author’s name on erasure and keep the text', () => {
		const doc = new Y.Doc();
		addReservation(doc, { itemId: 'i1', decisionId: 'd1' }, maria, 'Min reservation');
		expect(eraseAuthorName(doc, 'maria')).toBe(1);
		expect(listReservations(doc)[0]).toMatchObject({ authorName: '', agencyName: 'Brukarföreningen', text: 'Min reservation' });
	});
});
