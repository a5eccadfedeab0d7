import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, itemMinutes, recordDecision, setMeetingRole, setMeetingStatus } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { canonicalJson, protocolHash } from '../../src/lib/domain/protocol/canonical';
import * as boards from '../../src/lib/server/services/boards';
import * as lifecycle from '../../src/lib/server/services/meeting-lifecycle';
import { createStore } from '../../src/lib/server/store/index';
import type { Meeting, Store, User } from '../../src/lib/server/store/types';
import { makeUser } from './helpers';

/**
 * The lifecycle service (issue 10, points 2–4) on the real embedded store, with the live
 * documents as plain Y.Docs: every move and justering step is decided on what the store holds,
 * stored at the revision it was decided on, and told to the meeting's sockets.
 */
let store: Store;
beforeAll(async () => {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	({ store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), pgliteTemplate: template, inMemory: true }));
});
afterAll(async () => {
	await store?.close();
});

/** The documents "in memory": read as copies, as the collab server hands them out; refreshes counted. */
function liveDocs() {
	const docs = new Map<string, Y.Doc>();
	const refreshed: string[] = [];
	const doc = (name: string) => {
		if (!docs.has(name)) docs.set(name, new Y.Doc());
		return docs.get(name)!;
	};
	return {
		doc,
		refreshed,
		live: {
			async readDoc(name: string) {
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc(name)));
				return copy;
			},
			async readWith<T>(names: readonly string[], read: (docs: Y.Doc[]) => T) {
				return read(names.map(doc));
			},
			async storePending() {},
			async refreshMeeting(meetingId: string) {
				refreshed.push(meetingId);
			}
		}
	};
}

async function setUp() {
	const [chair, secretary, adjuster, other, viewer] = await Promise.all(['Olle', 'Sara', 'Anna', 'Erik', 'Lars'].map(async (n) => (await makeUser(store, n)).user));
	const board = await boards.createBoard(store, chair, { name: 'Ledningsgruppen', description: '' }, new Date());
	if (!board.ok) throw new Error('board');
	await store.boards.addMember(board.value.id, secretary.id, 'editor');
	await store.boards.addMember(board.value.id, adjuster.id, 'contributor');
	await store.boards.addMember(board.value.id, other.id, 'editor');
	await store.boards.addMember(board.value.id, viewer.id, 'viewer');
	const made = await boards.createMeeting(store, chair, board.value.id, { title: 'Möte', startsAt: '2026-12-10T09:30', tzOffset: '60' });
	if (!made.ok) throw new Error('meeting');
	const docs = liveDocs();
	const meetingDoc = docs.doc(docName({ kind: 'meeting', meetingId: made.value.id }));
	setMeetingRole(meetingDoc, 'chairId', chair.id);
	setMeetingRole(meetingDoc, 'secretaryId', secretary.id);
	const itemId = addAgendaItem(meetingDoc, { title: 'Boende först' });
	recordDecision(meetingDoc, itemId, { text: 'Vi bjuder in hyresgästerna.', createdBy: chair.id });
	const deps = { store, live: docs.live };
	const now = async () => (await store.meetings.get(made.value.id)) as Meeting;
	return { chair, secretary, adjuster, other, viewer, meetingId: made.value.id, itemId, meetingDoc, docs, deps, now };
}

const move = async (s: Awaited<ReturnType<typeof setUp>>, user: User, to: string, reason = '') => lifecycle.moveMeeting(s.deps, user, await s.now(), { to, reason });

