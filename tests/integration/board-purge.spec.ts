// Over 300 lines on purpose: a board's purge touches every table that mentions it, and this spec
// checks them all, on PGlite and PostgreSQL, in one place.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { openPglite, pgliteExecutor } from '../../src/lib/server/store/pglite/executor';
import { postgresExecutor } from '../../src/lib/server/store/postgres/executor';
import { migrate, readMigrations } from '../../src/lib/server/store/migrate';
import { isDocumentPurged } from '../../src/lib/server/store/fencing';
import type { SqlExecutor } from '../../src/lib/server/store/sql/executor';
import { createSqlStore } from '../../src/lib/server/store/sql/index';
import type { Store } from '../../src/lib/server/store/types';
import { makeUser } from './helpers';
import { projectedAction } from './store-contract-actions';
import { postgresUnavailable } from './suite-unavailable';
import { boardUpkeepOnce } from '../../server/board-upkeep';

/**
 * Board deletion (issue 11, point 11; the Bar: "a deleted board leaves no rows anywhere, checked
 * table by table in the catalogue") on both SQL backends. A board with everything in it — an
 * adjusted protocol with an addendum and a publication, a planned meeting, invites, a removed
 * member, actions, documents with updates, snapshots, fences and quarantined content — is purged,
 * then every column of every table in the public schema is searched for the board's id and its
 * meetings' ids (which every document name contains). A neighbouring board stays whole.
 */
interface Backend {
	open(): Promise<{ db: SqlExecutor; store: Store }>;
	dispose(): Promise<void>;
}

const HASH = () => randomBytes(32).toString('hex');
const ydocUpdate = (text: string) => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
};

