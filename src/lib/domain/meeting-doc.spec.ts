// Over 300 lines on purpose: one spec for the whole meeting document layout (agenda, decisions,
// attendance, current §, speaker list), so each rule is tested beside the others it must not break.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ATTENDANCE_STATUSES,
	addAgendaItem,
	addGuest,
	currentItem,
	currentItemSince,
	attendanceByAgency,
	attendanceOf,
	isPresent,
	presenceKind,
	itemMinutes,
	listAgenda,
	listDecisions,
	listGuests,
	leadsMeeting,
	meetingRoles,
	meetingStatus,
	moveAgendaItem,
	recordDecision,
	removeAgendaItem,
	removeDecision,
	removeGuest,
	setAttendance,
	setCurrentItem,
	setMeetingRole,
	setMeetingStatus,
	updateAgendaItem,
	updateDecision
} from './meeting-doc';

/** Two replicas that exchange every update, like two browsers through the server. */
function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
	b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
	return { a, b };
}

const titles = (doc: Y.Doc) => listAgenda(doc).map((i) => `§ ${i.number} ${i.title}`);

describe('agenda', () => {
	it('numbers items § 1, § 2 … in the order they were added, with trimmed titles and defaults', () => {
		const doc = new Y.Doc();
		addAgendaItem(doc, { title: '  Mötet öppnas ' });
		addAgendaItem(doc, { title: 'Lägesbild', presenterAgencyId: 'af', plannedMinutes: 20 });
		expect(titles(doc)).toEqual(['§ 1 Mötet öppnas', '§ 2 Lägesbild']);
		expect(listAgenda(doc)[1]).toMatchObject({ presenterAgencyId: 'af', plannedMinutes: 20, status: 'pending' });
		expect(listAgenda(doc)[0]).toMatchObject({ presenterAgencyId: null, plannedMinutes: null });
	});

	it('moves items up and down one step, refusing at the ends', () => {
		const doc = new Y.Doc();
		const [one, two, three] = ['Ett', 'Två', 'Tre'].map((title) => addAgendaItem(doc, { title }));
		expect(moveAgendaItem(doc, three, 'up')).toBe(true);
		expect(titles(doc)).toEqual(['§ 1 Ett', '§ 2 Tre', '§ 3 Två']);
		expect(moveAgendaItem(doc, three, 'up')).toBe(true);
		expect(titles(doc)).toEqual(['§ 1 Tre', '§ 2 Ett', '§ 3 Två']);
		expect(moveAgendaItem(doc, three, 'up')).toBe(false);
		expect(moveAgendaItem(doc, two, 'down')).toBe(false);
		expect(moveAgendaItem(doc, one, 'down')).toBe(true);
		expect(titles(doc)).toEqual(['§ 1 Tre', '§ 2 Två', '§ 3 Ett']);
		expect(moveAgendaItem(doc, 'nope', 'down')).toBe(false);
	});

	it('keeps an item’s minutes through a move (the item is not re-created)', () => {
		const doc = new Y.Doc();
		const first = addAgendaItem(doc, { title: 'A' });
		const second = addAgendaItem(doc, { title: 'B' });
		const minutes = itemMinutes(doc, second)!;
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('anteckning')]);
		minutes.insert(0, [p]);
		moveAgendaItem(doc, second, 'up');
		expect(itemMinutes(doc, second)).toBe(minutes);
		expect(itemMinutes(doc, second)!.toString()).toContain('anteckning');
		expect(listAgenda(doc)[0].id).toBe(second);
		void first;
	});

	it('renames, sets status and removes items', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { title: 'Utkast' });
		updateAgendaItem(doc, id, { title: ' Bostad först ', status: 'done', plannedMinutes: 15 });
		expect(listAgenda(doc)[0]).toMatchObject({ title: 'Bostad först', status: 'done', plannedMinutes: 15 });
		removeAgendaItem(doc, id);
		expect(listAgenda(doc)).toEqual([]);
		expect(() => updateAgendaItem(doc, id, { title: 'x' })).toThrow();
	});

	it('marks an item internal with a reason category, and public again without one', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { title: 'Förhandling', internal: true, internalReason: 'negotiation' });
		expect(listAgenda(doc)[0]).toMatchObject({ internal: true, internalReason: 'negotiation' });
		updateAgendaItem(doc, id, { internal: false });
		expect(listAgenda(doc)[0]).toMatchObject({ internal: false, internalReason: null });
		// Internal without a reason given is "other"; an unknown stored reason reads as "other" too.
		updateAgendaItem(doc, id, { internal: true });
		expect(listAgenda(doc)[0]).toMatchObject({ internal: true, internalReason: 'other' });
		doc.getMap<Y.Map<unknown>>('agenda').get(id)!.set('internalReason', '<script>');
		expect(listAgenda(doc)[0].internalReason).toBe('other');
		// A non-boolean flag is not internal.
		doc.getMap<Y.Map<unknown>>('agenda').get(id)!.set('internal', 'yes');
		expect(listAgenda(doc)[0]).toMatchObject({ internal: false, internalReason: null });
		expect(addAgendaItem(doc, { title: 'Öppen' }) && listAgenda(doc)[1].internal).toBe(false);
	});

	it('converges when two people add and move items at the same time', () => {
		const { a, b } = pair();
		const x = addAgendaItem(a, { title: 'X' });
		addAgendaItem(a, { title: 'Y' });
		const z = addAgendaItem(b, { title: 'Z' });
		moveAgendaItem(a, x, 'down');
		moveAgendaItem(b, z, 'up');
		expect(titles(a)).toEqual(titles(b));
		expect(titles(a)).toHaveLength(3);
	});
});

