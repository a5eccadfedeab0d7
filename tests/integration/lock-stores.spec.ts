import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROTOCOL_TIME_ZONES } from '../../src/lib/domain/board-language';
import { addAgendaItem, itemMinutes, recordDecision, setAttendance, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { addPerspective, summaryText } from '../../src/lib/domain/voices-doc';
import { canonicalBytes, canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import { currentProtocol } from '../../src/lib/server/protocol/current-protocol';
import type { Store } from '../../src/lib/server/store/types';
import { createDatabase, type TestDatabase } from './cluster/harness';
import { startTestApp } from './helpers';
import { postgresUnavailable } from './suite-unavailable';

/**
 * The sealed hash does not depend on the store (issue 10): the same people, board, meeting and
 * document updates, written into PGlite and into PostgreSQL, render to the same canonical bytes
 * and hash, and seal to byte-identical rows.
 */
const suite = 'The protocol hash is the same on PGlite and PostgreSQL';
const adminUrl = process.env.TEST_DATABASE_URL;

const T = new Date('2026-11-20T12:00:00Z');
const agencies = [
	{ id: 'ag-soc', name: 'Socialförvaltningen i Åsby', kind: 'social_services' as const, color: '#1f6f8b' },
	{ id: 'ag-bf', name: 'Brukarföreningen Ängen — "Vi själva" 🏠', kind: 'user_association' as const, color: '#8b5a1f' }
];
const people = [
	{ id: 'u-chair', displayName: 'Åsa Öberg', agencyId: 'ag-soc' },
	{ id: 'u-sec', displayName: 'Sören Ærø', agencyId: 'ag-soc' },
	{ id: 'u-adj', displayName: 'Maria Johansson', agencyId: 'ag-bf' }
];

/** The documents as updates: the same bytes go into both stores. */
function documents() {
	const meeting = new Y.Doc();
	meeting.clientID = 101;
	setMeetingRole(meeting, 'chairId', 'u-chair');
	setMeetingRole(meeting, 'secretaryId', 'u-sec');
	setAttendance(meeting, ['u-chair', 'u-sec'], 'present', T);
	const open = addAgendaItem(meeting, { title: 'Bostad först i Åsby', presenterAgencyId: 'ag-soc', plannedMinutes: 20 }, 'item1');
	const internal = addAgendaItem(meeting, { title: 'Förhandling om Granvägen' }, 'item2');
	appendBlocks(itemMinutes(meeting, open)!, [
		{ type: 'paragraph', text: ['Åtta har fått egen lägenhet; se ', { text: 'rapporten', href: 'https://example.se/rapport?a=1&b=ö' }, '. Tecken: \u00e5 vs a\u030a, “citat”, 🏠.'] }
	]);
	appendBlocks(itemMinutes(meeting, internal)!, [{ type: 'paragraph', text: ['Hyresavtalet är hemligt.'] }]);
	const item = meeting.getMap<Y.Map<unknown>>('agenda').get(internal)!;
	item.set('internal', true);
	item.set('internalReason', 'negotiation');
	recordDecision(meeting, open, { text: 'Gruppen ställer sig bakom Bostad först.', createdBy: 'u-chair', at: T }, 'd1');
	recordDecision(meeting, internal, { text: 'Bud på fyrtio lägenheter.', createdBy: 'u-chair', at: T }, 'd2');
	const voices = new Y.Doc();
	voices.clientID = 202;
	const author = { id: 'u-adj', name: 'Maria Johansson', agencyId: 'ag-bf', agencyName: agencies[1].name };
	addPerspective(voices, open, author, 'Vi som bor här vill bli tillfrågade.', T, 'p1');
	summaryText(voices, author).insert(0, 'Sammanfattning från föreningen: bra möte.');
	return { meeting: Y.encodeStateAsUpdate(meeting), voices: Y.encodeStateAsUpdate(voices) };
}

async function write(store: Store, docs: ReturnType<typeof documents>) {
	for (const a of agencies) await store.agencies.create(a);
	for (const p of people) await store.users.create({ ...p, email: `${p.id}@example.se`, passwordHash: 'x', createdAt: T });
	await store.boards.create({ id: 'b1', name: 'Ledningsgrupp för utveckling', description: '', createdBy: 'u-chair', createdAt: T }, 'u-chair');
	await store.boards.addMember('b1', 'u-sec', 'editor');
	await store.boards.addMember('b1', 'u-adj', 'contributor');
	await store.meetings.create({
		id: 'm1',
		boardId: 'b1',
		createdBy: 'u-chair',
		createdAt: T,
		title: 'Möte om boende',
		startsAt: new Date('2026-12-01T12:00:00Z'),
		place: 'Rådhuset, sal 3',
		accessibilityNotes: '',
		onlineUrl: ''
	});
	await store.docs.append('meeting:m1', [docs.meeting]);
	await store.docs.append('meeting:m1:voices', [docs.voices]);
}

/** Renders from the stored documents with this store, then seals it there; the stored row. */
async function renderAndSeal(store: Store) {
	const meeting = (await store.meetings.get('m1'))!;
	const board = (await store.boards.get('b1'))!;
	const protocol = await currentProtocol(store, { meeting, board, timeZone: PROTOCOL_TIME_ZONES[board.language] });
	const canonical = canonicalJson(protocol);
	const hash = protocolHash(protocol);
	const revision = await store.meetings.change('m1', { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event: { kind: 'moved', actorId: 'u-chair', at: T, detail: {} } });
	expect(revision).not.toBeNull();
	const stored = await store.docs.load('meeting:m1');
	const sealed = await store.protocols.seal(
		{ meetingId: 'm1', hash, format: protocol.format, canonical, meetingState: stored.updates[0], voicesState: (await store.docs.load('meeting:m1:voices')).updates[0], approvals: [{ userId: 'u-chair', version: hash, at: T.toISOString() }], sealedAt: T },
		revision!,
		{},
		'u-chair'
	);
	expect(sealed).toBe(true);
	return { bytes: canonicalBytes(protocol), hash, row: (await store.protocols.get('m1'))!, byHash: await store.protocols.findByHash(hash) };
}

if (!adminUrl) postgresUnavailable(suite);
else {
	describe(suite, () => {
		let db: TestDatabase;
		let app: Awaited<ReturnType<typeof startTestApp>>;
		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			app = await startTestApp();
		}, 60_000);
		afterAll(async () => {
			await app?.close();
			await db?.drop();
		});

		it('the same documents give the same canonical bytes and hash, and seal to the same row, on both stores', async () => {
			const docs = documents();
			await write(app.runtime.store, docs);
			await write(db.store, docs);
			const [lite, pg] = [await renderAndSeal(app.runtime.store), await renderAndSeal(db.store)];
			expect(app.runtime.store.kind).toBe('pglite');
			expect(db.store.kind).toBe('postgres');

			expect(Buffer.from(pg.bytes).equals(Buffer.from(lite.bytes))).toBe(true);
			expect(pg.hash).toBe(lite.hash);
			const text = new TextDecoder().decode(lite.bytes);
			// The content the hash covers, with the characters a store could mangle (text in NFC: a + ring is å).
			for (const words of ['Bostad först i Åsby', 'Sören Ærø', 'Tecken: \u00e5 vs \u00e5,', '🏠', 'Vi som bor här vill bli tillfrågade.', 'Sammanfattning från föreningen']) expect(text).toContain(words);

			for (const { row, byHash } of [lite, pg]) {
				expect(row.hash).toBe(lite.hash);
				expect(row.canonical).toBe(text);
				expect(protocolHash(JSON.parse(row.canonical))).toBe(row.hash);
				expect(byHash?.hash).toBe(row.hash);
				expect(Buffer.from(row.meetingState).equals(Buffer.from(docs.meeting))).toBe(true);
				expect(Buffer.from(row.voicesState).equals(Buffer.from(docs.voices))).toBe(true);
			}
			expect(pg.row.approvals).toEqual(lite.row.approvals);
			expect(pg.row.sealedAt.toISOString()).toBe(lite.row.sealedAt.toISOString());
		});
	});
}
