// Over 300 lines on purpose: the calendar feed is checked end to end (tokens, escaping, folding, each
// event kind parsed back with ical.js) against one set of fixtures; split, each part would repeat them.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Board, CalendarFeed, Meeting, RegisterAction, Store } from '../store/types.js';
import {
	activeCalendarSince,
	createCalendarToken,
	escapeText,
	foldLine,
	revokeCalendarToken,
	serializeCalendar,
	userCalendar,
	userIdForCalendarToken,
	type CalendarLabels
} from './calendar.js';
import { sessionIdFromToken } from '../auth/sessions.js';

const labels: CalendarLabels = {
	calendarName: (name) => `Samtavla – ${name}`,
	actionSummary: (title) => `Klart senast: ${title}`,
	board: (name) => `Grupp: ${name}`,
	accessibility: (notes) => `Tillgänglighet: ${notes}`,
	online: (url) => `Online: ${url}`,
	agency: (name) => `Ansvarig: ${name}`,
	assignee: (name) => `Person: ${name}`,
	status: (status) => `Status: ${status}`,
	cancelled: (reason) => (reason ? `Inställt: ${reason}` : 'Inställt')
};

const board: Board & { role: 'editor' } = { id: 'b1', name: 'Ledningsgrupp, Åsby; vår', description: '', createdBy: 'u1', createdAt: new Date(), language: 'sv', role: 'editor' };
const meeting: Meeting = {
	id: 'm1',
	boardId: 'b1',
	title: 'Möte om boende, arbete; och stöd',
	startsAt: new Date('2026-12-03T12:00:00Z'),
	place: 'Stadshuset, sal 2',
	accessibilityNotes: 'Hiss finns.\nHörslinga i salen.',
	onlineUrl: 'https://meet.example.se/åsby?x=1',
	createdBy: 'u1',
	createdAt: new Date(),
	status: 'planned',
	statusChangedAt: null,
	cancelReason: '',
	sequence: 0,
	updatedAt: null,
	revision: 0,
	adjustment: null,
	agendaSentAt: null
};
const action = (over: Partial<RegisterAction>): RegisterAction => ({
	id: 'a1',
	outcome: '',
	boardId: 'b1',
	boardName: board.name,
	title: 'Ordna praktikplatser',
	description: '',
	agencyId: 'ag1',
	agencyName: 'Arbetsförmedlingen',
	agencyColor: '#123456',
	raisedByAgencyId: 'ag2',
	raisedByAgencyName: 'Socialtjänsten',
	assigneeId: 'u1',
	assigneeName: 'Karin',
	dueDate: '2026-12-31',
	status: 'open',
	meetingId: null,
	itemId: null,
	createdBy: 'u1',
	createdAt: new Date(),
	statusChangedBy: 'u1',
	statusChangedAt: new Date(),
	...over
});

function fakeStore(mine: RegisterAction[], agency: RegisterAction[], meetings: Meeting[] = [meeting]) {
	const calls: unknown[] = [];
	const store = {
		boards: { listForUser: async () => [board] },
		meetings: { listForBoard: async (id: string) => (id === 'b1' ? meetings : []) },
		actions: {
			listForUser: async (_user: string, filter: { mine?: boolean; myAgency?: boolean }) => {
				calls.push(filter);
				return filter.mine ? mine : filter.myAgency ? agency : [];
			}
		}
	};
	return { store, calls };
}

