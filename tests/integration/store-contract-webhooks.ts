import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { WebhookEvent } from '../../src/lib/domain/webhooks';
import { projectedAction, type ContractContext } from './store-contract-actions';

/**
 * The store contract for webhooks (issue 15, point 4): a board's webhooks listed without their
 * secret; an event queued once per active subscribed webhook of that board only (a dedupe key
 * once); the outbox claimed under a lease by one holder at a time, marked delivered or retried and
 * finally failed; pruned; and everything gone with the webhook and with the board. Called from
 * `storeContract`, so PGlite and PostgreSQL answer alike.
 */
export function webhooksContract(ctx: ContractContext) {
	const { user, board } = ctx;

	async function hook(boardId: string, events: WebhookEvent[] = ['action.created'], active = true) {
		const w = { id: newId(), boardId, url: 'https://hooks.example.org/in', description: 'CRM', events, active, createdAt: new Date('2026-12-11T10:00:00Z'), secret: `whsec_${newId()}` };
		await ctx.store().webhooks.create(w);
		return w;
	}
	/** Every delivery of the board's webhooks claimable now, by one holder (other tests' rows may be due too). */
	async function claimAll(holder: string, leaseMs = 60_000) {
		const rows = [];
		for (;;) {
			const batch = await ctx.store().webhooks.claim(holder, leaseMs, 50);
			if (batch.length === 0) return rows;
			rows.push(...batch);
		}
	}

	describe('webhooks', () => {
		it('listed per board without the secret; paused, resumed and deleted only through their own board', async () => {
			const store = ctx.store();
			const owner = await user();
			const [a, b] = [await board(owner), await board(owner)];
			const { secret, ...w } = await hook(a.id, ['action.created', 'ask.answered']);
			expect(secret).toMatch(/^whsec_/);
			expect(await store.webhooks.listForBoard(a.id)).toEqual([w]);
			expect(JSON.stringify(await store.webhooks.listForBoard(a.id))).not.toContain(secret);
			expect(await store.webhooks.listForBoard(b.id)).toEqual([]);
			expect(await store.webhooks.setActive(w.id, b.id, false)).toBe(false);
			expect(await store.webhooks.setActive(w.id, a.id, false)).toBe(true);
			expect((await store.webhooks.listForBoard(a.id))[0].active).toBe(false);
			expect(await store.webhooks.remove(w.id, b.id)).toBe(false);
			expect(await store.webhooks.remove(w.id, a.id)).toBe(true);
			expect(await store.webhooks.listForBoard(a.id)).toEqual([]);
		});

		it('an event is queued for each active webhook of its board subscribed to it, a dedupe key once; claimed with url and secret', async () => {
			const store = ctx.store();
			const owner = await user();
			const [a, b] = [await board(owner), await board(owner)];
			const yes = await hook(a.id, ['action.created', 'action.overdue']);
			await hook(a.id, ['ask.answered']);
			await hook(a.id, ['action.created'], false);
			const other = await hook(b.id, ['action.created']);
			expect(await store.webhooks.enqueue(a.id, 'action.created', '{"type":"action.created"}')).toBe(1);
			expect(await store.webhooks.enqueue(a.id, 'action.overdue', '{"n":1}', { dedupeKey: 'action.overdue:x:2026-12-01' })).toBe(1);
			expect(await store.webhooks.enqueue(a.id, 'action.overdue', '{"n":2}', { dedupeKey: 'action.overdue:x:2026-12-01' })).toBe(0);
			// The test ping goes to the one webhook named, whatever its events.
			expect(await store.webhooks.enqueue(b.id, 'webhook.test', '{}', { webhookId: other.id })).toBe(1);
			const claimed = (await claimAll(`h-${newId()}`)).filter((d) => d.boardId === a.id || d.boardId === b.id);
			expect(claimed.map((d) => [d.webhookId, d.eventType, d.body]).sort()).toEqual(
				[
					[yes.id, 'action.created', '{"type":"action.created"}'],
					[yes.id, 'action.overdue', '{"n":1}'],
					[other.id, 'webhook.test', '{}']
				].sort()
			);
			for (const d of claimed) {
				expect(d).toMatchObject({ state: 'sending', attempts: 1, url: 'https://hooks.example.org/in' });
				expect(d.id).toMatch(/^msg_[0-9a-f]{32}$/);
				expect(d.secret).toBe(d.webhookId === yes.id ? yes.secret : other.secret);
			}
		});

		it('one holder at a time: delivered; failed is retried after the wait and given up after the last attempt; a dead holder’s lease ends', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const w = await hook(b.id);
			await store.webhooks.enqueue(b.id, 'action.created', '{"a":1}');
			await store.webhooks.enqueue(b.id, 'action.created', '{"a":2}');
			const [one, two] = (await claimAll('holder-1')).filter((d) => d.webhookId === w.id);
			expect(two).toBeDefined();
			expect((await claimAll('holder-2')).filter((d) => d.webhookId === w.id)).toEqual([]);
			// Only the holder marks.
			expect(await store.webhooks.markDelivered(one.id, 'holder-2', 200)).toBe(false);
			expect(await store.webhooks.markDelivered(one.id, 'holder-1', 204)).toBe(true);
			expect(await store.webhooks.get(one.id)).toMatchObject({ state: 'delivered', lastStatus: 204, attempts: 1 });
			expect(await store.webhooks.markFailed(two.id, 'holder-1', { status: 500, error: 'HTTP 500', retryMs: 0, maxAttempts: 2 })).toBe('pending');
			expect(await store.webhooks.get(two.id)).toMatchObject({ state: 'pending', lastStatus: 500, lastError: 'HTTP 500' });
			const [again] = (await claimAll('holder-2')).filter((d) => d.id === two.id);
			expect(again.attempts).toBe(2);
			expect(await store.webhooks.markFailed(two.id, 'holder-2', { status: null, error: 'ECONNREFUSED', retryMs: 0, maxAttempts: 2 })).toBe('failed');
			expect((await claimAll('holder-3')).filter((d) => d.id === two.id)).toEqual([]);
			// A retry waits: not claimable before its time.
			await store.webhooks.enqueue(b.id, 'action.created', '{"a":3}');
			const [three] = (await claimAll('holder-1')).filter((d) => d.webhookId === w.id);
			await store.webhooks.markFailed(three.id, 'holder-1', { status: 503, error: 'HTTP 503', retryMs: 3_600_000, maxAttempts: 5 });
			expect((await claimAll('holder-2')).filter((d) => d.id === three.id)).toEqual([]);
			// A holder that died: its lease ends and another claims the row, same id.
			await store.webhooks.enqueue(b.id, 'action.created', '{"a":4}');
			// One claim only: a 1 ms lease is due again at once, so claiming until none is left would never end.
			const [four] = (await store.webhooks.claim('dead', 1, 50)).filter((d) => d.webhookId === w.id);
			await new Promise((r) => setTimeout(r, 20));
			const [taken] = (await claimAll('alive')).filter((d) => d.webhookId === w.id);
			expect(taken).toMatchObject({ id: four.id, attempts: 2 });
			expect(await store.webhooks.markDelivered(four.id, 'dead', 200)).toBe(false);
			// Newest first, with state and attempts.
			const listed = await store.webhooks.deliveries(w.id, 20);
			expect(listed.map((d) => d.state)).toEqual(['sending', 'pending', 'failed', 'delivered']);
			expect(await store.webhooks.deliveries(w.id, 1)).toHaveLength(1);
		});

		it('a paused webhook’s deliveries wait; prune removes old delivered and failed rows only; deleting the webhook or the board removes its deliveries', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const w = await hook(b.id);
			await store.webhooks.enqueue(b.id, 'action.created', '{}');
			await store.webhooks.setActive(w.id, b.id, false);
			expect((await claimAll('h')).filter((d) => d.webhookId === w.id)).toEqual([]);
			await store.webhooks.setActive(w.id, b.id, true);
			const [d] = (await claimAll('h')).filter((x) => x.webhookId === w.id);
			await store.webhooks.markDelivered(d.id, 'h', 200);
			await store.webhooks.enqueue(b.id, 'action.created', '{}');
			expect(await store.webhooks.prune(new Date(Date.now() - 86_400_000))).toBe(0);
			expect(await store.webhooks.prune(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
			expect((await store.webhooks.deliveries(w.id, 20)).map((x) => x.state)).toEqual(['pending']);
			expect(await store.webhooks.remove(w.id, b.id)).toBe(true);
			expect(await store.webhooks.deliveries(w.id, 20)).toEqual([]);

			const other = await board(owner);
			const kept = await hook(other.id);
			await store.webhooks.enqueue(other.id, 'action.created', '{}');
			await store.boardDeletion.request(other.id, owner.id, new Date('2026-01-01Z'));
			await store.boardDeletion.purge(other.id, new Date());
			expect(await store.webhooks.listForBoard(other.id)).toEqual([]);
			expect(await store.webhooks.deliveries(kept.id, 20)).toEqual([]);
		});

		it('overdue actions: not done, due in the range, only on boards with an active action.overdue webhook', async () => {
			const store = ctx.store();
			const owner = await user();
			const [a, b] = [await board(owner), await board(owner)];
			await hook(a.id, ['action.overdue']);
			await hook(b.id, ['action.created']);
			const late = projectedAction({ title: 'sen', dueDate: '2026-11-28', agencyId: owner.agencyId });
			const done = projectedAction({ title: 'klar', dueDate: '2026-11-28', status: 'done' });
			const early = projectedAction({ title: 'tidig', dueDate: '2026-11-01' });
			await store.projections.replaceBoardActions(a.id, `board:${a.id}`, [late, done, early], 1);
			await store.projections.replaceBoardActions(b.id, `board:${b.id}`, [projectedAction({ dueDate: '2026-11-28' })], 1);
			const found = (await store.webhooks.overdueActions('2026-11-25', '2026-12-01')).filter((x) => x.boardId === a.id || x.boardId === b.id);
			expect(found).toEqual([{ boardId: a.id, id: late.id, title: 'sen', status: late.status, agencyId: owner.agencyId, dueDate: '2026-11-28', meetingId: late.meetingId }]);
		});
	});
}
