import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CARRIED_TARGET, INTERNAL_WORDS, buildFixture } from './protocol-fixture.js';
import { markCarried } from '../carry-over.js';
import { isOmitted, type ProtocolItem } from './protocol-model.js';
import { publicVersion, renderProtocol } from './render-protocol.js';

const items = (p: ReturnType<typeof renderProtocol>) => p.items.filter((i): i is ProtocolItem => !isOmitted(i));

describe('renderProtocol', () => {
	it('renders the header: board, time, place, present by agency, absent, excused, guests, chair, secretary', () => {
		const { header } = renderProtocol(buildFixture());
		expect(header).toMatchObject({
			boardName: 'Ledningsgrupp för utveckling – Åsby',
			meetingTitle: 'Ledningsgruppens möte i november',
			startsAt: '2026-11-20T12:00:00.000Z',
			timeZone: 'Europe/Stockholm',
			place: 'Stadshuset, sal Ljuset',
			chair: { name: 'Karin Lindqvist', agencyName: 'Socialförvaltningen Åsby' },
			secretary: { name: 'Ahmed Hassan', agencyName: 'Arbetsförmedlingen Åsby' },
			adjusters: []
		});
		expect(header.present.map((g) => [g.agencyName, g.people.map((p) => p.name)])).toEqual([
			['Arbetsförmedlingen Åsby', ['Ahmed Hassan']],
			['Brukarföreningen Vägen', ['Maria Johansson']],
			['Socialförvaltningen Åsby', ['Karin Lindqvist']]
		]);
		expect(header.absent).toEqual([{ name: 'Olle Ek', agencyName: 'Arbetsförmedlingen Åsby' }]);
		expect(header.excused).toEqual([{ name: 'Sara Berg', agencyName: 'Socialförvaltningen Åsby' }]);
		// Sorted by name, not in the order they were added.
		expect(header.guests.map((g) => g.name)).toEqual(['Bo Öst', 'Lena Åkesson']);
	});

	it('reads how someone was present, from a `how` field or a present_<how> status', () => {
		const input = buildFixture();
		input.meetingDoc.getMap('attendance').set('karin', { status: 'present', how: 'online', at: '' });
		input.meetingDoc.getMap('attendance').set('maria', { status: 'present_phone', at: '' });
		// Not a kind: present, how unknown.
		input.meetingDoc.getMap('attendance').set('ahmed', { status: 'present_by_pigeon', how: 'telepathy', at: '' });
		const present = renderProtocol(input).header.present.flatMap((g) => g.people);
		expect(present).toEqual(
			expect.arrayContaining([
				{ name: 'Karin Lindqvist', how: 'online' },
				{ name: 'Maria Johansson', how: 'phone' },
				{ name: 'Ahmed Hassan', how: null }
			])
		);
	});

	it('renders each § with minutes, decisions numbered per meeting, its actions and perspectives', () => {
		const protocol = renderProtocol(buildFixture());
		const [s1, s2, s3, s4] = items(protocol);
		expect([s1, s2, s3, s4].map((i) => [i.number, i.title, i.presenterAgency])).toEqual([
			[1, 'Mötets öppnande', 'Socialförvaltningen Åsby'],
			[2, 'Bostad först – läget i Åsby', 'Brukarföreningen Vägen'],
			[3, 'Förhandling med hyresvärden', 'Arbetsförmedlingen Åsby'],
			[4, 'Övriga frågor', null]
		]);
		expect(s2.minutes.map((b) => b.type)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList']);
		expect(s2.minutes[1]).toEqual({
			type: 'paragraph',
			runs: [
				{ text: 'Åtta personer har fått ', bold: false, italic: false, href: null },
				{ text: 'egen lägenhet', bold: true, italic: false, href: null },
				{ text: ' sedan i våras; se ', bold: false, italic: false, href: null },
				{ text: 'rapporten', bold: false, italic: false, href: 'https://example.se/rapport' },
				{ text: '.', bold: false, italic: false, href: null }
			]
		});
		expect([...s2.decisions, ...s3.decisions, ...s4.decisions].map((d) => d.number)).toEqual([1, 2, 3, 4]);
		expect(s2.actions).toEqual([{ title: 'Kartlägga behoven av boendestöd', agencyName: 'Socialförvaltningen Åsby', assigneeName: 'Sara Berg', dueDate: '2027-02-01' }]);
		expect(s2.perspectives).toEqual([{ authorName: 'Maria Johansson', agencyName: 'Brukarföreningen Vägen', text: 'Det viktigaste är att få en egen nyckel.\nSedan kommer resten.' }]);
		expect([s3.internal, s3.internalReason, s2.internal]).toEqual([true, 'negotiation', false]);
		// Actions of the meeting without a §, but not another meeting's.
		expect(protocol.meetingActions.map((a) => a.title)).toEqual(['Boka lokal för januari']);
		expect(protocol.summaries).toEqual([
			{ authorName: 'Ali Rahimi', agencyName: 'Brukarföreningen Vägen', text: 'Vi fick svar på två av tre frågor.' },
			{ authorName: 'Maria Johansson', agencyName: 'Brukarföreningen Vägen', text: 'Ett bra möte. Brukarna blev lyssnade på.' }
		]);
		expect(protocol.notes).toHaveLength(1);
	});

	it('says where a carried § went: the target meeting’s title and date in the protocol’s zone, or the backlog (issue 12.6)', () => {
		const input = buildFixture({ carried: true });
		markCarried(input.meetingDoc, 'item-2', { kind: 'backlog', backlogId: 'b-1', at: '' });
		const [s1, s2, , s4] = items(renderProtocol(input));
		expect(s4.carriedTo).toEqual({ kind: 'meeting', meetingTitle: CARRIED_TARGET.title, date: '2027-01-15' });
		expect(s2.carriedTo).toEqual({ kind: 'backlog' });
		expect('carriedTo' in s1).toBe(false);
		// In New York the same instant is still the 14th.
		const ny = renderProtocol({ ...input, meeting: { ...input.meeting, timeZone: 'America/New_York' } });
		expect(items(ny)[3].carriedTo).toEqual({ kind: 'meeting', meetingTitle: CARRIED_TARGET.title, date: '2027-01-14' });
		// The public version keeps the line of a § it shows.
		expect(items(publicVersion(renderProtocol(input)))[2].carriedTo?.kind).toBe('meeting');
	});

	it('leaves the line out, and says so, when the server did not find the meeting a § was carried to; a malformed mark is no mark', () => {
		const input = buildFixture({ carried: true });
		(input.meetingDoc.getMap('agenda').get('item-1') as Y.Map<unknown>).set('carriedTo', { kind: 'meeting', meetingId: 42 });
		const protocol = renderProtocol({ ...input, carriedTargets: {} });
		expect(items(protocol).some((item) => 'carriedTo' in item)).toBe(false);
		expect(protocol.skipped).toContainEqual({ where: '§ 4', reason: 'carried to a meeting that was not found' });
		expect(protocol.skipped.filter((s) => s.where === '§ 1')).toEqual([]);
	});

	it('never throws on odd content: reads what it can and names what it skipped', () => {
		const input = buildFixture();
		const agenda = input.meetingDoc.getMap<unknown>('agenda');
		agenda.set('junk', 'not an item');
		(agenda.get('item-1') as Y.Map<unknown>).set('minutes', 'plain string');
		(agenda.get('item-2') as Y.Map<unknown>).set('decisions', 42);
		const minutes = (agenda.get('item-4') as Y.Map<unknown>).get('minutes') as Y.XmlFragment;
		const odd = new Y.XmlElement('codeBlock');
		odd.insert(0, [new Y.XmlText('kod')]);
		const para = new Y.XmlElement('paragraph');
		const link = new Y.XmlText();
		link.insert(0, 'klicka', { link: { href: 'javascript:alert(1)' } });
		para.insert(0, [link, new Y.XmlElement('hardBreak'), new Y.XmlText('rad två')]);
		minutes.insert(minutes.length, [odd, para, new Y.XmlText('lös text')]);
		input.meetingDoc.getMap('attendance').set('stranger', { status: 'present', at: '' });
		input.meetingDoc.getMap('attendance').set('karin', 'garbage');
		input.boardDoc!.getMap('actions').set('broken', 'x' as never);
		input.voicesDoc!.getMap('perspectives').set('bad', 7 as never);

		const protocol = renderProtocol(input);
		const [s1, s2, , s4] = items(protocol);
		expect(s1.minutes).toEqual([]);
		expect(s2.decisions).toEqual([]);
		expect(s4.minutes.slice(1)).toEqual([
			{ type: 'paragraph', runs: [{ text: 'kod', bold: false, italic: false, href: null }] },
			// An unsafe link keeps its text and loses its target.
			{ type: 'paragraph', runs: [{ text: 'klicka\nrad två', bold: false, italic: false, href: null }] },
			{ type: 'paragraph', runs: [{ text: 'lös text', bold: false, italic: false, href: null }] }
		]);
		expect(protocol.header.present.flatMap((g) => g.people.map((p) => p.name))).toEqual(['Ahmed Hassan', 'Maria Johansson']);
		expect(protocol.skipped.map((s) => s.where)).toEqual(expect.arrayContaining(['§ 1 minutes', '§ 4 minutes', 'header']));
		expect(() => renderProtocol({ ...input, voicesDoc: null, boardDoc: null, meeting: { ...input.meeting, startsAt: 'not a date' } })).not.toThrow();
	});
});

describe('publicVersion', () => {
	it('replaces an internal item by its number and reason category, keeping the numbering', () => {
		const pub = publicVersion(renderProtocol(buildFixture()));
		expect(pub.version).toBe('public');
		expect(pub.items.map((i) => i.number)).toEqual([1, 2, 3, 4]);
		expect(pub.items[2]).toEqual({ number: 3, omitted: true, reasonCategory: 'negotiation' });
		expect(items(pub)[2].decisions).toEqual([{ number: 4, text: 'Nästa möte hålls den 15 januari.' }]);
	});

	it('leaves no text of an internal item anywhere: title, minutes, decision, action, perspective', () => {
		const full = JSON.stringify(renderProtocol(buildFixture()));
		const pub = JSON.stringify(publicVersion(renderProtocol(buildFixture())));
		for (const words of INTERNAL_WORDS) {
			expect(full).toContain(words); // the check would find them
			expect(pub).not.toContain(words);
		}
	});

	it('gives a free-text reason only as the category "other"', () => {
		const input = buildFixture();
		(input.meetingDoc.getMap('agenda').get('item-3') as Y.Map<unknown>).set('internalReason', 'Gäller Per Persson');
		const pub = publicVersion(renderProtocol(input));
		expect(pub.items[2]).toEqual({ number: 3, omitted: true, reasonCategory: 'other' });
		expect(JSON.stringify(pub)).not.toContain('Per Persson');
	});

	it('does not change the full protocol it was made from', () => {
		const full = renderProtocol(buildFixture());
		const before = JSON.stringify(full);
		publicVersion(full);
		expect(JSON.stringify(full)).toBe(before);
	});
});
