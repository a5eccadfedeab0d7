import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import ICAL from 'ical.js';
import { setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { createMeeting } from '../../src/lib/server/services/boards';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * Venues and access needs over HTTP against the production build (issue 12, points 10 and 11):
 * who is told that a meeting's venue lacks what a member needs (owners with the name, the chair
 * without it, nobody else), that nobody reads another person's needs, and the venue in iCal.
 */
describe('Venues and access needs over HTTP', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let chair: Awaited<ReturnType<typeof makeUser>>;
	let needy: Awaited<ReturnType<typeof makeUser>>;
	let other: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Olle');
		chair = await makeUser(store, 'Cecilia');
		needy = await makeUser(store, 'Naima');
		other = await makeUser(store, 'Viktor');
		boardId = (await makeMeeting(store, owner.user)).boardId;
		await store.boards.addMember(boardId, chair.user.id, 'editor');
		await store.boards.addMember(boardId, needy.user.id, 'contributor');
		await store.boards.addMember(boardId, other.user.id, 'contributor');
		const made = await createMeeting(store, owner.user, boardId, { title: 'Vårens planering', startsAt: '2030-05-02T13:00', tzOffset: '120' });
		if (!made.ok) throw new Error('meeting failed');
		meetingId = made.value.id;
		const at = new Date();
		await store.venues.create({
			id: 'venue-1',
			boardId,
			name: 'Föreningens lokal',
			hostAgency: 'Brukarföreningen Vägen',
			address: 'Storgatan 1, 111 22 Åsby',
			features: ['lift', 'interpreting'],
			interpretingLanguages: 'somaliska',
			notes: 'Ring på; porten är låst, andra våningen',
			createdBy: owner.user.id,
			createdAt: at
		});
		const venue = (await store.venues.get('venue-1'))!;
		await store.venues.setForMeeting(meetingId, { ...venue, venueId: venue.id }, owner.user.id, at);
		await store.accessNeeds.set(needy.user.id, { needs: ['stepFree', 'interpreting'], interpretingLanguage: 'tigrinja' }, at);
		// Cecilia chairs the meeting (the meeting document's meta, as the meeting page sets it).
		const doc = new Y.Doc();
		setMeetingRole(doc, 'chairId', chair.user.id);
		await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(doc)]);
		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie: string) => fetch(server.url + path, { redirect: 'manual', headers: { cookie, 'accept-language': 'sv' } });
	const html = async (path: string, cookie: string) => {
		const response = await get(path, cookie);
		expect(response.status).toBe(200);
		return response.text();
	};
	/** The warning section of a page, or null. */
	const warnings = (page: string) => /<section[^>]*data-testid="venue-warnings"[\s\S]*?<\/section>/.exec(page)?.[0] ?? null;

	it('the owner is told, on the board page and the meeting page, what is missing and for whom', async () => {
		for (const path of [`/boards/${boardId}`, `/meetings/${meetingId}`]) {
			const section = warnings(await html(path, owner.cookie));
			expect(section, path).not.toBeNull();
			expect(section).toContain('Stegfri entré');
			expect(section).toContain('tigrinja');
			expect(section).toContain(needy.user.displayName);
			// What the venue does meet is not listed as missing.
			expect(section).not.toContain('Hiss');
		}
	});

	it('the chair who is not an owner is told what is missing, not whose need it is', async () => {
		for (const path of [`/boards/${boardId}`, `/meetings/${meetingId}`]) {
			const section = warnings(await html(path, chair.cookie));
			expect(section, path).not.toBeNull();
			expect(section).toContain('Stegfri entré');
			expect(section).toContain('en medlem');
			expect(section).not.toContain(needy.user.displayName);
		}
	});

	it('any other member sees no warning, and nobody reads another person’s needs', async () => {
		for (const path of [`/boards/${boardId}`, `/meetings/${meetingId}`]) expect(warnings(await html(path, other.cookie)), path).toBeNull();
		// The needs page shows only one's own: Viktor's is empty, Naima's has hers.
		const others = await html('/account/access', other.cookie);
		expect(others).not.toContain('tigrinja');
		expect(others).toContain('data-testid="need-stepFree"');
		expect(others).not.toMatch(/data-testid="need-stepFree"[^>]*checked|checked[^>]*data-testid="need-stepFree"/);
		expect(await html('/account/access', needy.cookie)).toContain('tigrinja');
		// The page's data (SvelteKit's __data.json) is the person's own too.
		const data = await (await get('/account/access/__data.json', other.cookie)).text();
		expect(data).not.toContain('tigrinja');
	});

	it('saving needs changes only one’s own, and bad input is answered in the person’s language', async () => {
		const post = (body: URLSearchParams, cookie: string) =>
			fetch(server.url + '/account/access?/save', { method: 'POST', body, redirect: 'manual', headers: { cookie, origin: server.url, 'accept-language': 'sv', accept: 'text/html' } });
		const bad = await post(new URLSearchParams([['needs', 'helikopterplatta']]), other.cookie);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Välj bara bland alternativen i listan.');
		const ok = await post(new URLSearchParams([['needs', 'quietRoom']]), other.cookie);
		expect(ok.status).toBe(200);
		expect(await html('/account/access', needy.cookie)).toContain('tigrinja');
	});

	it('the calendar entry has the address as LOCATION and the venue in the DESCRIPTION, escaped and parsed back', async () => {
		const response = await get('/calendar/mine.ics?lang=sv', needy.cookie);
		expect(response.status).toBe(200);
		const component = new ICAL.Component(ICAL.parse(await response.text()));
		const event = component
			.getAllSubcomponents('vevent')
			.map((v) => new ICAL.Event(v))
			.find((e) => e.uid === `meeting-${meetingId}@samtavla`)!;
		expect(event.location).toBe('Storgatan 1, 111 22 Åsby');
		const lines = event.description.split('\n');
		expect(lines).toContain('Lokal: Föreningens lokal');
		expect(lines).toContain('Värd: Brukarföreningen Vägen');
		expect(lines).toContain('Tillgänglighet: Hiss');
		expect(lines).toContain('Tolk kan ordnas på: somaliska');
		expect(lines).toContain('Om lokalen: Ring på; porten är låst, andra våningen');
	});
});
