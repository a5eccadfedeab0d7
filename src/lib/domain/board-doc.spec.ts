import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAction, followUpFor, isOverdue, listActions, removeAction, setActionStatus, updateAction } from './board-doc';

const base = { agencyId: 'af', raisedByAgencyId: 'soc', createdBy: 'karin' };

describe('actions on the board document', () => {
	it('are created open, with their links and one history entry, sorted by due date (none last)', () => {
		const doc = new Y.Doc();
		const at = new Date('2026-11-13T12:00:00Z');
		createAction(doc, { ...base, title: 'Utan datum' }, at);
		const id = createAction(doc, { ...base, title: ' Boka lokal ', dueDate: '2026-12-01', meetingId: 'm1', itemId: 'i1', assigneeId: 'ahmed' }, at);
		createAction(doc, { ...base, title: 'Tidigast', dueDate: '2026-11-20' }, at);
		const list = listActions(doc);
		expect(list.map((a) => a.title)).toEqual(['Tidigast', 'Boka lokal', 'Utan datum']);
		expect(list[1]).toMatchObject({ id, status: 'open', meetingId: 'm1', itemId: 'i1', assigneeId: 'ahmed', description: '' });
		expect(list[1].history).toEqual([{ status: 'open', by: 'karin', at: at.toISOString() }]);
	});

	it('records who changed the status and when; the same status twice is no change', () => {
		const doc = new Y.Doc();
		const id = createAction(doc, { ...base, title: 'Kartläggning' }, new Date('2026-11-13T12:00:00Z'));
		setActionStatus(doc, id, 'waiting', 'ahmed', new Date('2026-11-20T08:00:00Z'));
		setActionStatus(doc, id, 'waiting', 'erik', new Date('2026-11-21T08:00:00Z'));
		setActionStatus(doc, id, 'done', 'erik', new Date('2026-11-22T08:00:00Z'));
		expect(listActions(doc)[0].history.map((h) => `${h.status} ${h.by}`)).toEqual(['open karin', 'waiting ahmed', 'done erik']);
		expect(() => setActionStatus(doc, 'nope', 'done', 'x')).toThrow();
	});

	it('updates fields and removes actions', () => {
		const doc = new Y.Doc();
		const id = createAction(doc, { ...base, title: 'A' });
		updateAction(doc, id, { title: 'B', dueDate: '2027-01-15', assigneeId: null });
		expect(listActions(doc)[0]).toMatchObject({ title: 'B', dueDate: '2027-01-15', assigneeId: null });
		removeAction(doc, id);
		expect(listActions(doc)).toEqual([]);
	});

	it('follow-up lists the open actions from other meetings and the board, not this meeting’s nor done ones', () => {
		const doc = new Y.Doc();
		createAction(doc, { ...base, title: 'Från förra mötet', meetingId: 'm1' });
		createAction(doc, { ...base, title: 'Från tavlan' });
		createAction(doc, { ...base, title: 'Från detta möte', meetingId: 'm2' });
		const done = createAction(doc, { ...base, title: 'Klar', meetingId: 'm1' });
		setActionStatus(doc, done, 'done', 'karin');
		expect(followUpFor(doc, 'm2').map((a) => a.title).sort()).toEqual(['Från förra mötet', 'Från tavlan']);
	});

	it('is overdue only when open past its due date', () => {
		expect(isOverdue({ dueDate: '2026-11-01', status: 'open' }, '2026-11-22')).toBe(true);
		expect(isOverdue({ dueDate: '2026-11-22', status: 'open' }, '2026-11-22')).toBe(false);
		expect(isOverdue({ dueDate: '2026-11-01', status: 'done' }, '2026-11-22')).toBe(false);
		expect(isOverdue({ dueDate: null, status: 'open' }, '2026-11-22')).toBe(false);
	});

	it('reads a malformed entry (written by a buggy or hostile client) without crashing the list', () => {
		const doc = new Y.Doc();
		createAction(doc, { ...base, title: 'Riktig', dueDate: '2026-12-01' });
		const bad = new Y.Map<unknown>();
		doc.getMap('actions').set('bad', bad);
		bad.set('id', 'bad');
		bad.set('dueDate', 20261201);
		bad.set('createdAt', { x: 1 });
		bad.set('status', 'hacked');
		const list = listActions(doc);
		expect(list.map((a) => a.title)).toEqual(['Riktig', '']);
		expect(list[1]).toMatchObject({ dueDate: null, status: 'open', history: [] });
	});
});