describe('decisions', () => {
	it('are entries under an item, numbered through the meeting in agenda order', () => {
		const doc = new Y.Doc();
		const first = addAgendaItem(doc, { title: 'Öppnande' });
		const second = addAgendaItem(doc, { title: 'Bostad' });
		const d1 = recordDecision(doc, second, { text: ' Två hyresgäster bjuds in ', createdBy: 'karin', at: new Date('2026-11-13T12:00:00Z') });
		recordDecision(doc, first, { text: 'Dagordningen godkänns', createdBy: 'karin' });
		recordDecision(doc, second, { text: 'Nästa möte i januari', createdBy: 'ahmed' });
		const list = listDecisions(doc);
		expect(list.map((d) => `${d.number} (§ ${d.itemNumber}) ${d.text}`)).toEqual([
			'1 (§ 1) Dagordningen godkänns',
			'2 (§ 2) Två hyresgäster bjuds in',
			'3 (§ 2) Nästa möte i januari'
		]);
		expect(list[1]).toMatchObject({ id: d1, createdBy: 'karin', createdAt: '2026-11-13T12:00:00.000Z' });

		// Reordering the agenda renumbers the decisions with it.
		moveAgendaItem(doc, second, 'up');
		expect(listDecisions(doc).map((d) => d.text)[0]).toBe('Två hyresgäster bjuds in');

		updateDecision(doc, second, d1, 'Tre hyresgäster bjuds in');
		removeDecision(doc, first, listDecisions(doc).find((d) => d.itemId === first)!.id);
		expect(listDecisions(doc).map((d) => d.text)).toEqual(['Tre hyresgäster bjuds in', 'Nästa möte i januari']);
	});
});

