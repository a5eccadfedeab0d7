import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, recordDecision, setAttendance } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { addPerspective } from '../../src/lib/domain/voices-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { renderProtocol } from '../../src/lib/domain/protocol/render-protocol';
import { addendumHash } from '../../src/lib/domain/addendum';
import { currentProtocol, renderInput } from '../../src/lib/server/protocol/current-protocol';
import { PROTOCOL_TIME_ZONES } from '../../src/lib/domain/board-language';
import type { Store } from '../../src/lib/server/store/types';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * The protocol's print view and downloads (issue 10, points 6–8) against the production build:
 * a meeting with two §, the second internal. Every format in both versions; the public ones hold
 * no word of the internal §; a viewer may read them, someone outside the board may not; an
 * adjusted meeting is served from its sealed form, not from its documents.
 */
const INTERNAL = ['Förhandling om Granvägen', 'Hyresavtalet är hemligt', 'Bud på fyrtio lägenheter', 'Vi vill vara med vid avtalet'];
const OPEN = ['Bostad först i Åsby', 'Åtta har fått egen lägenhet', 'Gruppen ställer sig bakom Bostad först.', 'Uppföljning sker i mars.'];

/** Writes the meeting (two §, the second internal) and its voices into the store as the collab server would. */
async function writeMeeting(store: Store, meetingId: string, ownerId: string, userAgencyName: string) {
	const meeting = new Y.Doc();
	setAttendance(meeting, [ownerId], 'present', new Date('2026-11-20T12:00:00Z'));
	const open = addAgendaItem(meeting, { title: OPEN[0] }, 'item1');
	const internal = addAgendaItem(meeting, { title: INTERNAL[0] }, 'item2');
	appendBlocks(itemMinutes(meeting, open)!, [{ type: 'paragraph', text: [`${OPEN[1]}; se `, { text: 'rapporten', href: 'https://example.se/rapport' }, '.'] }]);
	appendBlocks(itemMinutes(meeting, internal)!, [{ type: 'paragraph', text: [INTERNAL[1]] }]);
	const item = meeting.getMap<Y.Map<unknown>>('agenda').get(internal)!;
	item.set('internal', true);
	item.set('internalReason', 'negotiation');
	recordDecision(meeting, open, { text: OPEN[2], createdBy: ownerId }, 'd1');
	recordDecision(meeting, open, { text: OPEN[3], createdBy: ownerId }, 'd2');
	recordDecision(meeting, internal, { text: INTERNAL[2], createdBy: ownerId }, 'd3');
	const voices = new Y.Doc();
	addPerspective(voices, internal, { id: 'bf', name: 'Maria Johansson', agencyId: 'bf', agencyName: userAgencyName }, INTERNAL[3]);
	await store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
	await store.docs.append(`meeting:${meetingId}:voices`, [Y.encodeStateAsUpdate(voices)]);
	return { meeting, open };
}

const ADDENDUM_TEXT = 'Rättelse: beslutet i § 1 gäller från den 1 februari.';
const decoder = new TextDecoder();
/** Every piece of text a format shows, as plain text. */
async function textOf(format: 'pdf' | 'docx' | 'md' | 'html', bytes: Uint8Array, dir: string): Promise<string> {
	if (format === 'pdf') {
		const path = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
		await writeFile(path, bytes);
		return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
	}
	if (format === 'docx') return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
	return decoder.decode(bytes);
}

