import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAction, followUpFor, isOverdue, listActions, readActions, removeAction, setActionStatus, updateAction } from './board-doc';

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

	/** A board document as a hostile editor's client can leave it: every kind of wrong value. */
	function hostile() {
		const doc = new Y.Doc();
		const honest = createAction(doc, { ...base, title: 'Ärlig', dueDate: '2026-12-01', meetingId: 'm1' }, new Date('2026-11-13T12:00:00Z'));
		const map = doc.getMap<unknown>('actions');
		map.set('string', 'inte en karta');
		map.set('number', 42);
		map.set('null', null);
		map.set('object', { title: 'vanligt objekt' });
		map.set('array', new Y.Array());
		map.set('text', new Y.Text('text'));
		const typed = new Y.Map<unknown>();
		map.set('typed', typed);
		typed.set('id', 'typed');
		typed.set('title', new Y.Text('titel som Y.Text'));
		typed.set('description', 7);
		typed.set('agencyId', ['af']);
		typed.set('meetingId', { id: 'm0' });
		typed.set('history', 'inte en lista');
		const messy = new Y.Map<unknown>();
		map.set('messy', messy);
		messy.set('id', 'något annat id');
		messy.set('title', 'Rörig\u0000 historik');
		const history = new Y.Array<unknown>();
		messy.set('history', history);
		history.push([null, 5, 'x', { status: 'hacked', by: 'x', at: 'y' }, { status: 'waiting', by: 7 }, new Y.Map(), { status: 'done', by: 'erik', at: '2026-11-20T08:00:00.000Z' }]);
		return { doc, honest };
	}

	it('skips entries that are not maps and salvages wrong field types, so one bad entry hides nothing else', () => {
		const { doc, honest } = hostile();
		const list = listActions(doc);
		expect(list.map((a) => a.id).sort()).toEqual([honest, 'messy', 'typed'].sort());
		expect(list.find((a) => a.id === honest)).toMatchObject({ title: 'Ärlig', dueDate: '2026-12-01' });
		expect(list.find((a) => a.id === 'typed')).toMatchObject({ title: '', description: '', agencyId: '', meetingId: null, history: [] });
		// Keyed by where it is stored: that is where updateAction and setActionStatus look.
		const messy = list.find((a) => a.id === 'messy')!;
		expect(messy.history).toEqual([{ status: 'done', by: 'erik', at: '2026-11-20T08:00:00.000Z' }]);
		expect(messy.status).toBe('open');
		expect(readActions(doc).skipped.map((s) => s.key).sort()).toEqual(['array', 'null', 'number', 'object', 'string', 'text']);
	});

	it('follow-up and status changes work on a hostile document', () => {
		const { doc, honest } = hostile();
		expect(followUpFor(doc, 'm2').map((a) => a.id)).toContain(honest);
		setActionStatus(doc, 'typed', 'waiting', 'erik', new Date('2026-11-21T08:00:00Z'));
		expect(listActions(doc).find((a) => a.id === 'typed')!.history).toEqual([{ status: 'waiting', by: 'erik', at: '2026-11-21T08:00:00.000Z' }]);
		setActionStatus(doc, 'messy', 'in_progress', 'erik');
		expect(listActions(doc).find((a) => a.id === 'messy')!.status).toBe('in_progress');
	});
});