/** A board with something in every table a board can reach; its ids. */
async function fullBoard(db: SqlExecutor, store: Store, name: string) {
	const owner = (await makeUser(store, 'Ägare')).user;
	const member = (await makeUser(store, 'Medlem')).user;
	const leaver = (await makeUser(store, 'Lämnar')).user;
	const boardId = newId();
	const [adjusted, planned] = [newId(), newId()];
	const at = new Date('2026-11-02T09:00:00Z');
	await store.boards.create({ id: boardId, name, description: 'Samverkan kring boende', createdBy: owner.id, createdAt: at }, owner.id);
	await store.boards.addMember(boardId, member.id, 'editor');
	await store.boards.addMember(boardId, leaver.id, 'viewer');
	await store.boards.removeMember(boardId, leaver.id, at);
	for (const id of [adjusted, planned]) {
		await store.meetings.create({ id, boardId, title: 'Möte', startsAt: at, place: 'Rådhuset', accessibilityNotes: '', onlineUrl: '', createdBy: owner.id, createdAt: at });
	}
	await store.invites.create({ id: newId(), boardId, role: 'editor', createdBy: owner.id, expiresAt: new Date('2027-01-01Z'), revokedAt: null, createdAt: at, maxUses: null, uses: 0, tokenHash: HASH() });
	// The lifecycle is the meeting services' (tested elsewhere): here the rows an adjusted, published meeting has.
	await db.query(`update meetings set status = 'adjusted', status_changed_at = $2 where id = $1`, [adjusted, at]);
	await db.query(`insert into meeting_events (meeting_id, kind, actor_id, at) values ($1, 'moved', $2, $3)`, [adjusted, owner.id, at]);
	await db.query(
		`insert into meeting_protocols (meeting_id, hash, format, canonical, meeting_state, voices_state, approvals, sealed_at)
		 values ($1, $2, 1, $3, $4, $5, '[]'::jsonb, $6)`,
		[adjusted, HASH(), `{"meeting":"${adjusted}","board":"${boardId}"}`, ydocUpdate('protokoll'), ydocUpdate('röster'), at]
	);
	await store.addenda.add(adjusted, { number: 1, text: 'Rättelse av § 2', by: owner.id, at: at.toISOString(), hash: HASH(), approvals: [], approvedAt: null });
	await db.query(`update boards set slug = $2 where id = $1`, [boardId, `tavla-${boardId}`]);
	await db.query(`insert into protocol_publications (meeting_id, board_id, path_date, published_by, published_at) values ($1, $2, '2026-11-02', $3, $4)`, [adjusted, boardId, owner.id, at]);
	await store.projections.replaceBoardActions(boardId, `board:${boardId}`, [projectedAction({ meetingId: adjusted, createdBy: owner.id })], 1);
	// Issue 12's tables: search rows projected from the meeting, a saved venue and the meeting's copy
	// of it, the backlog and the template. Written as rows: their services are tested elsewhere.
	await db.query(
		`insert into search_entries (doc_name, board_id, meeting_id, item_id, item_number, kind, ref_id, title, body, config)
		 values ($1, $2, $3, 'i1', 1, 'item', 'i1', 'Boende', 'Protokoll om boende', 'swedish')`,
		[`meeting:${adjusted}`, boardId, adjusted]
	);
	await db.query(`insert into search_projections (doc_name, meeting_id, projected_update_id) values ($1, $2, 1)`, [`meeting:${adjusted}`, adjusted]);
	const venueId = newId();
	await db.query(`insert into board_venues (id, board_id, name, created_by) values ($1, $2, 'Brukarföreningens lokal', $3)`, [venueId, boardId, owner.id]);
	await db.query(`insert into meeting_venues (meeting_id, venue_id, name) values ($1, $2, 'Brukarföreningens lokal')`, [planned, venueId]);
	await db.query(`insert into board_backlog (id, board_id, title, source_meeting_id, created_by) values ($1, $2, 'Uppföljning av boendestöd', $3, $4)`, [newId(), boardId, adjusted, owner.id]);
	await db.query(`insert into board_templates (board_id, standing_items, length_minutes, updated_by) values ($1, '["Mötet öppnas"]'::jsonb, 90, $2)`, [boardId, owner.id]);
	// Issue 15: a board token (a later slice makes them; the row is the same as a personal token's).
	await store.apiTokens.create({ id: newId(), userId: owner.id, boardId, name: 'Tavlans skript', scopes: ['read'], createdAt: at, expiresAt: new Date('2027-01-01Z'), lastUsedAt: null, revokedAt: null, tokenHash: HASH() });
	// Issue 15, point 4: a webhook and a delivery waiting for it (its body names the board).
	const webhookId = newId();
	await store.webhooks.create({ id: webhookId, boardId, url: 'https://hooks.example.org/in', description: 'CRM', events: ['action.created'], active: true, createdAt: at, secret: 'whsec_dGVzdA==' });
	await store.webhooks.enqueue(boardId, 'action.created', JSON.stringify({ type: 'action.created', data: { boardId } }));
	// Issue 14: a guest of the meeting (their user row goes with the guest row).
	await store.guests.create({ id: newId(), meetingId: adjusted, userId: newId(), displayName: 'Gäst', agencyId: owner.agencyId, role: 'contributor', createdBy: owner.id, createdAt: at, expiresAt: new Date('2027-01-01Z'), tokenHash: HASH() });
	for (const doc of [`board:${boardId}`, `board:${boardId}:voices`, `meeting:${adjusted}`, `meeting:${adjusted}:voices`, `meeting:${adjusted}:comments`, `meeting:${planned}`]) {
		const id = await store.docs.append(doc, [{ update: ydocUpdate(`skrivet i ${doc}`), author: { userId: member.id, agencyId: member.agencyId } }]);
		await store.docs.compact(doc, ydocUpdate(`ögonblicksbild av ${doc}`), id);
		await store.docs.append(doc, [ydocUpdate('efter ögonblicksbilden')]);
		await store.docs.claim(doc);
		await store.docs.quarantine(doc, new Uint8Array([1, 2, 3]), 'test');
	}
	return { owner, boardId, meetings: [adjusted, planned] };
}

/** Every (table, column) of the public schema, from the catalogue. */
async function catalogue(db: SqlExecutor): Promise<Map<string, string[]>> {
	const rows = await db.query(`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`);
	const tables = new Map<string, string[]>();
	for (const r of rows) tables.set(String(r.table_name), [...(tables.get(String(r.table_name)) ?? []), String(r.column_name)]);
	// Views list their columns too; only tables hold rows of their own.
	const base = new Set((await db.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => String(r.table_name)));
	for (const t of [...tables.keys()]) if (!base.has(t)) tables.delete(t);
	return tables;
}

