import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { generateSessionToken, sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import type { Board, User } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for erasing an account (issue 11, point 11): one transaction that refuses
 * while the person is a board's only owner, and otherwise leaves nothing that names them but an
 * anonymised row (kept for the foreign keys and the agency). Called from `storeContract`.
 */
export function erasureContract(ctx: ContractContext) {
	const { user, board } = ctx;
	const AT = new Date('2026-12-01T13:00:00.000Z');

	async function session(u: User): Promise<string> {
		const id = sessionIdFromToken(generateSessionToken());
		await ctx.store().sessions.create({ id, userId: u.id, expiresAt: new Date(Date.now() + 86_400_000) });
		return id;
	}
	async function invite(b: Board, creator: User): Promise<string> {
		const tokenHash = sessionIdFromToken(generateSessionToken());
		await ctx.store().invites.create({
			id: newId(),
			boardId: b.id,
			role: 'editor',
			createdBy: creator.id,
			expiresAt: new Date('2027-01-01T00:00:00.000Z'),
			revokedAt: null,
			createdAt: new Date('2026-11-30T12:00:00.000Z'),
			maxUses: null,
			uses: 0,
			tokenHash
		});
		return tokenHash;
	}

	describe('users: erase', () => {
		it('refuses while the person is the only owner of a board, naming those boards, and changes nothing', async () => {
			const store = ctx.store();
			const owner = await user();
			const [b1, b2] = [await board(owner), await board(owner)];
			const shared = await board(owner);
			const other = await user();
			await store.boards.addMember(shared.id, other.id, 'owner');
			const sid = await session(owner);
			expect(await store.users.erase(owner.id, AT)).toEqual({ outcome: 'last-owner', boardIds: [b1.id, b2.id].sort() });
			expect(await store.sessions.get(sid)).not.toBeNull();
			expect(await store.boards.role(b1.id, owner.id)).toBe('owner');
			expect((await store.users.get(owner.id))?.displayName).toBe(owner.displayName);
		});

		it('erases: sessions, feeds, memberships, sign-in failures, invites and authorship go; the row stays, anonymised', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const person = await user({ displayName: 'Vera Sand' }) as User & { passwordHash: string };
			await store.boards.addMember(b.id, person.id, 'owner'); // a co-owner may go
			const own = await board(person);
			await store.boards.addMember(own.id, owner.id, 'owner');
			const [s1, s2, kept] = [await session(person), await session(person), await session(owner)];
			await store.calendarFeeds.replace({ tokenHash: `feed-${newId()}`, userId: person.id, createdAt: AT });
			const theirInvite = await invite(b, person);
			const ownersInvite = await invite(b, owner);
			await store.signInFailures.record(`email:${person.email.toLowerCase()}`, AT);
			await store.signInFailures.record(`addr:192.0.2.${Math.floor(Math.random() * 200)}`, AT);
			const voices = `meeting:${newId()}:voices`;
			await store.docs.append(voices, [
				{ update: Uint8Array.of(1), author: { userId: person.id, agencyId: person.agencyId } },
				{ update: Uint8Array.of(2), author: { userId: owner.id, agencyId: owner.agencyId } }
			]);
			// Comments on the minutes carry the author's name too; the minutes themselves do not.
			const comments = `meeting:${newId()}:comments`;
			await store.docs.append(comments, [{ update: Uint8Array.of(3), author: { userId: person.id, agencyId: person.agencyId } }]);
			await store.docs.append(`meeting:${newId()}`, [{ update: Uint8Array.of(4), author: { userId: person.id, agencyId: person.agencyId } }]);
			expect(await store.users.voicesDocsWritten(person.id)).toEqual([comments, voices].sort());

			const erasure = await store.users.erase(person.id, AT);
			expect(erasure.outcome).toBe('erased');
			expect(erasure.outcome === 'erased' && erasure.sessionIds.sort()).toEqual([s1, s2].sort());
			expect(await store.sessions.get(s1)).toBeNull();
			expect(await store.sessions.get(kept)).not.toBeNull();
			expect(await store.calendarFeeds.activeForUser(person.id)).toBeNull();
			expect(await store.boards.role(b.id, person.id)).toBeNull();
			expect(await store.boards.listForUser(person.id)).toEqual([]);
			expect(await store.boards.removedAt(b.id, person.id)).toBeNull();
			expect(await store.signInFailures.get(`email:${person.email.toLowerCase()}`)).toBeNull();
			expect((await store.invites.findByTokenHash(theirInvite))?.revokedAt).toEqual(AT);
			expect((await store.invites.findByTokenHash(ownersInvite))?.revokedAt).toBeNull();
			const history = await store.docs.history(voices);
			expect(history.map((h) => [h.authorId, h.agencyId, h.source])).toEqual([
				[null, person.agencyId, 'member'],
				[owner.id, owner.agencyId, 'member']
			]);
			expect(await store.users.voicesDocsWritten(person.id)).toEqual([]);

			// The row stays for the foreign keys (the board they created) and the agency.
			expect(await store.users.get(person.id)).toEqual({ id: person.id, email: `erased+${person.id}@invalid`, displayName: '', agencyId: person.agencyId, createdAt: person.createdAt });
			expect(await store.users.findByEmail(person.email)).toBeNull();
			const anonymised = await store.users.findByEmail(`erased+${person.id}@invalid`);
			expect(anonymised?.passwordHash).not.toBe(person.passwordHash);
			expect(anonymised?.passwordHash.startsWith('$argon2')).toBe(false);
			expect((await store.boards.get(own.id))?.createdBy).toBe(person.id);
			// The address is free for a new account.
			const again = await user({ email: person.email });
			expect((await store.users.findByEmail(person.email))?.id).toBe(again.id);

			expect(await store.users.erase(person.id, AT)).toEqual({ outcome: 'not-found' });
			expect(await store.users.erase(`nobody-${newId()}`, AT)).toEqual({ outcome: 'not-found' });
		});
	});
}