describe('meeting meta and attendance', () => {
	it('moves status and keeps chair and secretary', () => {
		const doc = new Y.Doc();
		expect(meetingStatus(doc)).toBe('planned');
		setMeetingStatus(doc, 'in_progress');
		expect(meetingStatus(doc)).toBe('in_progress');
		expect(meetingRoles(doc)).toEqual({ chairId: null, secretaryId: null });
		setMeetingRole(doc, 'chairId', 'karin');
		setMeetingRole(doc, 'secretaryId', 'ahmed');
		expect(meetingRoles(doc)).toEqual({ chairId: 'karin', secretaryId: 'ahmed' });
	});

	it('keeps the current item the chair sets, clears it, and refuses an id not on the agenda', () => {
		const doc = new Y.Doc();
		const first = addAgendaItem(doc, { title: 'Välkomna' });
		const second = addAgendaItem(doc, { title: 'Boende först' });
		expect(currentItem(doc)).toBeNull();
		setCurrentItem(doc, second);
		expect(currentItem(doc)).toBe(second);
		setCurrentItem(doc, first);
		expect(currentItem(doc)).toBe(first);
		expect(() => setCurrentItem(doc, 'finns-inte')).toThrow();
		expect(currentItem(doc)).toBe(first);
		setCurrentItem(doc, null);
		expect(currentItem(doc)).toBeNull();
	});

	it('lets the chair and the secretary lead the meeting, and every editor while no chair is chosen', () => {
		expect(leadsMeeting('karin', { chairId: null, secretaryId: null })).toBe(true);
		expect(leadsMeeting('karin', { chairId: null, secretaryId: 'ahmed' })).toBe(true);
		expect(leadsMeeting('karin', { chairId: 'karin', secretaryId: null })).toBe(true);
		expect(leadsMeeting('ahmed', { chairId: 'karin', secretaryId: 'ahmed' })).toBe(true);
		expect(leadsMeeting('sara', { chairId: 'karin', secretaryId: 'ahmed' })).toBe(false);
	});

	it('records when the current item became current; setting it again keeps the time; clearing forgets it', () => {
		const doc = new Y.Doc();
		const first = addAgendaItem(doc, { title: 'Välkomna' });
		const second = addAgendaItem(doc, { title: 'Boende först' });
		expect(currentItemSince(doc)).toBeNull();
		setCurrentItem(doc, first, new Date('2026-12-02T09:00:00Z'));
		setCurrentItem(doc, first, new Date('2026-12-02T09:05:00Z'));
		expect(currentItemSince(doc)).toBe('2026-12-02T09:00:00.000Z');
		setCurrentItem(doc, second, new Date('2026-12-02T09:10:00Z'));
		expect(currentItemSince(doc)).toBe('2026-12-02T09:10:00.000Z');
		doc.getMap('meta').set('currentItemSince', 'inte en tid');
		expect(currentItemSince(doc)).toBeNull();
		setCurrentItem(doc, null);
		expect(currentItemSince(doc)).toBeNull();
	});

	it('forgets the current item once it is removed from the agenda', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { title: 'Övrigt' });
		setCurrentItem(doc, id);
		removeAgendaItem(doc, id);
		expect(currentItem(doc)).toBeNull();
	});

	it('groups attendance by agency with counts, marking many at once', () => {
		const doc = new Y.Doc();
		const soc = { id: 'soc', name: 'Socialförvaltningen', color: '#1f5f8b' };
		const af = { id: 'af', name: 'Arbetsförmedlingen', color: '#8a3b12' };
		const members = [
			{ userId: 'karin', name: 'Karin', agency: soc },
			{ userId: 'sara', name: 'Sara', agency: soc },
			{ userId: 'ahmed', name: 'Ahmed', agency: af }
		];
		setAttendance(doc, ['karin', 'sara', 'ahmed'], 'present');
		setAttendance(doc, ['sara'], 'excused');
		const groups = attendanceByAgency(doc, members);
		expect(groups.map((g) => g.agency.name)).toEqual(['Arbetsförmedlingen', 'Socialförvaltningen']);
		expect(groups[1].counts).toEqual({ present: 1, present_on_site: 0, present_online: 0, present_phone: 0, absent: 0, excused: 1, unmarked: 0 });
		const unmarked = attendanceByAgency(new Y.Doc(), members);
		expect(unmarked[1].counts.unmarked).toBe(2);
		expect(unmarked[1].members[0].status).toBeNull();
	});

	it('counts every kind of presence as present, and each kind apart; old plain marks still count', () => {
		const doc = new Y.Doc();
		const soc = { id: 'soc', name: 'Socialförvaltningen', color: '#1f5f8b' };
		const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((userId) => ({ userId, name: userId, agency: soc }));
		setAttendance(doc, ['a'], 'present_on_site');
		setAttendance(doc, ['b', 'c'], 'present_online');
		setAttendance(doc, ['d'], 'present_phone');
		setAttendance(doc, ['e'], 'present');
		setAttendance(doc, ['f'], 'absent');
		const [group] = attendanceByAgency(doc, members);
		expect(group.counts).toEqual({ present: 5, present_on_site: 1, present_online: 2, present_phone: 1, absent: 1, excused: 0, unmarked: 1 });
		expect(Object.fromEntries(attendanceOf(doc))).toEqual({ a: 'present_on_site', b: 'present_online', c: 'present_online', d: 'present_phone', e: 'present', f: 'absent' });
		expect(ATTENDANCE_STATUSES.map((s) => [isPresent(s), presenceKind(s)])).toEqual([
			[true, 'on_site'],
			[true, 'online'],
			[true, 'phone'],
			[false, null],
			[false, null],
			[true, null]
		]);
		expect([isPresent(null), presenceKind(null)]).toEqual([false, null]);
	});

	it('reads a status another client made up as no mark, never as a crash', () => {
		const doc = new Y.Doc();
		const soc = { id: 'soc', name: 'Soc', color: '#000000' };
		const marks = doc.getMap<unknown>('attendance');
		const hostile: Record<string, unknown> = {
			u1: { status: 'present_in_spirit', at: '' },
			u2: { status: 'present_', at: '' },
			u3: { status: 'PRESENT_ONLINE', at: '' },
			u4: { status: '__proto__', at: '' },
			u5: { status: ['present_online'], at: '' },
			u6: { status: { toString: 'x' } },
			u7: 'present_online',
			u8: { status: 'present_phone', at: 42 }
		};
		for (const [id, value] of Object.entries(hostile)) marks.set(id, value);
		const members = Object.keys(hostile).map((userId) => ({ userId, name: userId, agency: soc }));
		expect(Object.fromEntries(attendanceOf(doc))).toEqual({ u8: 'present_phone' });
		const [group] = attendanceByAgency(doc, members);
		expect(group.counts).toMatchObject({ present: 1, present_phone: 1, unmarked: 7 });
		expect(group.members.filter((m) => m.status === null)).toHaveLength(7);
	});

	it('adds and removes guests', () => {
		const doc = new Y.Doc();
		const id = addGuest(doc, { name: ' Lena Ek ', agency: 'Regionen' });
		addGuest(doc, { name: 'Anders Berg', agency: 'Polisen' });
		expect(listGuests(doc).map((g) => g.name)).toEqual(['Anders Berg', 'Lena Ek']);
		removeGuest(doc, id);
		expect(listGuests(doc).map((g) => g.name)).toEqual(['Anders Berg']);
	});
});

