import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBoard } from '../../src/lib/server/services/boards';
import { changeRole, removeMember } from '../../src/lib/server/services/members';
import type { Result } from '../../src/lib/server/services/result';
import { createStore } from '../../src/lib/server/store/index';
import type { Store, User } from '../../src/lib/server/store/types';
import { makeUser } from './helpers';

const migrationsDir = resolve('supabase/migrations');

let store: Store;
beforeAll(async () => {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	({ store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir, pgliteTemplate: template, inMemory: true }));
});
afterAll(async () => {
	await store?.close();
});

/** Records which members the service asked the collab server to re-check. */
function fakeLive() {
	const refreshed: Array<[string, string]> = [];
	return {
		refreshed,
		async refreshMember(boardId: string, userId: string) {
			refreshed.push([boardId, userId]);
		}
	};
}

async function boardWith(...roles: Array<'editor' | 'contributor' | 'viewer' | 'owner'>) {
	const owner = (await makeUser(store, 'Owner')).user;
	const created = await createBoard(store, owner, { name: 'Ledningsgrupp för utveckling', description: '' });
	if (!created.ok) throw new Error('board failed');
	const boardId = created.value.id;
	const members: User[] = [];
	for (const role of roles) {
		const { user } = await makeUser(store, 'Member');
		await store.boards.addMember(boardId, user.id, role);
		members.push(user);
	}
	return { owner, boardId, members };
}

const errorsOf = (r: Result<unknown>) => (r.ok ? {} : r.errors);

describe('changeRole', () => {
	it('the owner changes a role; live connections are re-checked at once', async () => {
		const { owner, boardId, members } = await boardWith('editor');
		const live = fakeLive();
		const result = await changeRole(store, live, owner, boardId, members[0].id, 'viewer');
		expect(result).toEqual({ ok: true, value: { role: 'viewer', from: 'editor' } });
		expect(await store.boards.role(boardId, members[0].id)).toBe('viewer');
		expect(live.refreshed).toEqual([[boardId, members[0].id]]);
	});

	it('only the owner may: an editor changing roles is refused and nothing changes', async () => {
		const { boardId, members } = await boardWith('editor', 'contributor');
		const live = fakeLive();
		const result = await changeRole(store, live, members[0], boardId, members[1].id, 'editor');
		expect(errorsOf(result)).toEqual({ _form: 'error_not_allowed' });
		expect(await store.boards.role(boardId, members[1].id)).toBe('contributor');
		expect(live.refreshed).toEqual([]);
		const outsider = (await makeUser(store, 'Outsider')).user;
		expect(errorsOf(await changeRole(store, live, outsider, boardId, members[1].id, 'editor'))).toEqual({ _form: 'error_not_allowed' });
	});

	it('never leaves the board without an owner; with a second owner the first may step down', async () => {
		const { owner, boardId, members } = await boardWith('editor');
		const live = fakeLive();
		expect(errorsOf(await changeRole(store, live, owner, boardId, owner.id, 'editor'))).toEqual({ _form: 'srv_error_last_owner' });
		expect(await store.boards.role(boardId, owner.id)).toBe('owner');
		expect(live.refreshed).toEqual([]);
		expect((await changeRole(store, live, owner, boardId, members[0].id, 'owner')).ok).toBe(true);
		expect((await changeRole(store, live, owner, boardId, owner.id, 'contributor')).ok).toBe(true);
		expect(await store.boards.role(boardId, owner.id)).toBe('contributor');
		// No longer owner: may no longer change roles.
		expect(errorsOf(await changeRole(store, live, owner, boardId, members[0].id, 'viewer'))).toEqual({ _form: 'error_not_allowed' });
	});

	it('refuses an unknown role and a person who is not a member', async () => {
		const { owner, boardId, members } = await boardWith('editor');
		const live = fakeLive();
		expect(errorsOf(await changeRole(store, live, owner, boardId, members[0].id, 'admin'))).toEqual({ role: 'error_role_required' });
		const outsider = (await makeUser(store, 'Outsider')).user;
		expect(errorsOf(await changeRole(store, live, owner, boardId, outsider.id, 'editor'))).toEqual({ _form: 'srv_error_not_member' });
		expect(await store.boards.role(boardId, outsider.id)).toBeNull();
		expect(live.refreshed).toEqual([]);
	});
});

describe('removeMember', () => {
	it('the owner removes a member; live connections are re-checked (and so closed)', async () => {
		const { owner, boardId, members } = await boardWith('contributor', 'viewer');
		const live = fakeLive();
		expect(await removeMember(store, live, owner, boardId, members[0].id)).toEqual({ ok: true, value: { role: 'contributor' } });
		expect(await store.boards.role(boardId, members[0].id)).toBeNull();
		expect(await store.boards.role(boardId, members[1].id)).toBe('viewer');
		expect(live.refreshed).toEqual([[boardId, members[0].id]]);
		expect(errorsOf(await removeMember(store, live, owner, boardId, members[0].id))).toEqual({ _form: 'srv_error_not_member' });
	});

	it('only the owner may, and never the last owner', async () => {
		const { owner, boardId, members } = await boardWith('editor', 'owner');
		const live = fakeLive();
		expect(errorsOf(await removeMember(store, live, members[0], boardId, owner.id))).toEqual({ _form: 'error_not_allowed' });
		expect((await removeMember(store, live, members[1], boardId, owner.id)).ok).toBe(true);
		expect(errorsOf(await removeMember(store, live, members[1], boardId, members[1].id))).toEqual({ _form: 'srv_error_last_owner' });
		expect(await store.boards.role(boardId, members[1].id)).toBe('owner');
		expect(live.refreshed).toEqual([[boardId, owner.id]]);
	});
});

describe('messages', () => {
	it('every key these services return is translated in sv, en and da', async () => {
		const keys = ['srv_error_last_owner', 'srv_error_not_member'];
		for (const locale of ['sv', 'en', 'da']) {
			const messages = JSON.parse(await readFile(resolve(`src/lib/i18n/messages/server/${locale}.json`), 'utf8')) as Record<string, string>;
			for (const key of keys) expect(messages[key], `${locale}: ${key}`).toMatch(/\S/);
		}
	});
});
