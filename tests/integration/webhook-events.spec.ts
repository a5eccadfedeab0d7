import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction, setActionStatus, updateAction } from '../../src/lib/domain/board-doc';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, recordDecision, setMeetingRole } from '../../src/lib/domain/meeting-doc';
import * as boards from '../../src/lib/server/services/boards';
import * as lifecycle from '../../src/lib/server/services/meeting-lifecycle';
import * as publications from '../../src/lib/server/services/publications';
import type { Meeting, Store } from '../../src/lib/server/store/types';
import type { WebhookEvent } from '../../src/lib/domain/webhooks';
import { makeUser, startTestApp } from './helpers';

/**
 * Which events the app queues, and with what (issue 15, point 4), in an app started in-process
 * with webhooks on: the action projection's action.created and action.updated (only for the
 * fields told, never for a description), the hourly action.overdue once per action and due date,
 * meeting.adjusted and protocol.published from their services. What is queued is read from the
 * outbox; posting it is webhooks.spec.ts's.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
let app: App;
let store: Store;

beforeAll(async () => {
	// Nothing answers at hooks.invalid: deliveries are queued and fail to post, which is not what this checks.
	app = await startTestApp({ env: { WEBHOOK_ALLOWED_HOSTS: 'hooks.invalid', WEBHOOK_RETRY_BASE_MS: '3600000' } });
	store = app.runtime.store;
}, 60_000);
afterAll(async () => {
	await app?.close();
});

async function hook(boardId: string, events: WebhookEvent[]) {
	const id = `wh${Math.random().toString(36).slice(2)}`;
	await store.webhooks.create({ id, boardId, url: 'https://hooks.invalid/in', description: '', events, active: true, createdAt: new Date(), secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0' });
	return id;
}
/** The webhook's queued events, oldest first, as their bodies say. */
async function queued(webhookId: string) {
	return (await store.webhooks.deliveries(webhookId, 100)).reverse().map((d) => JSON.parse(d.body) as { type: string; timestamp: string; data: Record<string, unknown> });
}
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
	for (let i = 0; i < 100; i++) {
		const value = await read();
		if (ok(value)) return value;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${what}: not within 5 s`);
}

describe('webhook events queued by the app', () => {
	it('actions from the live board document: created, then updated for status or due date; a description change is not announced', async () => {
		const owner = (await makeUser(store, 'Olle')).user;
		const board = await boards.createBoard(store, owner, { name: 'Ledningsgruppen', description: '' }, new Date());
		if (!board.ok) throw new Error('board');
		const boardId = board.value.id;
		const id = await hook(boardId, ['action.created', 'action.updated']);
		const none = await hook(boardId, ['ask.answered']);
		const author = { userId: owner.id, agencyId: owner.agencyId };
		const name = docName({ kind: 'board', boardId });
		let actionId = '';
		await app.runtime.live.changeDoc(name, author, (doc: Y.Doc) => {
			actionId = createAction(doc, { title: 'Ring hyresvärden', description: 'Familjen på plan 3', agencyId: owner.agencyId, raisedByAgencyId: owner.agencyId, createdBy: owner.id });
		});
		await until(() => queued(id), (q) => q.length === 1, 'action.created');
		await app.runtime.live.changeDoc(name, author, (doc: Y.Doc) => updateAction(doc, actionId, { description: 'Ändrad beskrivning' }));
		await app.runtime.live.changeDoc(name, author, (doc: Y.Doc) => setActionStatus(doc, actionId, 'in_progress', owner.id));
		await app.runtime.live.changeDoc(name, author, (doc: Y.Doc) => updateAction(doc, actionId, { dueDate: '2026-12-20' }));
		const events = await until(() => queued(id), (q) => q.length >= 3, 'two updates');
		await new Promise((r) => setTimeout(r, 300));
		expect((await queued(id)).map((e) => [e.type, e.data.status, e.data.dueDate])).toEqual([
			['action.created', 'open', null],
			['action.updated', 'in_progress', null],
			['action.updated', 'in_progress', '2026-12-20']
		]);
		expect(events[0].data).toEqual({ boardId, actionId, title: 'Ring hyresvärden', status: 'open', agencyId: owner.agencyId, dueDate: null, meetingId: null });
		// The description (it may hold what a member wrote about a person) never leaves.
		expect(JSON.stringify(await queued(id))).not.toContain('plan 3');
		expect(await queued(none)).toEqual([]);
	});

	it('action.overdue: once per action and due date, for due dates passed within the week, not for done ones', async () => {
		const owner = (await makeUser(store, 'Olle')).user;
		const board = await boards.createBoard(store, owner, { name: 'Ledningsgruppen', description: '' }, new Date());
		if (!board.ok) throw new Error('board');
		const boardId = board.value.id;
		const id = await hook(boardId, ['action.overdue']);
		const name = docName({ kind: 'board', boardId });
		const ids: string[] = [];
		await app.runtime.live.changeDoc(name, { userId: owner.id, agencyId: owner.agencyId }, (doc: Y.Doc) => {
			for (const [title, dueDate] of [
				['Sen', '2026-11-30'],
				['Klar', '2026-11-30'],
				['Gammal', '2026-10-01'],
				['Framtida', '2026-12-05']
			]) ids.push(createAction(doc, { title, agencyId: owner.agencyId, raisedByAgencyId: owner.agencyId, createdBy: owner.id, dueDate }));
			setActionStatus(doc, ids[1], 'done', owner.id);
		});
		await until(async () => (await store.actions.listForUser(owner.id, { today: '2026-12-02' })).filter((a) => a.boardId === boardId).length, (n) => n === 4, 'projected');
		const now = new Date('2026-12-02T08:00:00Z');
		expect(await app.webhooks!.overdueOnce(now)).toBeGreaterThanOrEqual(1);
		await app.webhooks!.overdueOnce(now);
		await app.webhooks!.overdueOnce(new Date('2026-12-02T09:00:00Z'));
		const events = await queued(id);
		expect(events.map((e) => [e.type, e.data.title, e.data.dueDate])).toEqual([['action.overdue', 'Sen', '2026-11-30']]);
	});

	it('meeting.adjusted when the last approval seals the protocol, protocol.published when it is published, with its hash and public path', async () => {
		const [chair, adjuster] = await Promise.all(['Olle', 'Anna'].map(async (n) => (await makeUser(store, n)).user));
		const board = await boards.createBoard(store, chair, { name: 'Ledningsgruppen', description: '' }, new Date());
		if (!board.ok) throw new Error('board');
		const boardId = board.value.id;
		await store.boards.addMember(boardId, adjuster.id, 'contributor');
		const made = await boards.createMeeting(store, chair, boardId, { title: 'Möte', startsAt: '2026-12-10T09:30', tzOffset: '60' });
		if (!made.ok) throw new Error('meeting');
		const meetingId = made.value.id;
		const id = await hook(boardId, ['meeting.adjusted', 'protocol.published']);
		// The documents as plain Y.Docs, as meeting-lifecycle.spec.ts does.
		const docs = new Map<string, Y.Doc>();
		const doc = (n: string) => docs.get(n) ?? docs.set(n, new Y.Doc()).get(n)!;
		const live = {
			async readDoc(n: string) {
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc(n)));
				return copy;
			},
			async readWith<T>(names: readonly string[], read: (d: Y.Doc[]) => T) {
				return read(names.map(doc));
			},
			async storePending() {},
			async refreshMeeting() {}
		};
		const meetingDoc = doc(docName({ kind: 'meeting', meetingId }));
		setMeetingRole(meetingDoc, 'chairId', chair.id);
		const itemId = addAgendaItem(meetingDoc, { title: 'Boende först' });
		recordDecision(meetingDoc, itemId, { text: 'Vi bjuder in hyresgästerna.', createdBy: chair.id });
		const deps = { store, live };
		const now = async () => (await store.meetings.get(meetingId)) as Meeting;
		await lifecycle.moveMeeting(deps, chair, await now(), { to: 'held', reason: '' });
		await lifecycle.appointAdjusters(deps, chair, await now(), { adjusterIds: [adjuster.id], dueDate: '2026-12-17' });
		await lifecycle.moveMeeting(deps, chair, await now(), { to: 'in_adjustment', reason: '' });
		const { hash } = await lifecycle.versionNow(deps, await now());
		expect(await lifecycle.approveProtocol(deps, adjuster, await now(), { version: hash })).toMatchObject({ ok: true, value: { adjusted: false } });
		expect(await queued(id)).toEqual([]);
		expect(await lifecycle.approveProtocol(deps, chair, await now(), { version: hash })).toMatchObject({ ok: true, value: { adjusted: true } });
		expect((await queued(id)).map((e) => e.data)).toEqual([{ boardId, meetingId, hash, adjustedAt: expect.stringMatching(/^\d{4}-/) }]);

		expect(await store.publications.setSlug(boardId, `grupp-${boardId}`)).toBe('set');
		const published = await publications.publish(store, chair, await now());
		expect(published).toMatchObject({ ok: true });
		const path = published.ok ? published.value.path : '';
		// Published once: a second press ("already") queues nothing more.
		await publications.publish(store, chair, await now());
		const events = await queued(id);
		expect(events.map((e) => e.type)).toEqual(['meeting.adjusted', 'protocol.published']);
		expect(events[1].data).toEqual({ boardId, meetingId, hash, path });
		// Never the protocol's words.
		expect(JSON.stringify(events)).not.toContain('hyresgästerna');
	});
});