/** Rows per table in which any column, as text, contains any of `needles`. */
async function mentions(db: SqlExecutor, tables: Map<string, string[]>, needles: string[]): Promise<Record<string, number>> {
	const found: Record<string, number> = {};
	for (const [table, columns] of tables) {
		const anyColumn = columns.map((c) => `coalesce("${c}"::text, '') like any ($1::text[])`).join(' or ');
		const [row] = await db.query(`select count(*) as n from "${table}" where ${anyColumn}`, [needles.map((n) => `%${n}%`)]);
		if (Number(row.n) > 0) found[table] = Number(row.n);
	}
	return found;
}

function purgeSuite(name: string, backend: Backend) {
	describe(name, () => {
		let db: SqlExecutor;
		let store: Store;
		beforeAll(async () => {
			({ db, store } = await backend.open());
		}, 60_000);
		afterAll(async () => {
			await backend.dispose();
		});

		it('an adjusted protocol and its addenda refuse a plain DELETE, also with another board named as purging', async () => {
			const { boardId, meetings } = await fullBoard(db, store, 'Skyddad tavla');
			const other = (await fullBoard(db, store, 'Annan tavla')).boardId;
			await expect(db.query('delete from protocol_addenda where meeting_id = $1', [meetings[0]])).rejects.toThrow(/never removed/);
			await expect(db.query('delete from meeting_protocols where meeting_id = $1', [meetings[0]])).rejects.toThrow(/never changed/);
			await expect(
				db.transaction(async (tx) => {
					await tx.query(`select set_config('samtavla.purging_board', $1, true)`, [other]);
					await tx.query('delete from meeting_protocols where meeting_id = $1', [meetings[0]]);
				})
			).rejects.toThrow(/never changed/);
			// A board whose deletion nobody asked for is never purged.
			expect(await store.boardDeletion.purge(boardId, new Date('2100-01-01Z'))).toBeNull();
			expect(await store.boards.get(boardId)).not.toBeNull();
		});

		it('request, cancel and due: only a request older than the cut-off is purged', async () => {
			const { owner, boardId } = await fullBoard(db, store, 'Tavla som ångras');
			const at = new Date('2026-11-30T08:00:00Z');
			expect(await store.boardDeletion.get(boardId)).toBeNull();
			expect(await store.boardDeletion.request(boardId, owner.id, at)).toBe(true);
			expect(await store.boardDeletion.request(boardId, owner.id, at)).toBe(false);
			expect(await store.boardDeletion.get(boardId)).toEqual({ requestedAt: at, requestedBy: owner.id });
			expect(await store.boardDeletion.due(at)).not.toContain(boardId);
			expect(await store.boardDeletion.due(new Date(at.getTime() + 1))).toContain(boardId);
			expect(await store.boardDeletion.purge(boardId, at)).toBeNull();
			expect(await store.boardDeletion.cancel(boardId)).toBe(true);
			expect(await store.boardDeletion.cancel(boardId)).toBe(false);
			expect(await store.boardDeletion.purge(boardId, new Date('2100-01-01Z'))).toBeNull();
			expect(await store.boards.get(boardId)).not.toBeNull();
		});

		it('a purged board leaves no row that mentions it or its meetings in any table but the audit log', async () => {
			const neighbour = await fullBoard(db, store, 'Grannens tavla');
			const { owner, boardId, meetings } = await fullBoard(db, store, 'Tavla som raderas');
			await store.audit.append({ at: new Date(), actorId: owner.id, actorName: 'Ägare', actorAgency: 'X', kind: 'board-deletion-requested', boardId, meetingId: null, subject: null, details: {}, address: null });
			const tables = await catalogue(db);
			const needles = [boardId, ...meetings];
			const before = await mentions(db, tables, needles);
			const neighbourBefore = await mentions(db, tables, [neighbour.boardId, ...neighbour.meetings]);
			// The fixture reaches every table a board's rows live in (or the check below proves little).
			// Every table with a board or meeting column is in it, so a table added later without a
			// fixture row fails here instead of passing unchecked.
			const boardScoped = [...tables].filter(([, columns]) => columns.includes('board_id') || columns.includes('meeting_id')).map(([t]) => t);
			for (const t of new Set([...boardScoped, 'boards', 'doc_updates', 'doc_snapshots', 'doc_write_fences', 'doc_quarantine', 'doc_projections'])) {
				expect(before[t], t).toBeGreaterThan(0);
			}

			const requestedAt = new Date('2026-10-01T08:00:00Z');
			await store.boardDeletion.request(boardId, owner.id, requestedAt);
			const counts = await store.boardDeletion.purge(boardId, new Date('2026-10-31T08:00:00Z'));
			// Six documents (the board's voices and a meeting's comments too, issue 12), two updates and a snapshot each.
			expect(counts).toEqual({ meetings: 2, protocols: 1, addenda: 1, members: 2, invites: 1, actions: 1, updates: 12, snapshots: 6 });

			// The audit log is the append-only accountability record: it keeps what was done on the
			// board (its hash chain would break otherwise); no other table keeps anything.
			const after = await mentions(db, tables, needles);
			expect(after).toEqual({ audit_log: before.audit_log });
			// The neighbour is whole.
			expect(await mentions(db, tables, [neighbour.boardId, ...neighbour.meetings])).toEqual(neighbourBefore);
			// Purging again finds nothing.
			expect(await store.boardDeletion.purge(boardId, new Date('2026-10-31T08:00:00Z'))).toBeNull();
		});

		it('retention: periods stored per board (the database keeps the bounds), and a board with its own history period is pruned by its own verb only', async () => {
			const a = await fullBoard(db, store, 'Egen historik');
			const b = await fullBoard(db, store, 'Serverns historik');
			expect(await store.retention.get(a.boardId)).toEqual({ draftsDays: null, historyDays: null, auditDays: null });
			expect(await store.retention.set(a.boardId, { draftsDays: 30, historyDays: 0, auditDays: 3650 })).toBe(true);
			expect(await store.retention.set('no-such-board', { draftsDays: null, historyDays: null, auditDays: null })).toBe(false);
			expect(await store.retention.get(a.boardId)).toEqual({ draftsDays: 30, historyDays: 0, auditDays: 3650 });
			expect(await store.retention.list()).toContainEqual({ boardId: a.boardId, draftsDays: 30, historyDays: 0, auditDays: 3650 });
			await expect(store.retention.set(a.boardId, { draftsDays: 29, historyDays: null, auditDays: null })).rejects.toThrow();

			// Both adjusted meetings were adjusted 2026-11-02 and have compacted updates in their log.
			const later = new Date('2027-06-01T00:00:00Z');
			const global = await store.docs.pruneHistory(later);
			// The comments' history goes with the meeting's and the voices' (issue 12).
			const aDocs = [`meeting:${a.meetings[0]}`, `meeting:${a.meetings[0]}:voices`, `meeting:${a.meetings[0]}:comments`];
			// The global pass left board a (its own period) alone, and took board b's.
			for (const doc of aDocs) expect((await store.docs.history(doc)).length, doc).toBe(2);
			expect((await store.docs.history(`meeting:${b.meetings[0]}`)).length).toBe(1);
			expect((await store.docs.history(`meeting:${b.meetings[0]}:comments`)).length).toBe(1);
			expect(global.updates).toBeGreaterThanOrEqual(3);
			// Its own verb, before its cut-off, nothing; after it, the compacted updates (not the one after the snapshot).
			expect(await store.retention.pruneHistory(a.boardId, new Date('2026-11-01T00:00:00Z'))).toEqual({ updates: 0, documents: 0 });
			expect(await store.retention.pruneHistory(a.boardId, later)).toEqual({ updates: 3, documents: 3 });
			for (const doc of aDocs) expect((await store.docs.history(doc)).length, doc).toBe(1);
			// The planned meeting (start 2026-11-02) goes as a draft only once past the cut-off, with its document.
			expect(await store.retention.pruneDrafts(a.boardId, new Date('2026-11-01T00:00:00Z'))).toEqual({ meetings: 0, updates: 0, snapshots: 0 });
			expect(await store.retention.pruneDrafts(a.boardId, later)).toEqual({ meetings: 1, updates: 2, snapshots: 1 });
			expect(await store.meetings.get(a.meetings[1])).toBeNull();
			const late = await store.docs.append(`meeting:${a.meetings[1]}`, [ydocUpdate('för sent')]).catch((e: unknown) => e);
			expect(isDocumentPurged(late), String(late)).toBe(true);
			expect(await store.meetings.get(a.meetings[0])).not.toBeNull();
		});

		it('the daily upkeep at a given time: purges a board 30 days after the request (not 29), applies each board\'s retention and trims the audit log no further than a board\'s minimum', async () => {
			const DAY = 24 * 60 * 60 * 1000;
			const now = new Date('2027-03-01T03:00:00Z');
			const doomed = await fullBoard(db, store, 'Tavla som ska bort');
			const kept = await fullBoard(db, store, 'Tavla som behålls');
			await store.boardDeletion.request(doomed.boardId, doomed.owner.id, new Date(now.getTime() - 29 * DAY));
			// Meetings never held on the kept board: one 400 days past its start (goes), one 100 (stays).
			const [old, recent] = [newId(), newId()];
			for (const [id, days] of [[old, 400], [recent, 100]] as const) {
				await store.meetings.create({ id, boardId: kept.boardId, title: 'Utkast', startsAt: new Date(now.getTime() - days * DAY), place: '', accessibilityNotes: '', onlineUrl: '', createdBy: kept.owner.id, createdAt: now });
				await store.docs.append(`meeting:${id}`, [ydocUpdate('utkast')]);
			}
			await store.retention.set(kept.boardId, { draftsDays: 365, historyDays: null, auditDays: 3650 });
			const refreshed: string[] = [];
			const live = { refreshBoard: async (id: string) => void refreshed.push(id) };
			const options = { historyRetentionDays: 90, auditRetentionDays: 30 };

			const first = await boardUpkeepOnce(store, live, options, now);
			expect(first.purged).toEqual([]);
			expect(first.retained).toContainEqual({ boardId: kept.boardId, draftMeetings: 1, draftUpdates: 1, historyUpdates: 0 });
			expect(await store.meetings.get(old)).toBeNull();
			expect(await store.meetings.get(recent)).not.toBeNull();
			// The adjusted meeting (its start long past) is not a draft.
			expect(await store.meetings.get(kept.meetings[0])).not.toBeNull();
			// The audit trim stops at the longest board minimum (3650 days): nothing this recent goes.
			expect(first.auditTrimmed).toBe(0);
			const applied = await store.audit.list({ boardId: kept.boardId });
			expect(applied.find((e) => e.kind === 'retention-applied')?.details).toMatchObject({ draftMeetings: 1, draftUpdates: 1, historyUpdates: 0 });

			const second = await boardUpkeepOnce(store, live, options, new Date(now.getTime() + DAY + 1));
			expect(second.purged.map((p) => p.boardId)).toEqual([doomed.boardId]);
			expect(second.retained.find((r) => r.boardId === kept.boardId)).toBeUndefined();
			expect(refreshed).toEqual([doomed.boardId]);
			expect(await store.boards.get(doomed.boardId)).toBeNull();
			const purged = (await store.audit.list({ boardId: doomed.boardId })).find((e) => e.kind === 'board-purged');
			expect(purged?.details).toMatchObject({ meetings: 2, protocols: 1, addenda: 1 });
			expect(purged?.actorId).toBeNull();
		});

		it('after a purge, a server still holding a document cannot write it back, until the hashes are forgotten', async () => {
			const { owner, boardId, meetings } = await fullBoard(db, store, 'Tavla med öppet dokument');
			await store.boardDeletion.request(boardId, owner.id, new Date('2026-10-01T08:00:00Z'));
			expect(await store.boardDeletion.purge(boardId, new Date('2026-10-31T08:00:00Z'))).not.toBeNull();
			for (const doc of [`board:${boardId}`, `meeting:${meetings[0]}:voices`]) {
				const refused = await store.docs.append(doc, [ydocUpdate('sent för sent')]).catch((e: unknown) => e);
				expect(isDocumentPurged(refused), String(refused)).toBe(true);
				const compact = await store.docs.compact(doc, ydocUpdate('x'), 1).catch((e: unknown) => e);
				expect(isDocumentPurged(compact), String(compact)).toBe(true);
			}
			// Other documents are written as ever.
			expect(await store.docs.append(`board:${newId()}`, [ydocUpdate('annan')])).toBeGreaterThan(0);
			// In a write of several documents only the purged one is refused.
			const other = `board:${newId()}`;
			const many = await store.docs.appendMany([
				{ docName: `board:${boardId}`, updates: [ydocUpdate('sent')] },
				{ docName: other, updates: [ydocUpdate('annan')] }
			]);
			expect('refused' in many[0] && isDocumentPurged(many[0].refused)).toBe(true);
			expect((await store.docs.load(other)).updates).toHaveLength(1);
			expect(await store.boardDeletion.forgetPurged(new Date('2000-01-01Z'))).toBe(0);
			expect(await store.boardDeletion.forgetPurged(new Date(Date.now() + 60_000))).toBeGreaterThan(0);
		});

		it('a direct insert into the update log, outside every store function, is checked whole: a purged or fenced-out row refuses the statement', async () => {
			const { owner, boardId } = await fullBoard(db, store, 'Tavla som skrivs direkt');
			await store.boardDeletion.request(boardId, owner.id, new Date('2026-10-01T08:00:00Z'));
			expect(await store.boardDeletion.purge(boardId, new Date('2026-10-31T08:00:00Z'))).not.toBeNull();
			const [other, fenced] = [`board:${newId()}`, `board:${newId()}`];
			const insert = (names: string[]) =>
				db.query(`insert into doc_updates (doc_name, update) select n, '\\x00'::bytea from unnest($1::text[]) as n`, [names]).then(
					() => 'stored',
					(e: { code?: string }) => e.code
				);
			// Several rows in one statement, the purged document's last: the whole statement is refused.
			expect(await insert([other, other, `board:${boardId}`])).toBe('SMT02');
			expect((await store.docs.load(other)).updates).toHaveLength(0);
			// A writer naming an older token than the newest claim, by hand, for its transaction.
			const old = await store.docs.claim(fenced);
			await store.docs.claim(fenced);
			const stale = await db
				.transaction(async (tx) => {
					await tx.query(`select set_config('samtavla.write_fence', $1, true)`, [String(old)]);
					await tx.query(`insert into doc_updates (doc_name, update) select n, '\\x00'::bytea from unnest($1::text[]) as n`, [[other, fenced]]);
					return 'stored';
				})
				.catch((e: { code?: string }) => e.code);
			expect(stale).toBe('SMT01');
			expect((await store.docs.load(other)).updates).toHaveLength(0);
			expect((await store.docs.load(fenced)).updates).toHaveLength(0);
			// Neither check leaves anything behind: the next statement stores as ever.
			expect(await insert([other, fenced])).toBe('stored');
			expect((await store.docs.load(other)).updates).toHaveLength(1);
			await store.boardDeletion.forgetPurged(new Date(Date.now() + 60_000));
		});
	});
}