describe('The protocol: print view and downloads', () => {
	let server: BuiltServer;
	let dir: string;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let viewer: Awaited<ReturnType<typeof makeUser>>;
	let outsider: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;
	let adjustedId: string;
	let sealedHash: string;
	let draftHash: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'protocol-'));
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		viewer = await makeUser(store, 'Viewer');
		outsider = await makeUser(store, 'Outsider');
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, viewer.user.id, 'viewer');
		const agencyName = (await store.agencies.get(owner.user.agencyId))!.name;
		await writeMeeting(store, meetingId, owner.user.id, agencyName);
		// The draft's version as its approvers approve it: the whole protocol, in the board's zone.
		const draftBoard = (await store.boards.get(boardId))!;
		const draftMeeting = (await store.meetings.get(meetingId))!;
		draftHash = protocolHash(await currentProtocol(store, { meeting: draftMeeting, board: draftBoard, timeZone: PROTOCOL_TIME_ZONES[draftBoard.language] }));

		// A second meeting, adjusted: sealed as rendered then; its documents change afterwards.
		const board = (await store.boards.get(boardId))!;
		const second = await makeMeeting(store, owner.user);
		adjustedId = second.meetingId;
		await store.boards.addMember(second.boardId, viewer.user.id, 'viewer');
		const { meeting, open } = await writeMeeting(store, adjustedId, owner.user.id, agencyName);
		const adjusted = (await store.meetings.get(adjustedId))!;
		const input = await renderInput(store, { meeting: adjusted, board: { ...board, id: second.boardId }, timeZone: 'Europe/Stockholm' });
		const sealed = renderProtocol(input);
		sealedHash = protocolHash(sealed);
		const at = new Date();
		const revision = await store.meetings.change(adjustedId, { revision: adjusted.revision, status: 'in_adjustment', bumpSequence: false, event: { kind: 'status', actorId: owner.user.id, at, detail: {} } });
		expect(revision).not.toBeNull();
		const stored = await store.protocols.seal(
			{ meetingId: adjustedId, hash: sealedHash, format: sealed.format, canonical: canonicalJson(sealed), meetingState: Y.encodeStateAsUpdate(input.meetingDoc), voicesState: Y.encodeStateAsUpdate(input.voicesDoc!), approvals: [], sealedAt: at },
			revision!,
			{},
			owner.user.id
		);
		expect(stored).toBe(true);
		// An approved addendum follows the sealed protocol in the internal downloads; one still waiting does not.
		for (const [number, text] of [[1, ADDENDUM_TEXT], [2, 'En anteckning som ännu väntar på godkännande.']] as const) {
			const addendum = { number, text, by: owner.user.id, at: at.toISOString(), hash: addendumHash(sealedHash, number, text), approvals: [], approvedAt: null };
			expect(await store.addenda.add(adjustedId, addendum)).toBe(true);
			if (number === 1) expect(await store.addenda.approve(adjustedId, { ...addendum, approvals: [{ by: owner.user.id, at: at.toISOString() }], approvedAt: at.toISOString() }, 0, owner.user.id, at)).toBe(true);
		}
		const after = Y.encodeStateVector(meeting);
		recordDecision(meeting, open, { text: 'Ett beslut skrivet efter justeringen.', createdBy: owner.user.id }, 'd9');
		await store.docs.append(`meeting:${adjustedId}`, [Y.encodeStateAsUpdate(meeting, after)]);

		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
	const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

	it('the PDF is tagged and shows every § and decision in order, in the board language', async () => {
		const response = await get(`/meetings/${meetingId}/protocol.pdf`, viewer.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const disposition = response.headers.get('content-disposition')!;
		expect(disposition).toMatch(/^attachment; filename="protokoll-2026-12-01-mote-utkast\.pdf"; filename\*=UTF-8''protokoll%202026-12-01%20M%C3%B6te%20utkast\.pdf$/);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const pdf = await bytes(response);
		const path = join(dir, 'internal.pdf');
		await writeFile(path, pdf);
		expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
		const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		const order = [`§ 1 ${OPEN[0]}`, OPEN[1], `1. ${OPEN[2]}`, `2. ${OPEN[3]}`, `§ 2 ${INTERNAL[0]}`, INTERNAL[1], `3. ${INTERNAL[2]}`, INTERNAL[3]];
		const positions = order.map((words) => text.indexOf(words));
		expect(positions.every((p) => p >= 0), `all of ${JSON.stringify(order)} in ${text}`).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('the Word file has the § as headings and the decisions', async () => {
		const response = await get(`/meetings/${meetingId}/protocol.docx`, owner.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(response.headers.get('content-disposition')).toContain('.docx');
		const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await bytes(response)) });
		expect(html).toContain(`<h1>§ 1 ${OPEN[0]}</h1>`);
		expect(html).toContain(`<h1>§ 2 ${INTERNAL[0]}</h1>`);
		expect(html).toMatch(new RegExp(`<li>${OPEN[2]}</li><li>${OPEN[3]}</li>`));
		expect(html).toContain(INTERNAL[2]);
	});

	it('a draft PDF and Word file say so at the top of the first page; an adjusted one does not', async () => {
		const firstPage = async (meeting: string) => {
			const path = join(dir, `first-${meeting}.pdf`);
			await writeFile(path, await bytes(await get(`/meetings/${meeting}/protocol.pdf`, viewer.cookie)));
			return execFileSync('pdftotext', ['-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
		};
		const wordText = async (meeting: string) =>
			(await mammoth.extractRawText({ buffer: Buffer.from(await bytes(await get(`/meetings/${meeting}/protocol.docx`, viewer.cookie))) })).value;
		const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim();

		expect(firstLine(await firstPage(meetingId))).toBe('Utkast – inte justerat');
		expect(firstLine(await wordText(meetingId))).toBe('Utkast – inte justerat');
		expect(await firstPage(adjustedId)).not.toContain('Utkast');
		expect(await wordText(adjustedId)).not.toContain('Utkast');
	});

	it('the Markdown says it is a draft and has both §', async () => {
		const response = await get(`/meetings/${meetingId}/protocol.md`, owner.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		const md = await response.text();
		expect(md.split('\n')[0]).toMatch(/^\*Utkast/);
		expect(md).toContain(`## § 1 ${OPEN[0]}`);
		expect(md).toContain(`## § 2 ${INTERNAL[0]}`);
		expect(md).toContain(`1. ${OPEN[2]}`);
	});

	it('the print view shows the protocol, says it is a draft and which version it is, and links to the downloads', async () => {
		const response = await get(`/meetings/${meetingId}/protocol`, viewer.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('data-testid="protocol-draft"');
		expect(html).toContain('Intern version');
		expect(html).toMatch(/<h2[^>]*>§ 1 Bostad först i Åsby<\/h2>/);
		expect(html).toContain(INTERNAL[1]);
		expect(html).toMatch(/<ol class="decisions[^"]*" start="1">/);
		expect(html).toContain(`href="/meetings/${meetingId}/protocol.pdf"`);
		expect(html).toContain(`href="/meetings/${meetingId}/protocol.docx"`);
		expect(html).toContain(`href="/meetings/${meetingId}/protocol.md"`);
		expect(html).toContain('href="https://example.se/rapport"');
	});

	it('a draft shows the version its approvers approve, and its time does not depend on who reads it', async () => {
		const timeOf = (html: string) => /<time datetime="[^"]*">([^<]*)<\/time>/.exec(html)?.[1];
		const versionOf = (html: string) => /data-testid="protocol-draft-version"[^>]*>\s*Version: ([0-9a-f]+)\s*</.exec(html)?.[1];
		const here = await (await get(`/meetings/${meetingId}/protocol`, viewer.cookie)).text();
		const farAway = await (await get(`/meetings/${meetingId}/protocol`, `${viewer.cookie}; samtavla_tz=America/New_York`)).text();
		expect(versionOf(here)).toBe(draftHash.slice(0, 12));
		expect(versionOf(farAway)).toBe(draftHash.slice(0, 12));
		expect(timeOf(here)).toBeTruthy();
		expect(timeOf(farAway)).toBe(timeOf(here));
		// The public version shows the same version: what is approved is the whole protocol.
		const publicView = await (await get(`/meetings/${meetingId}/protocol?version=public`, viewer.cookie)).text();
		expect(versionOf(publicView)).toBe(draftHash.slice(0, 12));
		const md = async (cookie: string) => (await get(`/meetings/${meetingId}/protocol.md`, cookie)).text();
		expect(await md(`${viewer.cookie}; samtavla_tz=America/New_York`)).toBe(await md(viewer.cookie));
		// Once adjusted there is no draft version; the sealed hash is shown instead.
		const sealedView = await (await get(`/meetings/${adjustedId}/protocol`, viewer.cookie)).text();
		expect(versionOf(sealedView)).toBeUndefined();
		expect(sealedView).toContain(sealedHash);
	});

	it('the public version of every format, and of the print view, holds no word of the internal §', async () => {
		for (const [format, path] of [
			['pdf', 'protocol.pdf'],
			['docx', 'protocol.docx'],
			['md', 'protocol.md'],
			['html', 'protocol']
		] as const) {
			const response = await get(`/meetings/${meetingId}/${path}?version=public`, viewer.cookie);
			expect(response.status, format).toBe(200);
			if (format !== 'html') expect(response.headers.get('content-disposition'), format).toContain('offentlig');
			const text = await textOf(format, await bytes(response), dir);
			for (const words of INTERNAL) expect(text, `${format}: ${words}`).not.toContain(words);
			expect(text.replace(/\s+/g, ' '), format).toContain('§ 2 är utelämnad i den offentliga versionen (pågående förhandling).');
			expect(text, format).toContain(OPEN[0]);
			expect(text, format).toContain(OPEN[3]);
		}
		const html = await (await get(`/meetings/${meetingId}/protocol?version=public`, viewer.cookie)).text();
		expect(html).toContain('Offentlig version');
		expect(html).toContain(`href="/meetings/${meetingId}/protocol.pdf?version=public"`);
	});

	it('someone outside the board gets none of it; without a session, the sign-in page', async () => {
		for (const path of ['protocol', 'protocol.pdf', 'protocol.docx', 'protocol.md', 'protocol.md?version=public']) {
			const response = await get(`/meetings/${meetingId}/${path}`, outsider.cookie);
			expect(response.status, path).toBe(403);
			expect(await response.text(), path).not.toContain(OPEN[1]);
		}
		const anonymous = await get(`/meetings/${meetingId}/protocol.pdf`, '');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(`/meetings/${meetingId}/protocol.pdf`)}`);
		expect((await get(`/meetings/nosuchmeeting/protocol.pdf`, owner.cookie)).status).toBe(404);
	});

	it('an adjusted meeting is served as sealed, with its hash and verification address, not as its documents say now', async () => {
		const html = await (await get(`/meetings/${adjustedId}/protocol`, viewer.cookie)).text();
		expect(html).not.toContain('data-testid="protocol-draft"');
		expect(html).toContain(sealedHash);
		expect(html).toContain(`href="/verify/${sealedHash}"`);
		expect(html).not.toContain('Ett beslut skrivet efter justeringen.');

		const md = await (await get(`/meetings/${adjustedId}/protocol.md`, viewer.cookie)).text();
		expect(md).not.toMatch(/Utkast/);
		expect(md).toContain(`Kontrollsumma (SHA-256): ${sealedHash}. Kontrollera protokollet på ${server.url}/verify/${sealedHash}`);
		expect(md).not.toContain('Ett beslut skrivet efter justeringen.');

		const response = await get(`/meetings/${adjustedId}/protocol.pdf?version=public`, viewer.cookie);
		expect(response.headers.get('content-disposition')).toMatch(/filename="protokoll-2026-12-01-mote-offentlig\.pdf"/);
		const text = (await textOf('pdf', await bytes(response), dir)).replace(/\s+/g, '');
		expect(text).toContain(sealedHash);
		for (const words of INTERNAL) expect(text).not.toContain(words.replace(/\s+/g, ''));
	});

	it('an approved addendum follows the adjusted protocol in the print view and every internal download, never in the public version', async () => {
		const squashed = (text: string) => text.replace(/\s+/g, ' ');
		for (const format of ['html', 'pdf', 'docx', 'md'] as const) {
			const path = format === 'html' ? `/meetings/${adjustedId}/protocol` : `/meetings/${adjustedId}/protocol.${format}`;
			const text = squashed(await textOf(format, await bytes(await get(path, viewer.cookie)), dir));
			expect(text, format).toContain(ADDENDUM_TEXT);
			expect(text, format).toContain('Protokollsanteckning 1');
			expect(text, format).not.toContain('ännu väntar på godkännande');
			// After the protocol's own hash line: the addendum is not part of what that hash covers.
			expect(text.indexOf(ADDENDUM_TEXT), format).toBeGreaterThan(text.indexOf(sealedHash));
			const publicText = squashed(await textOf(format, await bytes(await get(`${path}?version=public`, viewer.cookie)), dir));
			expect(publicText, `${format} public`).not.toContain(ADDENDUM_TEXT);
		}
	});

	it("the owner sets the board's language with a plain form post; the protocol follows, the page's labels do not", async () => {
		const post = (cookie: string, language: string) =>
			fetch(`${server.url}/boards/${boardId}?/setLanguage`, {
				method: 'POST',
				// A browser without JavaScript: it asks for the page back, not the action's JSON.
				headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ language }),
				redirect: 'manual'
			});
		expect((await post(viewer.cookie, 'da')).status).toBe(400);
		expect((await post(owner.cookie, 'de')).status).toBe(400);
		const saved = await post(owner.cookie, 'da');
		expect(saved.status).toBe(200);
		expect(await saved.text()).toContain('Protokollets språk är sparat.');
		const md = await (await get(`/meetings/${meetingId}/protocol.md?version=public`, viewer.cookie)).text();
		expect(md).toContain(`## Punkt 1 ${OPEN[0]}`);
		expect(md).toContain('Punkt 2 er udeladt af den offentlige version (igangværende forhandling).');
		const page = await (await get(`/meetings/${meetingId}/protocol`, viewer.cookie)).text();
		expect(page).toContain('lang="da-DK"');
		expect(page).toContain('Skriv ut');
		const response = await get(`/meetings/${meetingId}/protocol.pdf`, viewer.cookie);
		expect(response.headers.get('content-disposition')).toMatch(/filename="referat-2026-12-01-mote-udkast\.pdf"/);
	});
});