describe('a meeting document damaged by some editor’s client', () => {
	/** Every kind of wrong value an editor can write, beside one good item with one decision. */
	function hostile() {
		const doc = new Y.Doc();
		const good = addAgendaItem(doc, { title: 'Riktig punkt' });
		recordDecision(doc, good, { text: 'Riktigt beslut', createdBy: 'karin', at: new Date('2026-11-13T12:00:00Z') });
		const agenda = doc.getMap<unknown>('agenda');
		agenda.set('string', 'inte en punkt');
		agenda.set('number', 3);
		agenda.set('null', null);
		agenda.set('text', new Y.Text('text'));
		const typed = new Y.Map<unknown>();
		agenda.set('typed', typed);
		typed.set('title', new Y.Text('titel som Y.Text'));
		typed.set('position', 'först');
		typed.set('status', 'hacked');
		typed.set('plannedMinutes', '30');
		typed.set('presenterAgencyId', 12);
		typed.set('minutes', 'protokoll som sträng');
		typed.set('decisions', 'inga beslut');
		const decisions = (agenda.get(good) as Y.Map<unknown>).get('decisions') as Y.Array<unknown>;
		decisions.push(['sträng', 5, null, new Y.Text('x')]);
		const odd = new Y.Map<unknown>();
		decisions.push([odd]);
		odd.set('text', 99);
		odd.set('createdAt', new Y.Map());
		const meta = doc.getMap<unknown>('meta');
		meta.set('status', 'hacked');
		meta.set('chairId', 42);
		meta.set('secretaryId', new Y.Text('sara'));
		meta.set('currentItemId', new Y.Map());
		const attendance = doc.getMap<unknown>('attendance');
		attendance.set('karin', { status: 'present', at: 'x' });
		attendance.set('null', null);
		attendance.set('number', 7);
		attendance.set('bad', { status: 'sleeping' });
		attendance.set('map', new Y.Map());
		const guests = doc.getMap<unknown>('guests');
		guests.set('g1', { id: 'g1', name: 'Lena Ek', agency: 'Regionen' });
		guests.set('null', null);
		guests.set('str', 'gäst');
		guests.set('typed', { id: 5, name: 6, agency: null });
		guests.set('map', new Y.Map());
		return { doc, good };
	}

	it('lists the agenda, skipping values that are not items and salvaging wrong field types', () => {
		const { doc, good } = hostile();
		const agenda = listAgenda(doc);
		expect(agenda.map((i) => i.id).sort()).toEqual([good, 'typed'].sort());
		expect(agenda.find((i) => i.id === 'typed')).toMatchObject({ title: '', status: 'pending', plannedMinutes: null, presenterAgencyId: null });
		expect(agenda.every((i) => Number.isFinite(i.position))).toBe(true);
	});

	it('lists the decisions that are decisions, whatever else is under an item', () => {
		const { doc, good } = hostile();
		const decisions = listDecisions(doc);
		expect(decisions.map((d) => d.text)).toEqual(['Riktigt beslut', '']);
		expect(decisions[1]).toMatchObject({ itemId: good, createdAt: '', createdBy: '' });
		// A decision can still be recorded under an item whose decisions were damaged.
		recordDecision(doc, 'typed', { text: 'Nytt beslut', createdBy: 'karin' });
		expect(listDecisions(doc).map((d) => d.text)).toContain('Nytt beslut');
	});

	it('gives no minutes for an item whose minutes are not rich text, rather than a value the editor cannot bind', () => {
		const { doc, good } = hostile();
		expect(itemMinutes(doc, good)).toBeInstanceOf(Y.XmlFragment);
		expect(itemMinutes(doc, 'typed')).toBeNull();
	});

	it('reads no current item from a wrong type, a made-up id, a huge string or an id that names no item', () => {
		const { doc, good } = hostile();
		const meta = doc.getMap<unknown>('meta');
		for (const value of [42, null, { id: good }, [good], 'finns-inte', 'x'.repeat(1_000_000), 'null', 'string']) {
			meta.set('currentItemId', value);
			expect(currentItem(doc)).toBeNull();
			expect(listAgenda(doc).length).toBe(2);
		}
		meta.set('currentItemId', good);
		expect(currentItem(doc)).toBe(good);
	});

	it('reads status, roles, attendance and guests, leaving out what is not theirs', () => {
		const { doc } = hostile();
		expect(meetingStatus(doc)).toBe('planned');
		expect(meetingRoles(doc)).toEqual({ chairId: null, secretaryId: null });
		expect(currentItem(doc)).toBeNull();
		const groups = attendanceByAgency(doc, [{ userId: 'karin', name: 'Karin', agency: { id: 'soc', name: 'Soc', color: '#000000' } }]);
		expect(groups[0].counts.present).toBe(1);
		expect(listGuests(doc)).toEqual([{ id: 'typed', name: '', agency: '' }, { id: 'g1', name: 'Lena Ek', agency: 'Regionen' }]);
	});
});