describe('meeting lifecycle service', () => {
	it('moves only as the rules allow, cancels only with a reason, and tells the sockets', async () => {
		const s = await setUp();
		expect(await move(s, s.adjuster, 'in_progress')).toMatchObject({ ok: false, errors: { _form: 'error_meeting_move_editors_only' } });
		expect(await move(s, s.chair, 'cancelled')).toMatchObject({ ok: false, errors: { reason: 'lc_error_cancel_reason_required' } });
		expect(await move(s, s.chair, 'cancelled', 'x'.repeat(501))).toMatchObject({ ok: false, errors: { reason: 'error_too_long' } });
		expect(await move(s, s.chair, 'cancelled', 'Lokalen är stängd')).toMatchObject({ ok: true });
		expect(await s.now()).toMatchObject({ status: 'cancelled', cancelReason: 'Lokalen är stängd', sequence: 1 });
		expect(await move(s, s.chair, 'planned')).toMatchObject({ ok: true });
		expect(await s.now()).toMatchObject({ status: 'planned', cancelReason: '', sequence: 2 });
		expect(s.docs.refreshed).toEqual([s.meetingId, s.meetingId]);
		// Adjusted is never a move.
		expect(await move(s, s.chair, 'adjusted')).toMatchObject({ ok: false, errors: { _form: 'error_meeting_move_by_approvals' } });
		expect(await move(s, s.chair, 'nonsense')).toMatchObject({ ok: false });
	});

	it('refuses a move decided on a stale read', async () => {
		const s = await setUp();
		const stale = await s.now();
		expect(await move(s, s.chair, 'in_progress')).toMatchObject({ ok: true });
		expect(await lifecycle.moveMeeting(s.deps, s.chair, stale, { to: 'held' })).toMatchObject({ ok: false, errors: { _form: 'lc_error_changed_meanwhile' } });
		expect((await s.now()).status).toBe('in_progress');
	});

	it('adopts once a status older clients wrote into the document', async () => {
		const s = await setUp();
		setMeetingStatus(s.meetingDoc, 'held');
		const adopted = await lifecycle.adoptDocumentStatus(s.deps, await s.now());
		expect(adopted.status).toBe('held');
		expect((await s.now()).status).toBe('held');
		expect((await store.meetings.events(s.meetingId)).map((e) => e.kind)).toEqual(['adopted']);
		// Moved since: the document no longer says anything.
		expect(await move(s, s.chair, 'in_progress')).toMatchObject({ ok: true });
		expect((await lifecycle.adoptDocumentStatus(s.deps, await s.now())).status).toBe('in_progress');
	});

	it('justering: appoint, send, object, answer, approve the same version, and the protocol is sealed', async () => {
		const s = await setUp();
		await move(s, s.chair, 'held');
		expect(await move(s, s.chair, 'in_adjustment')).toMatchObject({ ok: false, errors: { _form: 'error_meeting_move_needs_adjuster' } });
		expect(await lifecycle.appointAdjusters(s.deps, s.other, await s.now(), { adjusterIds: [s.adjuster.id], dueDate: '2026-12-17' })).toMatchObject({ ok: false, errors: { _form: 'error_adjust_not_chair' } });
		expect(await lifecycle.appointAdjusters(s.deps, s.chair, await s.now(), { adjusterIds: [s.secretary.id], dueDate: '2026-12-17' })).toMatchObject({ ok: false, errors: { adjusterIds: 'error_adjust_adjuster_has_role' } });
		expect(await lifecycle.appointAdjusters(s.deps, s.chair, await s.now(), { adjusterIds: [s.adjuster.id, s.other.id], dueDate: '17/12' })).toMatchObject({ ok: false, errors: { dueDate: 'error_adjust_due_date_invalid' } });
		expect(await lifecycle.appointAdjusters(s.deps, s.chair, await s.now(), { adjusterIds: [s.adjuster.id, s.other.id], dueDate: '2026-12-17' })).toMatchObject({ ok: true });
		expect(await move(s, s.secretary, 'in_adjustment')).toMatchObject({ ok: true });

		const first = await lifecycle.versionNow(s.deps, await s.now());
		expect(first.protocol.header.adjusters.map((p) => p.name)).toEqual([s.adjuster.displayName, s.other.displayName]);
		// An objection to § 1 withdraws nothing yet (nobody approved); the secretary corrects and answers.
		expect(await lifecycle.objectToProtocol(s.deps, s.adjuster, await s.now(), { version: first.hash, itemId: s.itemId, problem: 'Beslutet saknar datum.', suggestion: '' })).toMatchObject({ ok: true });
		expect(await lifecycle.objectToProtocol(s.deps, s.viewer, await s.now(), { version: first.hash, itemId: s.itemId, problem: 'Jag med' })).toMatchObject({ ok: false, errors: { _form: 'error_adjust_not_approver' } });
		itemMinutes(s.meetingDoc, s.itemId)!.insert(0, [new Y.XmlText('Beslutet gäller från januari.')]);
		const second = await lifecycle.versionNow(s.deps, await s.now());
		expect(second.hash).not.toBe(first.hash);
		expect(await lifecycle.answerObjection(s.deps, s.adjuster, await s.now(), { objectionId: '1', outcome: 'corrected' })).toMatchObject({ ok: false, errors: { _form: 'error_adjust_not_secretary' } });
		expect(await lifecycle.answerObjection(s.deps, s.secretary, await s.now(), { objectionId: '1', outcome: 'not_changed', reason: '' })).toMatchObject({ ok: false, errors: { reason: 'error_adjust_reason_required' } });
		expect(await lifecycle.answerObjection(s.deps, s.secretary, await s.now(), { objectionId: '1', outcome: 'corrected' })).toMatchObject({ ok: true });

		// An approval of the version read before the correction is refused.
		expect(await lifecycle.approveProtocol(s.deps, s.adjuster, await s.now(), { version: first.hash })).toMatchObject({ ok: false, errors: { _form: 'lc_error_version_changed' } });
		expect(await lifecycle.approveProtocol(s.deps, s.adjuster, await s.now(), { version: second.hash })).toMatchObject({ ok: true, value: { adjusted: false } });
		expect(await lifecycle.approveProtocol(s.deps, s.other, await s.now(), { version: second.hash })).toMatchObject({ ok: true, value: { adjusted: false } });
		expect((await s.now()).status).toBe('in_adjustment');
		expect(await lifecycle.approveProtocol(s.deps, s.chair, await s.now(), { version: second.hash })).toMatchObject({ ok: true, value: { adjusted: true, hash: second.hash } });

		const meeting = await s.now();
		expect(meeting.status).toBe('adjusted');
		const sealed = await store.protocols.get(s.meetingId);
		expect(sealed?.hash).toBe(second.hash);
		expect(protocolHash(JSON.parse(sealed!.canonical))).toBe(second.hash);
		expect(sealed!.canonical).toBe(canonicalJson(second.protocol));
		expect(sealed!.meetingState).toEqual(second.meetingState);
		expect((sealed!.approvals as Array<{ by: string }>).map((a) => a.by).sort()).toEqual([s.adjuster.id, s.chair.id, s.other.id].sort());
		// Final: no move, no approval, no objection changes it.
		expect(await move(s, s.chair, 'held')).toMatchObject({ ok: false, errors: { _form: 'error_meeting_move_adjusted_final' } });
		expect(await lifecycle.objectToProtocol(s.deps, s.adjuster, meeting, { version: second.hash, itemId: s.itemId, problem: 'Sent' })).toMatchObject({ ok: false });
		expect((await store.protocols.get(s.meetingId))?.canonical).toBe(sealed!.canonical);
		const kinds = (await store.meetings.events(s.meetingId)).map((e) => e.kind);
		expect(kinds).toEqual(['moved', 'appointed', 'moved', 'objected', 'answered', 'approved', 'approved', 'adjusted']);

		// A correction now is an addendum: written by the secretary, approved by the chair and both
		// adjusters, and the adjusted protocol (its hash, its canonical form) stays as it was.
		expect(await lifecycle.writeProtocolAddendum(s.deps, s.adjuster, meeting, { text: 'Rättelse' })).toMatchObject({ ok: false, errors: { _form: 'error_addendum_not_writer' } });
		expect(await lifecycle.writeProtocolAddendum(s.deps, s.secretary, meeting, { text: '§ 1: beslutet gäller från februari.' })).toMatchObject({ ok: true, value: { number: 1 } });
		expect(await lifecycle.approveProtocolAddendum(s.deps, s.secretary, meeting, { number: '1' })).toMatchObject({ ok: false, errors: { _form: 'error_addendum_not_approver' } });
		for (const by of [s.chair, s.adjuster]) expect(await lifecycle.approveProtocolAddendum(s.deps, by, meeting, { number: '1' })).toMatchObject({ ok: true, value: { approved: false } });
		expect(await lifecycle.approveProtocolAddendum(s.deps, s.other, meeting, { number: '1' })).toMatchObject({ ok: true, value: { approved: true } });
		expect(await lifecycle.approveProtocolAddendum(s.deps, s.other, meeting, { number: '9' })).toMatchObject({ ok: false, errors: { _form: 'error_addendum_unknown' } });
		const [addendum] = await lifecycle.addendaView(s.deps, meeting);
		expect(addendum).toMatchObject({ number: 1, text: '§ 1: beslutet gäller från februari.', pending: [] });
		expect(addendum.approvedAt).not.toBeNull();
		expect(await store.protocols.get(s.meetingId)).toEqual(sealed);
	});

	it('reopening takes the minutes back and withdraws every approval; only the chair may', async () => {
		const s = await setUp();
		await move(s, s.chair, 'held');
		await lifecycle.appointAdjusters(s.deps, s.chair, await s.now(), { adjusterIds: [s.adjuster.id], dueDate: '2026-12-17' });
		await move(s, s.chair, 'in_adjustment');
		const { hash } = await lifecycle.versionNow(s.deps, await s.now());
		expect(await lifecycle.approveProtocol(s.deps, s.adjuster, await s.now(), { version: hash })).toMatchObject({ ok: true, value: { adjusted: false } });
		expect(await move(s, s.secretary, 'held')).toMatchObject({ ok: false, errors: { _form: 'error_meeting_move_chair_only' } });
		expect(await move(s, s.chair, 'held')).toMatchObject({ ok: true });
		const view = await lifecycle.lifecycleView(s.deps, s.chair, await s.now(), 'owner');
		expect(view.status).toBe('held');
		expect(view.approvals.every((a) => a.withdrawnAt !== null)).toBe(true);
	});

	it('an identity number in the protocol stops the send for adjustment until it is acknowledged; the event keeps where, not what', async () => {
		const s = await setUp();
		appendBlocks(itemMinutes(s.meetingDoc, s.itemId)!, [{ type: 'paragraph', text: ['Klienten 811218-9876 har fått en lägenhet.'] }]);
		await move(s, s.chair, 'held');
		await lifecycle.appointAdjusters(s.deps, s.chair, await s.now(), { adjusterIds: [s.adjuster.id], dueDate: '2026-12-17' });
		const refused = await move(s, s.chair, 'in_adjustment');
		expect(refused).toEqual({ ok: false, errors: { _form: 'guard_error_send_needs_ack' }, personalData: [{ item: 1, field: 'minutes' }] });
		expect((await s.now()).status).toBe('held');
		// Anything but the exact acknowledgement is no acknowledgement.
		expect(await lifecycle.moveMeeting(s.deps, s.chair, await s.now(), { to: 'in_adjustment', personalData: 'yes' })).toMatchObject({ ok: false });
		expect(await lifecycle.moveMeeting(s.deps, s.chair, await s.now(), { to: 'in_adjustment', personalData: 'acknowledged' })).toEqual({
			ok: true,
			value: { status: 'in_adjustment', personalData: { acknowledged: true, spots: [{ item: 1, field: 'minutes' }] } }
		});
		const sent = (await store.meetings.events(s.meetingId)).at(-1)!;
		expect(sent.detail).toEqual({ from: 'held', to: 'in_adjustment', personalData: { acknowledged: true, spots: [{ item: 1, field: 'minutes' }] } });
		expect(JSON.stringify(sent.detail)).not.toContain('9876');
	});
});

