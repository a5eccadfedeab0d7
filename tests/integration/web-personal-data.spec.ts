import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolve } from 'node:path';
import { addAgendaItem, itemMinutes, recordDecision, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { renderInput } from '../../src/lib/server/protocol/current-protocol';
import type { Store } from '../../src/lib/server/store/types';
import { createStore } from '../../src/lib/server/store/index';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * The server's personal-data guard over HTTP against the production build (issue 11, point 3):
 * a public version with an identity number in it is never shown, downloaded or published, and
 * says where (§ and field, never the number); an internal download with one asks first.
 */
const PNR = '811218-9876';
const CPR = '070761-4285';

/** Two §: the first open (with `openText`), the second internal (with a CPR number). */
async function writeMeeting(store: Store, meetingId: string, ownerId: string, openText: string) {
	const meeting = new Y.Doc();
	setMeetingRole(meeting, 'chairId', ownerId);
	const open = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
	const internal = addAgendaItem(meeting, { title: 'Enskilt ärende' }, 'item2');
	appendBlocks(itemMinutes(meeting, open)!, [{ type: 'paragraph', text: [openText] }]);
	appendBlocks(itemMinutes(meeting, internal)!, [{ type: 'paragraph', text: [`Ärendet gäller ${CPR}.`] }]);
	const item = meeting.getMap<Y.Map<unknown>>('agenda').get(internal)!;
	item.set('internal', true);
	item.set('internalReason', 'personal_data');
	recordDecision(meeting, open, { text: 'Gruppen ställer sig bakom förslaget.', createdBy: ownerId }, 'd1');
	await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
	return meeting;
}

describe('Personal-data guard over HTTP', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let adjuster: Awaited<ReturnType<typeof makeUser>>;
	let dataDir: string;
	let running = true;
	/** A personnummer in an open §: both versions have it. */
	let exposed: string;
	/** An identity number only in the internal §: the public version is clean. */
	let contained: string;
	/** Adjusted with a personnummer in an open §, and published before the guard existed. */
	let sealedId: string;
	/** Nothing written yet. */
	let clean: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		adjuster = await makeUser(store, 'Adjuster');
		const first = await makeMeeting(store, owner.user);
		exposed = first.meetingId;
		await store.boards.addMember(first.boardId, adjuster.user.id, 'contributor');
		await writeMeeting(store, exposed, owner.user.id, `Klienten ${PNR} har fått en lägenhet.`);
		contained = (await makeMeeting(store, owner.user)).meetingId;
		clean = (await makeMeeting(store, owner.user)).meetingId;
		await writeMeeting(store, contained, owner.user.id, 'Åtta har fått egen lägenhet.');

		const third = await makeMeeting(store, owner.user);
		sealedId = third.meetingId;
		await writeMeeting(store, sealedId, owner.user.id, `Klienten ${PNR} har fått en lägenhet.`);
		const meeting = (await store.meetings.get(sealedId))!;
		const board = (await store.boards.get(third.boardId))!;
		const protocol = renderProtocol(await renderInput(store, { meeting, board, timeZone: 'Europe/Stockholm' }));
		const at = new Date('2026-12-03T10:00:00Z');
		const revision = await store.meetings.change(sealedId, { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event: { kind: 'moved', actorId: owner.user.id, at, detail: {} } });
		const sealed = { meetingId: sealedId, hash: protocolHash(protocol), format: protocol.format, canonical: canonicalJson(protocol), meetingState: new Uint8Array([0]), voicesState: new Uint8Array([0]), approvals: [], sealedAt: at };
		expect(await store.protocols.seal(sealed, revision!, {}, owner.user.id)).toBe(true);
		expect(await store.publications.setSlug(third.boardId, 'grupp-med-nummer')).toBe('set');
		// Published straight through the store, as before the guard: the page must still not show it.
		expect(await store.publications.publish(sealedId, '2026-12-01', owner.user.id, at)).toBe('published');
		await setup.close();
		dataDir = setup.dataDir;
		server = await startBuiltServerOn(dataDir);
	}, 120_000);

	afterAll(async () => {
		if (running) await server?.stop();
	});

	const get = (path: string) => fetch(server.url + path, { redirect: 'manual', headers: { cookie: owner.cookie } });
	const post = (path: string, fields: Record<string, string | string[]>) => {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
		return fetch(server.url + path, { method: 'POST', body, redirect: 'manual', headers: { cookie: owner.cookie, origin: server.url, accept: 'text/html' } });
	};

	it('the public print view of a protocol with an identity number shows where it is, never the protocol or the number', async () => {
		const html = await (await get(`/meetings/${exposed}/protocol?version=public`)).text();
		expect(html).toContain('Den offentliga versionen innehåller personnummer');
		expect(html).toContain('§ 1: protokolltexten');
		expect(html).not.toContain('9876');
		expect(html).not.toContain('har fått en lägenhet');
		expect(html).not.toContain('data-testid="protocol-download-pdf"');
	});

	it('every public download of it is refused to that page', async () => {
		for (const format of ['pdf', 'docx', 'md']) {
			const response = await get(`/meetings/${exposed}/protocol.${format}?version=public`);
			expect(response.status, format).toBe(303);
			expect(response.headers.get('location')).toBe(`/meetings/${exposed}/protocol?version=public`);
		}
	});

	it('an internal download with identity numbers asks first; ticked, it downloads', async () => {
		const asked = await get(`/meetings/${exposed}/protocol.docx`);
		expect(asked.status).toBe(303);
		expect(asked.headers.get('location')).toBe(`/meetings/${exposed}/protocol/download?format=docx`);
		const page = await (await get(`/meetings/${exposed}/protocol/download?format=docx`)).text();
		expect(page).toContain('§ 1: protokolltexten');
		expect(page).toContain('§ 2: protokolltexten');
		expect(page).toContain(`action="/meetings/${exposed}/protocol.docx"`);
		expect(page).not.toContain('9876');
		const file = await get(`/meetings/${exposed}/protocol.md?personalData=acknowledged`);
		expect(file.status).toBe(200);
		expect(await file.text()).toContain(PNR);
		// The internal print view shows the protocol, with where the numbers are, and links to the asking page.
		const view = await (await get(`/meetings/${exposed}/protocol`)).text();
		expect(view).toContain(`href="/meetings/${exposed}/protocol/download?format=pdf"`);
		expect(view).toContain('data-testid="protocol-personal-data"');
	});

	it('a number only in an internal § leaves the public version free to download; the internal one still asks', async () => {
		const publicMd = await get(`/meetings/${contained}/protocol.md?version=public`);
		expect(publicMd.status).toBe(200);
		const text = await publicMd.text();
		expect(text).toContain('Åtta har fått egen lägenhet.');
		expect(text).not.toContain(CPR);
		expect((await get(`/meetings/${contained}/protocol.pdf`)).headers.get('location')).toBe(`/meetings/${contained}/protocol/download?format=pdf`);
		expect((await get(`/meetings/${contained}/protocol/download?format=pdf`)).status).toBe(200);
		// Nothing to ask about: the asking page goes straight to the file.
		const straight = await get(`/meetings/${clean}/protocol/download?format=pdf`);
		expect(straight.status).toBe(303);
		expect(straight.headers.get('location')).toBe(`/meetings/${clean}/protocol.pdf`);
	});

	it('a protocol published before the guard, with an identity number in public, is not shown (410)', async () => {
		const response = await fetch(`${server.url}/p/grupp-med-nummer/2026-12-01`);
		expect(response.status).toBe(410);
		expect(await response.text()).not.toContain('9876');
	});

	it('publishing an adjusted protocol whose public version has an identity number is refused, with where', async () => {
		const response = await fetch(`${server.url}/meetings/${sealedId}/publication?/publish`, {
			method: 'POST',
			body: new URLSearchParams(),
			redirect: 'manual',
			headers: { cookie: owner.cookie, origin: server.url, accept: 'text/html' }
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Den offentliga versionen innehåller personnummer');
		expect(html).toContain('§ 1: protokolltexten');
		expect(html).not.toContain('9876');
	});

	it('sending for adjustment through the meeting’s form asks first, shows where, and goes ahead once ticked', async () => {
		// A form action that succeeds answers 200 (the page again) or 303; a refusal 400.
		expect([200, 303]).toContain((await post(`/meetings/${exposed}?/move`, { to: 'held', reason: '' })).status);
		expect([200, 303]).toContain((await post(`/meetings/${exposed}?/appoint`, { adjusterIds: [adjuster.user.id], dueDate: '2026-12-17' })).status);
		const refused = await post(`/meetings/${exposed}?/move`, { to: 'in_adjustment', reason: '' });
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain('Protokollet innehåller personnummer eller andra identitetsnummer');
		expect(html).toContain('§ 1: protokolltexten');
		expect(html).not.toContain('9876');
		expect((await get(`/meetings/${exposed}`)).status).toBe(200);
		const sent = await post(`/meetings/${exposed}?/move`, { to: 'in_adjustment', reason: '', personalData: 'acknowledged' });
		expect([200, 303]).toContain(sent.status);
		expect(await (await get(`/meetings/${exposed}`)).text()).toContain('data-status="in_adjustment"');
	});

	it('the audit log keeps each acknowledgement with where the numbers were, never the numbers', async () => {
		await server.stop();
		running = false;
		const { store } = await createStore({ dataDir, databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), schema: 'check' });
		try {
			const entries = await store.audit.list({});
			const moved = entries.find((e) => e.kind === 'meeting-moved' && e.meetingId === exposed && (e.details as { to?: string }).to === 'in_adjustment');
			expect(moved?.details).toMatchObject({ personalData: { acknowledged: true, spots: expect.arrayContaining([expect.objectContaining({ field: 'minutes' })]) } });
			const downloads = entries.filter((e) => e.kind === 'internal-export' && e.meetingId === exposed);
			expect(downloads.find((e) => (e.details as { format?: string }).format === 'md')?.details).toMatchObject({ personalData: { acknowledged: true } });
			expect(JSON.stringify(entries)).not.toContain('9876');
		} finally {
			await store.close();
		}
	});
});
