import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as boards from '../../src/lib/server/services/boards';
import { record } from '../../src/lib/server/services/audit';
import { LOG_PAGE, boardCsvFilter, boardLog, csv, myLog } from '../../src/lib/server/services/audit-log';
import { createStore } from '../../src/lib/server/store/index';
import type { Store } from '../../src/lib/server/store/types';
import { makeUser } from './helpers';

/** Reading the log (issue 11, point 9) on the embedded store: owners only, pages, names, the CSV. */
let store: Store;
beforeAll(async () => {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	({ store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), pgliteTemplate: template, inMemory: true }));
});
afterAll(async () => {
	await store?.close();
});

describe('audit log service', () => {
	it('shows a board’s owners its entries a page at a time, named; anyone else nothing; everyone their own', async () => {
		const owner = (await makeUser(store, 'Ägare')).user;
		const editor = (await makeUser(store, 'Redaktör')).user;
		const board = await boards.createBoard(store, owner, { name: 'Loggtavlan', description: '' });
		if (!board.ok) throw new Error('board');
		const boardId = board.value.id;
		await store.boards.addMember(boardId, editor.id, 'editor');
		const at = (n: number) => new Date(Date.UTC(2026, 10, 30, 8, n));
		await record(store, { kind: 'role-changed', actor: owner, boardId, subject: editor.id, details: { from: 'viewer', to: 'editor' }, address: '203.0.113.9', at: at(0) });
		for (let i = 1; i <= LOG_PAGE + 4; i++) await record(store, { kind: 'internal-export', actor: i % 2 ? owner : editor, boardId, details: { format: 'md' }, at: at(i) });
		await record(store, { kind: 'sign-in', actor: editor, subject: editor.id, at: at(59) });

		const params = (s = '') => new URLSearchParams(s);
		expect(await boardLog(store, { user: editor, board: board.value, role: 'editor' }, params(), 'Europe/Stockholm')).toBeNull();
		const access = { user: owner, board: board.value, role: 'owner' as const };
		const first = (await boardLog(store, access, params(), 'Europe/Stockholm'))!;
		expect(first.entries).toHaveLength(LOG_PAGE);
		expect(first.entries[0].kind).toBe('internal-export');
		expect(first.older).toBe(first.entries[LOG_PAGE - 1].id);
		expect(first.people.map((p) => p.name).sort()).toEqual([editor.displayName, owner.displayName].sort());
		expect(first.kinds).not.toContain('sign-in');
		const second = (await boardLog(store, access, params(`before=${first.older}`), 'Europe/Stockholm'))!;
		expect(second.entries).toHaveLength(5);
		expect(second.older).toBeNull();
		const change = second.entries[4];
		expect(change).toMatchObject({ kind: 'role-changed', actorName: owner.displayName, subject: editor.displayName, address: '203.0.113.9', details: [['from', 'viewer'], ['to', 'editor']] });
		expect(change.actorAgency).toMatch(/^Förvaltning /);

		const editorsOnBoard = (await boardLog(store, access, params(`person=${editor.id}`), 'Europe/Stockholm'))!;
		expect(editorsOnBoard.entries).toHaveLength(LOG_PAGE / 2 + 2 + 1);
		const mine = await myLog(store, editor, params(), 'Europe/Stockholm');
		expect(mine.entries[0]).toMatchObject({ kind: 'sign-in', boardName: null });
		expect(mine.entries.at(-1)).toMatchObject({ kind: 'role-changed', boardName: 'Loggtavlan' });
		expect(mine.entries).toHaveLength(LOG_PAGE / 2 + 2 + 2);

		const text = await csv(store, boardCsvFilter(boardId, params('kind=internal-export'), 'Europe/Stockholm'));
		expect(text.startsWith('\ufeffid,at,')).toBe(true);
		expect(text.trim().split('\r\n')).toHaveLength(LOG_PAGE + 4 + 1);
	});
});
