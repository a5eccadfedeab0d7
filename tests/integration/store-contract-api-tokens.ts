import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import type { ApiToken } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for API access tokens (issue 15, first slice): found by hash only while
 * unrevoked and unexpired, revoked by their own person only, listed per person without the hash,
 * and gone with their person's erasure and with their board. Called from `storeContract`.
 */
export function apiTokensContract(ctx: ContractContext) {
	const { user, board } = ctx;
	const at = new Date('2026-12-10T10:00:00.000Z');
	const DAY = 86_400_000;

	async function token(userId: string, overrides: Partial<ApiToken> = {}) {
		const t = {
			id: newId(),
			userId,
			boardId: null,
			name: 'Rapportskript',
			scopes: ['read'],
			createdAt: at,
			expiresAt: new Date(at.getTime() + 30 * DAY),
			lastUsedAt: null,
			revokedAt: null,
			...overrides,
			tokenHash: hashToken(`stv_${generateToken()}`)
		};
		await ctx.store().apiTokens.create(t);
		return t;
	}

	describe('API access tokens', () => {
		it('a token is found by its hash until it expires, and never by another hash', async () => {
			const store = ctx.store();
			const person = await user();
			const { tokenHash, ...t } = await token(person.id, { scopes: ['read', 'actions:write'] });
			expect(await store.apiTokens.findActiveByHash(tokenHash, new Date(at.getTime() + DAY))).toEqual(t);
			expect(await store.apiTokens.findActiveByHash(tokenHash, new Date(at.getTime() + 30 * DAY))).toBeNull();
			expect(await store.apiTokens.findActiveByHash(hashToken('stv_unknown'), at)).toBeNull();
		});

		it('revoking stops the token at once; only its own person can revoke it, once', async () => {
			const store = ctx.store();
			const person = await user();
			const other = await user();
			const { tokenHash, id } = await token(person.id);
			expect(await store.apiTokens.revoke(id, other.id, at)).toBe(false);
			expect(await store.apiTokens.findActiveByHash(tokenHash, at)).not.toBeNull();
			const revokedAt = new Date(at.getTime() + 60_000);
			expect(await store.apiTokens.revoke(id, person.id, revokedAt)).toBe(true);
			expect(await store.apiTokens.revoke(id, person.id, revokedAt)).toBe(false);
			expect(await store.apiTokens.findActiveByHash(tokenHash, at)).toBeNull();
			expect((await store.apiTokens.listForUser(person.id)).map((x) => x.revokedAt)).toEqual([revokedAt]);
		});

		it('lists the person’s tokens newest first, with when each was last used, never another’s', async () => {
			const store = ctx.store();
			const person = await user();
			const older = await token(person.id, { name: 'Äldre' });
			const newer = await token(person.id, { name: 'Nyare', createdAt: new Date(at.getTime() + DAY) });
			await token((await user()).id, { name: 'Någon annans' });
			const used = new Date(at.getTime() + 2 * DAY);
			await store.apiTokens.touch(older.id, used);
			const list = await store.apiTokens.listForUser(person.id);
			expect(list.map((x) => x.name)).toEqual(['Nyare', 'Äldre']);
			expect(list.map((x) => x.lastUsedAt)).toEqual([null, used]);
			expect(list[0]).not.toHaveProperty('tokenHash');
			expect(list[0].id).toBe(newer.id);
		});

		it('a board’s tokens are listed per board and revoked by the board, never another board’s', async () => {
			const store = ctx.store();
			const owner = await user();
			const [b1, b2] = [await board(owner), await board(owner)];
			const first = await token(owner.id, { boardId: b1.id, name: 'Diarium' });
			const second = await token(owner.id, { boardId: b1.id, name: 'Intranät', createdAt: new Date(at.getTime() + DAY) });
			await token(owner.id, { boardId: b2.id, name: 'Annan nämnd' });
			await token(owner.id, { name: 'Personlig' });
			expect((await store.apiTokens.listForBoard(b1.id)).map((x) => x.name)).toEqual(['Intranät', 'Diarium']);
			expect(await store.apiTokens.revokeForBoard(first.id, b2.id, at)).toBe(false);
			expect(await store.apiTokens.revokeForBoard(first.id, b1.id, at)).toBe(true);
			expect(await store.apiTokens.revokeForBoard(first.id, b1.id, at)).toBe(false);
			expect(await store.apiTokens.findActiveByHash(first.tokenHash, at)).toBeNull();
			expect(await store.apiTokens.findActiveByHash(second.tokenHash, at)).not.toBeNull();
		});

		it('a board token goes with its board; every token goes with its person’s erasure', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const boardToken = await token(owner.id, { boardId: b.id });
			expect((await store.apiTokens.findActiveByHash(boardToken.tokenHash, at))?.boardId).toBe(b.id);
			expect(await store.boardDeletion.request(b.id, owner.id, new Date(Date.now() - 60_000))).toBe(true);
			expect(await store.boardDeletion.purge(b.id, new Date())).not.toBeNull();
			expect(await store.apiTokens.findActiveByHash(boardToken.tokenHash, at)).toBeNull();

			const leaving = await user();
			const personal = await token(leaving.id);
			expect((await store.users.erase(leaving.id, at)).outcome).toBe('erased');
			expect(await store.apiTokens.findActiveByHash(personal.tokenHash, at)).toBeNull();
			expect(await store.apiTokens.listForUser(leaving.id)).toEqual([]);
		});
	});
}
