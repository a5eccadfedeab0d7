import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/lib/server/store/index';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * Board deletion and retention through the real board page of the production build (issue 11,
 * points 11–12), as plain form posts (no JavaScript): only owners; the typed name must match;
 * every member then sees the date; an owner cancels; retention fields are checked and stored; each
 * step leaves its audit entry.
 */
describe('Board deletion and retention over HTTP', () => {
	let server: BuiltServer;
	let dataDir: string;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let editor: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		editor = await makeUser(store, 'Editor');
		({ boardId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, editor.user.id, 'editor');
		await setup.close();
		dataDir = setup.dataDir;
		server = await startBuiltServerOn(dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const page = async (cookie: string) => (await fetch(`${server.url}/boards/${boardId}`, { headers: { cookie } })).text();
	const post = (action: string, fields: Record<string, string>, cookie: string) =>
		fetch(`${server.url}/boards/${boardId}?/${action}`, {
			method: 'POST',
			body: new URLSearchParams(fields),
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', cookie }
		});

	it('an owner requests deletion with the typed name; members see the date; an editor cannot; the owner cancels', async () => {
		expect(await page(owner.cookie)).toContain('data-testid="board-deletion-request"');
		expect(await page(editor.cookie)).not.toContain('board-deletion-request');

		expect((await post('requestDeletion', { confirmName: 'Ledningsgrupp' }, owner.cookie)).status).toBe(400);
		expect((await post('requestDeletion', { confirmName: 'Ledningsgrupp för utveckling' }, editor.cookie)).status).toBe(400);
		expect(await page(editor.cookie)).not.toContain('board-deletion-notice');

		const asked = await post('requestDeletion', { confirmName: ' ledningsgrupp för UTVECKLING ' }, owner.cookie);
		expect(asked.status).toBe(200);
		const seen = await page(editor.cookie);
		expect(seen).toContain('data-testid="board-deletion-notice"');
		// 30 days from today, in the reader's language (Swedish by default).
		const date = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.now() + 30 * 86_400_000));
		expect(seen).toContain(date);
		expect((await post('requestDeletion', { confirmName: 'Ledningsgrupp för utveckling' }, owner.cookie)).status).toBe(400);

		expect((await post('cancelDeletion', {}, editor.cookie)).status).toBe(400);
		expect((await post('cancelDeletion', {}, owner.cookie)).status).toBe(200);
		expect(await page(editor.cookie)).not.toContain('board-deletion-notice');
		expect((await post('cancelDeletion', {}, owner.cookie)).status).toBe(400);
	});

	it('retention: owners only, each field within its bounds or empty, stored and shown again', async () => {
		expect(await page(editor.cookie)).not.toContain('retention-save');
		expect((await post('setRetention', { draftsDays: '400', historyDays: '', auditDays: '' }, editor.cookie)).status).toBe(400);
		const wrong = await post('setRetention', { draftsDays: '10', historyDays: 'x', auditDays: '365' }, owner.cookie);
		expect(wrong.status).toBe(400);
		expect((await post('setRetention', { draftsDays: '400', historyDays: '30', auditDays: '' }, owner.cookie)).status).toBe(200);
		const html = await page(owner.cookie);
		expect(html).toMatch(/id="retention-draftsDays"[^>]*value="400"|value="400"[^>]*id="retention-draftsDays"/);
	});

	it('each step is in the audit log, with what changed (no content)', async () => {
		await server.stop();
		const { store } = await createStore({ dataDir, databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), schema: 'check' });
		try {
			expect(await store.retention.get(boardId)).toEqual({ draftsDays: 400, historyDays: 30, auditDays: null });
			expect(await store.boardDeletion.get(boardId)).toBeNull();
			const entries = (await store.audit.list({ boardId })).reverse();
			const kinds = entries.map((e) => e.kind).filter((k) => k !== 'board-created' && k !== 'meeting-created');
			expect(kinds).toEqual(['board-deletion-requested', 'board-deletion-cancelled', 'retention-changed']);
			expect(entries.at(-1)?.details).toMatchObject({ from: { draftsDays: null, historyDays: null, auditDays: null }, to: { draftsDays: 400, historyDays: 30, auditDays: null } });
			expect(entries.every((e) => e.actorId === owner.user.id || e.kind === 'board-created' || e.kind === 'meeting-created')).toBe(true);
		} finally {
			await store.close();
		}
	});
});