function parse(text: string) {
	const component = new ICAL.Component(ICAL.parse(text));
	return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

function lastModified(event: ICAL.Event): string | null {
	const value = event.component.getFirstPropertyValue('last-modified');
	return value instanceof ICAL.Time ? value.toJSDate().toISOString() : null;
}

describe('the calendar feed', () => {
	it('is valid iCalendar that a maintained parser reads back: meetings and due dates', async () => {
		const { store } = fakeStore(
			[action({ id: 'a1' }), action({ id: 'a3', status: 'done' })],
			[action({ id: 'a1' }), action({ id: 'a2', title: 'Utan ansvarig, men med komma', assigneeId: null, assigneeName: null, dueDate: '2027-01-15', status: 'waiting' }), action({ id: 'a4', dueDate: null })]
		);
		const calendar = await userCalendar(store, { id: 'u1', displayName: 'Karin Lind' }, { origin: 'https://samtavla.example', labels });
		const text = serializeCalendar(calendar, new Date('2026-11-22T10:00:00Z'));

		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);

		const { component, events } = parse(text);
		expect(component.getFirstPropertyValue('version')).toBe('2.0');
		expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Samtavla – Karin Lind');
		// One meeting, and the two open actions with a due date (a1 once, though both "mine" and "my agency's").
		expect(events.map((e) => e.uid)).toEqual(['meeting-m1@samtavla', 'action-b1-a1@samtavla', 'action-b1-a2@samtavla']);

		const [m, a1, a2] = events;
		expect(m.summary).toBe(meeting.title);
		expect(m.location).toBe('Stadshuset, sal 2');
		expect(m.startDate.toJSDate().toISOString()).toBe('2026-12-03T12:00:00.000Z');
		expect(m.endDate.toJSDate().toISOString()).toBe('2026-12-03T14:00:00.000Z');
		expect(m.description).toBe(
			'Grupp: Ledningsgrupp, Åsby; vår\nTillgänglighet: Hiss finns.\nHörslinga i salen.\nOnline: https://meet.example.se/åsby?x=1'
		);
		expect(m.component.getFirstPropertyValue('url')).toBe('https://samtavla.example/meetings/m1');
		// Never changed: sequence 0, confirmed, no LAST-MODIFIED.
		expect(m.sequence).toBe(0);
		expect(m.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(m.component.getFirstPropertyValue('last-modified')).toBeNull();
		// All-day action entries carry neither.
		expect(a1.component.getFirstPropertyValue('status')).toBeNull();

		expect(a1.summary).toBe('Klart senast: Ordna praktikplatser');
		expect(a1.startDate.isDate).toBe(true);
		expect(a1.startDate.toString()).toBe('2026-12-31');
		expect(a1.endDate.toString()).toBe('2027-01-01');
		expect(a1.description).toContain('Person: Karin');
		expect(a2.startDate.toString()).toBe('2027-01-15');
		expect(a2.description).toContain('Status: waiting');
		expect(a2.description).not.toContain('Person:');
	});

	it('follows changed and cancelled meetings: SEQUENCE, LAST-MODIFIED, STATUS and the reason', async () => {
		const moved: Meeting = { ...meeting, id: 'm2', sequence: 3, updatedAt: new Date('2026-11-20T08:30:00Z'), place: 'Biblioteket' };
		const cancelled: Meeting = {
			...meeting,
			id: 'm3',
			startsAt: new Date('2026-12-10T12:00:00Z'),
			status: 'cancelled',
			cancelReason: 'För få kan komma; vi ses i januari, i stället.',
			sequence: 5,
			updatedAt: new Date('2026-11-21T09:00:00Z')
		};
		const noReason: Meeting = { ...cancelled, id: 'm4', startsAt: new Date('2026-12-11T12:00:00Z'), cancelReason: '' };
		const { store } = fakeStore([], [], [noReason, cancelled, moved]);
		const calendar = await userCalendar(store, { id: 'u1', displayName: 'Karin Lind' }, { origin: 'https://samtavla.example', labels });
		const text = serializeCalendar(calendar, new Date('2026-11-22T10:00:00Z'));
		for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);

		const { events } = parse(text);
		expect(events.map((e) => e.uid)).toEqual(['meeting-m2@samtavla', 'meeting-m3@samtavla', 'meeting-m4@samtavla']);
		const [m2, m3, m4] = events;
		expect(m2.sequence).toBe(3);
		expect(m2.location).toBe('Biblioteket');
		expect(m2.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(lastModified(m2)).toBe('2026-11-20T08:30:00.000Z');
		expect(m2.description).not.toContain('Inställt');

		expect(m3.sequence).toBe(5);
		expect(m3.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(lastModified(m3)).toBe('2026-11-21T09:00:00.000Z');
		expect(m3.description.split('\n')[0]).toBe('Inställt: För få kan komma; vi ses i januari, i stället.');
		expect(text).toContain('Inställt: För få kan komma\\; vi ses i januari\\, i');
		expect(m4.description.split('\n')[0]).toBe('Inställt');
		expect(m4.component.getFirstPropertyValue('status')).toBe('CANCELLED');
	});

	it('asks the register for my actions and my agency’s, never another filter', async () => {
		const { store, calls } = fakeStore([], []);
		await userCalendar(store, { id: 'u1', displayName: 'K' }, { origin: 'https://x', labels, now: new Date('2026-11-22T10:00:00Z') });
		expect(calls).toEqual([
			{ mine: true, today: '2026-11-22' },
			{ myAgency: true, today: '2026-11-22' }
		]);
	});
});

describe('a meeting at a saved venue (issue 12, point 10)', () => {
	const venueLabels = {
		name: (name: string) => `Lokal: ${name}`,
		host: (host: string) => `Värd: ${host}`,
		features: (names: string[]) => `Tillgänglighet: ${names.join(', ')}`,
		feature: (feature: string) => ({ stepFree: 'Stegfri entré', lift: 'Hiss', hearingLoop: 'Hörslinga', interpreting: 'Tolk' })[feature] ?? feature,
		interpreting: (languages: string) => `Tolk: ${languages}`,
		notes: (notes: string) => `Om lokalen: ${notes}`
	};

	it('keeps LOCATION the address and puts the access in the DESCRIPTION as text, escaped and parsed back', async () => {
		const { store } = fakeStore([], []);
		const venue = {
			venueId: 'v1',
			name: 'Föreningens lokal; plan 2',
			hostAgency: 'Brukarföreningen, Åsby',
			address: 'Storgatan 1, 111 22 Åsby',
			features: ['stepFree' as const, 'hearingLoop' as const, 'interpreting' as const],
			interpretingLanguages: 'arabiska, somaliska',
			notes: 'Ring på\\porten;\nandra våningen'
		};
		const withVenues = { ...store, venues: { forBoardMeetings: async (id: string) => new Map(id === 'b1' ? [['m1', venue]] : []) } };
		const calendar = await userCalendar(withVenues, { id: 'u1', displayName: 'Karin' }, { origin: 'https://samtavla.example', labels: { ...labels, venue: venueLabels } });
		const text = serializeCalendar(calendar, new Date('2026-11-22T10:00:00Z'));
		expect(text).toContain('LOCATION:Storgatan 1\\, 111 22 Åsby');
		const [event] = parse(text).events;
		expect(event.location).toBe('Storgatan 1, 111 22 Åsby');
		expect(event.description.split('\n')).toEqual([
			'Grupp: Ledningsgrupp, Åsby; vår',
			'Lokal: Föreningens lokal; plan 2',
			'Värd: Brukarföreningen, Åsby',
			'Tillgänglighet: Stegfri entré, Hörslinga',
			'Tolk: arabiska, somaliska',
			'Om lokalen: Ring på\\porten;',
			'andra våningen',
			'Tillgänglighet: Hiss finns.',
			'Hörslinga i salen.',
			'Online: https://meet.example.se/åsby?x=1'
		]);
	});

	it('a meeting without a venue keeps its typed place', async () => {
		const { store } = fakeStore([], []);
		const withVenues = { ...store, venues: { forBoardMeetings: async () => new Map() } };
		const calendar = await userCalendar(withVenues, { id: 'u1', displayName: 'Karin' }, { origin: 'https://samtavla.example', labels: { ...labels, venue: venueLabels } });
		expect(parse(serializeCalendar(calendar)).events[0].location).toBe('Stadshuset, sal 2');
	});
});

describe('RFC 5545 details', () => {
	it('escapes TEXT', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('folds at 75 octets without splitting a character', () => {
		const line = `DESCRIPTION:${'å'.repeat(100)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
		expect(foldLine('SHORT:x')).toBe('SHORT:x');
	});

	it('drops URLs that are not http(s)', () => {
		const text = serializeCalendar({
			name: 'x',
			events: [{ kind: 'all-day', uid: 'u@x', date: '2026-01-01', summary: 's', url: 'javascript:alert(1)' }]
		});
		expect(text).not.toContain('URL:');
	});
});

describe('the secret link', () => {
	function feedStore() {
		const rows: CalendarFeed[] = [];
		const calendarFeeds: Store['calendarFeeds'] = {
			async replace(feed) {
				for (const row of rows) if (row.userId === feed.userId && !row.revokedAt) row.revokedAt = feed.createdAt;
				rows.push({ ...feed, revokedAt: null });
			},
			async findByTokenHash(hash) {
				return rows.find((r) => r.tokenHash === hash) ?? null;
			},
			async activeForUser(userId) {
				return rows.find((r) => r.userId === userId && !r.revokedAt) ?? null;
			},
			async revokeForUser(userId, at) {
				for (const row of rows) if (row.userId === userId && !row.revokedAt) row.revokedAt = at;
			}
		};
		return { store: { calendarFeeds }, rows };
	}

	it('stores only the hash, opens the feed, and stops when replaced or revoked', async () => {
		const { store, rows } = feedStore();
		const first = await createCalendarToken(store, 'u1', new Date('2026-11-01T00:00:00Z'));
		expect(first).toMatch(/^[a-z2-7]{32}$/);
		expect(rows[0].tokenHash).toBe(sessionIdFromToken(first));
		expect(JSON.stringify(rows)).not.toContain(first);
		expect(await userIdForCalendarToken(store, first)).toBe('u1');
		expect(await activeCalendarSince(store, 'u1')).toEqual(new Date('2026-11-01T00:00:00Z'));

		const second = await createCalendarToken(store, 'u1');
		expect(await userIdForCalendarToken(store, first)).toBeNull();
		expect(await userIdForCalendarToken(store, second)).toBe('u1');

		await revokeCalendarToken(store, 'u1');
		expect(await userIdForCalendarToken(store, second)).toBeNull();
		expect(await activeCalendarSince(store, 'u1')).toBeNull();
	});

	it('refuses malformed tokens without asking the store', async () => {
		const { store } = feedStore();
		expect(await userIdForCalendarToken(store, '../../etc/passwd')).toBeNull();
		expect(await userIdForCalendarToken(store, 'A'.repeat(32))).toBeNull();
	});
});
