import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolHash, canonicalJson } from '../../src/lib/domain/protocol/canonical';
import { INTERNAL_WORDS, SV_LABELS, buildFixture } from '../../src/lib/domain/protocol/protocol-fixture';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { localDate } from '../../src/lib/domain/publication';
import { addendumHash } from '../../src/lib/domain/addendum';
import { protocolToPdf } from '../../src/lib/server/protocol/pdf';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { createMeeting } from '../../src/lib/server/services/boards';
import { makeMeeting, makeUser, startTestApp, withStoppedDatabase } from './helpers';

/**
 * Verifying and publishing an adjusted protocol (issue 10, points 5 and 9) over HTTP against the
 * production build: /verify needs no account, the public page shows only the public version and
 * answers 410 once taken down, and only an owner publishes. The protocol is sealed through the
 * store as the justering flow does (meetings.change to in_adjustment, then protocols.seal).
 */
describe('Verify and publish over HTTP', () => {
	let server: BuiltServer;
	let dataDir: string;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let adjuster: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;
	let secondId: string;
	let hash: string;
	let pathDate: string;
	const addendumHashes: string[] = [];
	const ADDENDUM_TEXT = 'Rättelse: uppföljningen sker i april, inte i mars.';
	const labels = { ...SV_LABELS, pageOf: (p: string, n: string) => `Sida ${p} av ${n}`, hashLine: (h: string) => `SHA-256: ${h}` };
	const slug = 'ledningsgrupp-asby';

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		adjuster = await makeUser(store, 'Adjuster');
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, adjuster.user.id, 'editor');
		const input = buildFixture();
		input.meeting.id = meetingId;
		const protocol = renderProtocol(input);
		hash = protocolHash(protocol);
		pathDate = localDate(protocol.header.startsAt, protocol.header.timeZone);
		const event = { kind: 'moved', actorId: owner.user.id, at: new Date(), detail: {} };
		expect(await store.meetings.change(meetingId, { revision: 0, status: 'in_adjustment', bumpSequence: false, event })).toBe(1);
		const approvals = [
			{ by: owner.user.id, at: '2026-12-02T09:00:00.000Z', version: hash, withdrawnAt: null },
			{ by: adjuster.user.id, at: '2026-12-03T10:00:00.000Z', version: hash, withdrawnAt: null }
		];
		const adjustment = { chairId: owner.user.id, secretaryId: null, appointment: { adjusterIds: [adjuster.user.id], dueDate: '2026-12-10' }, approvals, objections: [] };
		const sealed = { meetingId, hash, format: 1, canonical: canonicalJson(protocol), meetingState: new Uint8Array([0]), voicesState: new Uint8Array([0]), approvals, sealedAt: new Date('2026-12-03T10:00:05.000Z') };
		expect(await store.protocols.seal(sealed, 1, adjustment, adjuster.user.id)).toBe(true);
		// Two addenda: the first approved by both, the second still waiting.
		for (const number of [1, 2]) {
			const text = number === 1 ? ADDENDUM_TEXT : 'Väntar på godkännande.';
			const addendum = { number, text, by: owner.user.id, at: '2026-12-05T08:00:00.000Z', hash: addendumHash(hash, number, text), approvals: [], approvedAt: null };
			expect(await store.addenda.add(meetingId, addendum)).toBe(true);
			addendumHashes.push(addendum.hash);
		}
		const both = [{ by: owner.user.id, at: '2026-12-05T09:00:00.000Z' }, { by: adjuster.user.id, at: '2026-12-06T09:00:00.000Z' }];
		const first = (await store.addenda.list(meetingId))[0];
		expect(await store.addenda.approve(meetingId, { ...first, approvals: both, approvedAt: '2026-12-06T09:00:00.000Z' }, 0, adjuster.user.id, new Date('2026-12-06T09:00:00.000Z'))).toBe(true);
		// A second meeting of the board on the same day (another protocol, another hash).
		const second = await createMeeting(store, owner.user, boardId, { title: 'Extramöte', startsAt: '2026-12-01T15:00', tzOffset: '60' });
		if (!second.ok) throw new Error('second meeting failed');
		secondId = second.value.id;
		const input2 = buildFixture({ title2: 'Extra punkt' });
		input2.meeting.id = secondId;
		const protocol2 = renderProtocol(input2);
		await store.meetings.change(secondId, { revision: 0, status: 'in_adjustment', bumpSequence: false, event });
		const sealed2 = { ...sealed, meetingId: secondId, hash: protocolHash(protocol2), canonical: canonicalJson(protocol2), approvals: [] };
		expect(await store.protocols.seal(sealed2, 1, adjustment, owner.user.id)).toBe(true);
		await setup.close();
		dataDir = setup.dataDir;
		server = await startBuiltServerOn(dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
	const post = (path: string, body: FormData | URLSearchParams, cookie?: string) =>
		fetch(server.url + path, { method: 'POST', body, redirect: 'manual', headers: { origin: server.url, accept: 'text/html', ...(cookie ? { cookie } : {}) } });

	it('/verify/<hash> names the meeting, the chair and the adjuster, signed out', async () => {
		const response = await get(`/verify/${hash}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('data-outcome="match"');
		expect(html).toContain('Ledningsgrupp för utveckling – Åsby');
		expect(html).toContain('Ledningsgruppens möte i november');
		expect(html).toContain('Stadshuset, sal Ljuset');
		expect(html).toContain(`${owner.user.displayName} (ordförande)`);
		expect(html).toContain(`${adjuster.user.displayName} (justerare)`);
		expect(html).toContain('Protokollet är inte publicerat.');
	});

	it('/verify/<hash>.json answers the same for machines', async () => {
		const response = await get(`/verify/${hash}.json`);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ kind: 'match', hash, meetingTitle: 'Ledningsgruppens möte i november', sealedAt: '2026-12-03T10:00:05.000Z', publicPath: null });
		expect(body.approvers).toEqual([
			{ name: owner.user.displayName, role: 'chair', at: '2026-12-02T09:00:00.000Z' },
			{ name: adjuster.user.displayName, role: 'adjuster', at: '2026-12-03T10:00:00.000Z' }
		]);
		expect(await (await get(`/verify/${'0'.repeat(64)}.json`)).json()).toEqual({ kind: 'no-match', hash: '0'.repeat(64) });
	});

	it("an approved addendum's hash verifies as part of its protocol, without its text; a waiting one does not", async () => {
		const [approved, waiting] = addendumHashes;
		const listed = await (await get(`/verify/${hash}.json`)).json();
		expect(listed.addenda).toEqual([{ number: 1, hash: approved, approvedAt: '2026-12-06T09:00:00.000Z' }]);
		expect(listed.addendum).toBeNull();
		const html = await (await get(`/verify/${hash}`)).text();
		expect(html).toContain(`href="/verify/${approved}"`);
		expect(html).not.toContain(waiting);

		const response = await get(`/verify/${approved}`);
		expect(response.status).toBe(200);
		const page = await response.text();
		expect(page).toContain('Protokollsanteckningen är godkänd');
		expect(page).toContain('Ledningsgruppens möte i november');
		expect(page).toContain(approved);
		// The verification page is public: the addendum is checked, never shown.
		expect(page).not.toContain(ADDENDUM_TEXT);
		expect(await (await get(`/verify/${approved}.json`)).json()).toMatchObject({ kind: 'match', hash, addendum: { number: 1, hash: approved } });
		expect(await (await get(`/verify/${waiting}.json`)).json()).toEqual({ kind: 'no-match', hash: waiting });
	});

	it('an unknown or malformed hash gets a calm answer, not an error page', async () => {
		const unknown = await get(`/verify/${'0'.repeat(64)}`);
		expect(unknown.status).toBe(200);
		const html = await unknown.text();
		expect(html).toContain('data-outcome="no-match"');
		expect(html).toContain('Inget justerat protokoll i Samtavla har den här kontrollsumman.');
		const malformed = await get('/verify/not-a-hash');
		expect(malformed.status).toBe(200);
		expect(await malformed.text()).toContain('data-outcome="malformed"');
	});

	it('the form takes a pasted hash or the PDF, and refuses a PDF without a hash', async () => {
		const typed = await post('/verify', new URLSearchParams({ hash: `  ${hash.toUpperCase()} ` }));
		expect(typed.status).toBe(303);
		expect(typed.headers.get('location')).toBe(`/verify/${hash}`);

		const protocol = renderProtocol(buildFixture());
		const withHash = new FormData();
		withHash.set('pdf', new Blob([Buffer.from(await protocolToPdf(protocol, labels, { title: 'Protokoll', lang: 'sv-SE', hash }))], { type: 'application/pdf' }), 'protokoll.pdf');
		const uploaded = await post('/verify', withHash);
		expect(uploaded.status).toBe(303);
		expect(uploaded.headers.get('location')).toBe(`/verify/${hash}`);

		const without = new FormData();
		without.set('pdf', new Blob([Buffer.from(await protocolToPdf(protocol, labels, { title: 'Protokoll', lang: 'sv-SE' }))], { type: 'application/pdf' }), 'annan.pdf');
		const refused = await post('/verify', without);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Den här PDF-filen är inte ett protokoll från Samtavla, eller så har den ändrats efteråt.');

		const empty = await post('/verify', new FormData());
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Klistra in en kontrollsumma eller välj en PDF-fil.');
	});

	it('npm start lets /verify read PDFs beyond adapter-node’s 512 KB default, and refuses what is past 20 MiB calmly', async () => {
		const upload = (bytes: number) => {
			const form = new FormData();
			const body = new Uint8Array(bytes).fill(0x20);
			body.set(new TextEncoder().encode('%PDF-1.7\n'));
			form.set('pdf', new Blob([body], { type: 'application/pdf' }), 'stor.pdf');
			return post('/verify', form);
		};
		// 2 MB: read and checked (it is no Samtavla protocol), not cut off by the body limit.
		const read = await upload(2 * 1024 * 1024);
		expect(read.status).toBe(400);
		expect(await read.text()).toContain('Den här PDF-filen är inte ett protokoll från Samtavla');
		// Past the limit: the calm "too large" answer.
		const tooLarge = await upload(22 * 1024 * 1024);
		expect(tooLarge.status).toBe(413);
		expect(await tooLarge.text()).toContain('Filen är för stor.');
	});

	it('only an owner publishes, once the board has a slug; the public page shows the public version beside the reporters’ text', async () => {
		const editorTry = await post(`/meetings/${meetingId}/publication?/publish`, new URLSearchParams(), adjuster.cookie);
		expect(editorTry.status).toBe(400);
		expect(await editorTry.text()).toContain('Bara gruppens ägare kan publicera');
		const noSlug = await post(`/meetings/${meetingId}/publication?/publish`, new URLSearchParams(), owner.cookie);
		expect(noSlug.status).toBe(400);
		expect(await noSlug.text()).toContain('Välj först gruppens webbadress');

		const editorSlug = await post(`/boards/${boardId}/public-address`, new URLSearchParams({ slug }), adjuster.cookie);
		expect(editorSlug.status).toBe(403);
		const badSlug = await post(`/boards/${boardId}/public-address`, new URLSearchParams({ slug: 'Åsby gruppen' }), owner.cookie);
		expect(badSlug.status).toBe(400);
		const setSlug = await post(`/boards/${boardId}/public-address`, new URLSearchParams({ slug }), owner.cookie);
		expect(setSlug.status).toBe(303);

		const published = await post(`/meetings/${meetingId}/publication?/publish`, new URLSearchParams(), owner.cookie);
		expect(published.status).toBe(303);
		expect(published.headers.get('location')).toBe(`/meetings/${meetingId}#publication`);

		const page = await get(`/p/${slug}/${pathDate}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Ledningsgruppens möte i november');
		expect(html).toContain('Bostad först – läget i Åsby');
		expect(html).toContain('Vi fick svar på två av tre frågor.');
		// The one protocol renderer, in the board's language, headings as on paper.
		expect(html).toMatch(/<article class="protocol[^"]*" lang="sv-SE" data-testid="protocol-document"/);
		expect(html).toMatch(/<h1[^>]*>Ledningsgruppens möte i november<\/h1>/);
		expect(html).toMatch(/<h2[^>]*>§ \d+ Bostad först – läget i Åsby<\/h2>/);
		expect(html).toContain(hash);
		expect(html).toContain(`href="/verify/${hash}"`);
		// Nothing of the internal item, neither in the page nor in the data it hydrates from.
		for (const word of INTERNAL_WORDS) expect(html, word).not.toContain(word);

		const verified = await (await get(`/verify/${hash}`)).text();
		expect(verified).toContain(`href="/p/${slug}/${pathDate}"`);
		const meetingPage = await (await get(`/meetings/${meetingId}`, owner.cookie)).text();
		expect(meetingPage).toContain(`href="/p/${slug}/${pathDate}"`);

		// Another meeting published for the same day gets the next address.
		const second = await post(`/meetings/${secondId}/publication?/publish`, new URLSearchParams(), owner.cookie);
		expect(second.status).toBe(303);
		const secondPage = await (await get(`/p/${slug}/${pathDate}-2`)).text();
		expect(secondPage).toContain('Extra punkt');
		expect(secondPage).not.toContain('Bostad först – läget i Åsby');
	});

	it('unpublished: the address answers 410 with a calm page, never kept by a browser; published again it is back; every step is logged', async () => {
		const editorTry = await post(`/meetings/${meetingId}/publication?/unpublish`, new URLSearchParams(), adjuster.cookie);
		expect(editorTry.status).toBe(400);
		expect((await get(`/p/${slug}/${pathDate}`)).status).toBe(200);

		const down = await post(`/meetings/${meetingId}/publication?/unpublish`, new URLSearchParams(), owner.cookie);
		expect(down.status).toBe(303);
		const gone = await get(`/p/${slug}/${pathDate}`);
		expect(gone.status).toBe(410);
		// A browser must ask again: Chromium keeps a 410 without caching headers as fresh forever.
		expect(gone.headers.get('cache-control')).toBe('no-cache');
		expect(await gone.text()).toContain('Gruppen har tagit ned det här protokollet.');
		const unknown = await get(`/p/${slug}/2001-01-01`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('cache-control')).toBe('no-cache');

		// Published again: the same address, readable again.
		const again = await post(`/meetings/${meetingId}/publication?/publish`, new URLSearchParams(), owner.cookie);
		expect(again.status).toBe(303);
		const back = await get(`/p/${slug}/${pathDate}`);
		expect(back.status).toBe(200);
		expect(back.headers.get('cache-control')).toBe('no-cache');
		expect(await back.text()).toContain('Bostad först – läget i Åsby');

		await server.stop();
		const events = await withStoppedDatabase(dataDir, (sql) =>
			sql(`select kind, actor_id from meeting_events where meeting_id = $1 and kind in ('published', 'unpublished') order by id`, [meetingId])
		);
		expect(events).toEqual([
			{ kind: 'published', actor_id: owner.user.id },
			{ kind: 'unpublished', actor_id: owner.user.id },
			{ kind: 'published', actor_id: owner.user.id }
		]);
	});
});
