import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../src/lib/domain/meeting-doc';
import { addPerspective, listPerspectives, listSummaries, setText, summaryText } from '../../src/lib/domain/voices-doc';
import { addAsk, listAsks } from '../../src/lib/domain/board-voices-doc';
import { addThread, listThreads } from '../../src/lib/domain/comments-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { buildFixture } from '../../src/lib/domain/protocol/protocol-fixture';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { createMeeting } from '../../src/lib/server/services/boards';
import type { SealedProtocol, Store } from '../../src/lib/server/store/types';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

const PASSWORD = 'grön-tavla-som-håller'; // makeUser's

/**
 * Erasing one's own account over HTTP against the production build (issue 11, point 11): the
 * password again and a tick; a board's only owner is refused with the list; afterwards the old
 * session and the old password do nothing, her words in a live meeting are signed "former member
 * (agency)", an adjusted protocol is byte for byte as sealed, and the audit log says who it was.
 */
describe('Erasing an account over HTTP', () => {
	let server: BuiltServer;
	let dataDir: string;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let vera: Awaited<ReturnType<typeof makeUser>>;
	let lone: Awaited<ReturnType<typeof makeUser>>;
	let veraAgency: string;
	let meetingId: string;
	let adjustedId: string;
	let asksDoc: string;
	let sealedBefore: SealedProtocol;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Olle');
		vera = await makeUser(store, 'Vera');
		lone = await makeUser(store, 'Lone');
		veraAgency = (await store.agencies.get(vera.user.agencyId))!.name;
		let boardId: string;
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, vera.user.id, 'contributor');
		await makeMeeting(store, lone.user); // Lone alone owns a board
		const author = { id: vera.user.id, name: vera.user.displayName, agencyId: vera.user.agencyId, agencyName: veraAgency };
		const asVera = { userId: vera.user.id, agencyId: vera.user.agencyId };

		// The live meeting: her perspective and summary, written through her connection (authored).
		const meeting = new Y.Doc();
		const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
		await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
		const voices = new Y.Doc();
		addPerspective(voices, item, author, 'Vi vill bli tillfrågade först.');
		setText(summaryText(voices, author), 'Ett möte där vi blev lyssnade på.');
		await store.docs.append(`meeting:${meetingId}:voices`, [{ update: Y.encodeStateAsUpdate(voices), author: asVera }]);
		// Her ask on the board (issue 12): the name goes, the ask stays.
		const boardVoices = new Y.Doc();
		addAsk(boardVoices, author, { kind: 'item', text: 'Boendestöd på helger' });
		asksDoc = `board:${boardId}:voices`;
		await store.docs.append(asksDoc, [{ update: Y.encodeStateAsUpdate(boardVoices), author: asVera }]);
		// Her comment on the minutes, here and (below) in the adjusted meeting: comments are no part of the protocol.
		const comment = (text: string) => {
			const doc = new Y.Doc();
			addThread(doc, author, { itemId: item, anchor: { kind: 'decision', decisionId: 'd1' }, quote: 'Beslut 1', text });
			return Y.encodeStateAsUpdate(doc);
		};
		await store.docs.append(`meeting:${meetingId}:comments`, [{ update: comment('Vad betyder det?'), author: asVera }]);

		// An adjusted meeting with her perspective in its sealed protocol and documents.
		const second = await createMeeting(store, owner.user, boardId, { title: 'Justerat möte', startsAt: '2026-11-20T13:00', tzOffset: '60' });
		if (!second.ok) throw new Error('meeting failed');
		adjustedId = second.value.id;
		const adjustedVoices = new Y.Doc();
		addPerspective(adjustedVoices, 'x', author, 'Mina ord i protokollet.');
		await store.docs.append(`meeting:${adjustedId}:voices`, [{ update: Y.encodeStateAsUpdate(adjustedVoices), author: asVera }]);
		await store.docs.append(`meeting:${adjustedId}:comments`, [{ update: comment('En fråga i efterhand.'), author: asVera }]);
		const input = buildFixture();
		input.meeting.id = adjustedId;
		const protocol = renderProtocol(input);
		protocol.items.push({ number: 9, title: 'Brukarnas röst', presenterAgency: null, internal: false, internalReason: null, minutes: [], decisions: [], actions: [], perspectives: [{ authorName: vera.user.displayName, agencyName: veraAgency, text: 'Mina ord i protokollet.' }] });
		const hash = protocolHash(protocol);
		const event = { kind: 'moved', actorId: owner.user.id, at: new Date(), detail: {} };
		expect(await store.meetings.change(adjustedId, { revision: 0, status: 'in_adjustment', bumpSequence: false, event })).toBe(1);
		const approvals = [{ by: owner.user.id, at: '2026-11-21T09:00:00.000Z', version: hash, withdrawnAt: null }];
		const adjustment = { chairId: owner.user.id, secretaryId: null, appointment: { adjusterIds: [owner.user.id], dueDate: '2026-11-30' }, approvals, objections: [] };
		const sealed = { meetingId: adjustedId, hash, format: 1, canonical: canonicalJson(protocol), meetingState: new Uint8Array([0]), voicesState: Y.encodeStateAsUpdate(adjustedVoices), approvals, sealedAt: new Date('2026-11-21T09:00:05.000Z') };
		expect(await store.protocols.seal(sealed, 1, adjustment, owner.user.id)).toBe(true);
		sealedBefore = (await store.protocols.get(adjustedId))!;
		await setup.close();
		dataDir = setup.dataDir;
		server = await startBuiltServerOn(dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
	const post = (path: string, fields: Record<string, string>, cookie?: string) =>
		fetch(server.url + path, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { origin: server.url, accept: 'text/html', ...(cookie ? { cookie } : {}) } });

	it('the page says what goes and what stays; signed out it asks to sign in', async () => {
		const response = await get('/account/erase', vera.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Justerade protokoll ändras inte');
		expect(html).toContain('name="password"');
		expect(html).toContain('name="confirm"');
		expect(html).not.toContain('data-testid="erase-last-owner"');
		expect((await get('/account')).headers.get('location')).toMatch(/^\/signin/);
		expect((await get('/account/erase')).headers.get('location')).toMatch(/^\/signin/);
		expect(await (await get('/account', vera.cookie)).text()).toContain('href="/account/erase"');
	});

	it('refuses without the tick or with a wrong password, and changes nothing', async () => {
		const unticked = await post('/account/erase', { password: PASSWORD }, vera.cookie);
		expect(unticked.status).toBe(400);
		expect(await unticked.text()).toContain('Kryssa i rutan');
		const wrong = await post('/account/erase', { password: 'fel-lösenord', confirm: 'yes' }, vera.cookie);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Lösenordet stämmer inte');
		expect((await get('/account', vera.cookie)).status).toBe(200);
	});

	it('refuses a board’s only owner, naming the board', async () => {
		expect(await (await get('/account/erase', lone.cookie)).text()).toContain('data-testid="erase-last-owner"');
		const refused = await post('/account/erase', { password: PASSWORD, confirm: 'yes' }, lone.cookie);
		expect(refused.status).toBe(409);
		const html = await refused.text();
		expect(html).toContain('enda ägare');
		expect(html).toContain('Ledningsgrupp för utveckling');
		expect((await get('/account', lone.cookie)).status).toBe(200);
	});

	it('erases: a calm page, the cookie cleared, the old session and password dead', async () => {
		const erased = await post('/account/erase', { password: PASSWORD, confirm: 'yes' }, vera.cookie);
		expect(erased.status).toBe(303);
		expect(erased.headers.get('location')).toBe('/account/erased');
		expect(erased.headers.get('set-cookie')).toMatch(/samtavla_session=;.*Max-Age=0/i);
		const page = await get('/account/erased');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Ditt konto är raderat');
		expect((await get('/account', vera.cookie)).headers.get('location')).toMatch(/^\/signin/);
		const signIn = await post('/signin', { email: vera.user.email, password: PASSWORD });
		expect(signIn.status).toBe(400);
		expect(await signIn.text()).toContain('E-postadressen eller lösenordet stämmer inte');
	});

	it('the live meeting’s draft protocol signs her words as a former member of her agency', async () => {
		const html = await (await get(`/meetings/${meetingId}/protocol`, owner.cookie)).text();
		expect(html).toContain('Vi vill bli tillfrågade först.');
		expect(html).toContain(`Tidigare medlem (${veraAgency})`);
		expect(html).not.toContain(vera.user.displayName);
	});

	it('in the store: names gone from the live documents, the adjusted protocol untouched, the audit entry as she was', async () => {
		await server.stop();
		const app = await startTestApp({ dataDir });
		try {
			const store: Store = app.runtime.store;
			const live = await app.runtime.live.readDoc(`meeting:${meetingId}:voices`);
			expect(listPerspectives(live).map((p) => [p.authorName, p.agencyName, p.text])).toEqual([['', veraAgency, 'Vi vill bli tillfrågade först.']]);
			expect(listSummaries(live).map((s) => [s.authorName, s.text])).toEqual([['', 'Ett möte där vi blev lyssnade på.']]);
			expect(listAsks(await app.runtime.live.readDoc(asksDoc)).map((a) => [a.authorName, a.agencyName, a.text])).toEqual([['', veraAgency, 'Boendestöd på helger']]);
			expect((await store.docs.history(`meeting:${meetingId}:voices`)).filter((h) => h.source === 'member').map((h) => [h.authorId, h.agencyId])).toEqual([[null, vera.user.agencyId]]);
			// The adjusted meeting: its sealed row byte for byte, its documents still with her name.
			const sealedAfter = (await store.protocols.get(adjustedId))!;
			expect(sealedAfter.hash).toBe(sealedBefore.hash);
			expect(sealedAfter.canonical).toBe(sealedBefore.canonical);
			expect(sealedAfter.canonical).toContain(vera.user.displayName);
			expect(Buffer.from(sealedAfter.voicesState).equals(Buffer.from(sealedBefore.voicesState))).toBe(true);
			const adjusted = await app.runtime.live.readDoc(`meeting:${adjustedId}:voices`);
			expect(listPerspectives(adjusted)[0].authorName).toBe(vera.user.displayName);
			// Her comments lose the name everywhere, in the adjusted meeting too (they are not the protocol).
			for (const id of [meetingId, adjustedId]) {
				const threads = listThreads(await app.runtime.live.readDoc(`meeting:${id}:comments`));
				expect(threads.map((t) => [t.authorName, t.agencyName, t.comments[0].authorName])).toEqual([['', veraAgency, '']]);
			}
			// The account row: anonymised, kept.
			expect(await store.users.get(vera.user.id)).toMatchObject({ displayName: '', email: `erased+${vera.user.id}@invalid`, agencyId: vera.user.agencyId });
			expect(await store.users.findByEmail(vera.user.email)).toBeNull();
			// The audit log keeps who it was (accountability), without her address.
			const [entry] = await store.audit.list({ kinds: ['account-erased'], actorId: vera.user.id });
			expect(entry).toMatchObject({ actorName: vera.user.displayName, actorAgency: veraAgency, subject: vera.user.id });
			expect(JSON.stringify(entry.details)).not.toContain(vera.user.email);
		} finally {
			await app.close();
		}
	});
});