let pgliteDb: SqlExecutor | undefined;
purgeSuite('Board purge: embedded PGlite', {
	async open() {
		const pg = await openPglite({ template: new Blob([await readFile(inject('pgliteTemplate'))]) });
		pgliteDb = pgliteExecutor(pg);
		return { db: pgliteDb, store: createSqlStore(pgliteDb, 'pglite') };
	},
	async dispose() {
		await pgliteDb?.close();
	}
});

const adminUrl = process.env.TEST_DATABASE_URL;
const pgSuite = 'Board purge: PostgreSQL';
if (!adminUrl) postgresUnavailable(pgSuite);
else {
	const dbName = `samtavla_purge_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const url = new URL(adminUrl);
	url.pathname = `/${dbName}`;
	const admin = async (sql: string) => {
		const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
		try {
			await a.unsafe(sql);
		} finally {
			await a.end({ timeout: 5 });
		}
	};
	let db: SqlExecutor | undefined;
	purgeSuite(pgSuite, {
		async open() {
			await admin(`create database ${dbName}`);
			db = postgresExecutor(url.toString());
			await migrate(db, await readMigrations(resolve('supabase/migrations')));
			return { db, store: createSqlStore(db, 'postgres') };
		},
		async dispose() {
			await db?.close().catch(() => {});
			await admin(`drop database if exists ${dbName} with (force)`);
		}
	});
}
