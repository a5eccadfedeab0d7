import type { SupabaseClient } from '@supabase/supabase-js';
import type { WebhookStore } from '../webhook-types.js';
import { DELIVERY_COLUMNS, toClaimed, toDelivery, toOverdue, toWebhook, WEBHOOK_COLUMNS } from '../webhook-rows.js';
import { dataOf, rowOf, rowsOf, rpc } from './request.js';

/** Webhooks over PostgREST: the same store functions and filters as the SQL adapter. */
export function webhooks(db: SupabaseClient): WebhookStore {
	return {
		async create(w) {
			dataOf(
				'insert into webhooks',
				await db.from('webhooks').insert({
					id: w.id,
					board_id: w.boardId,
					url: w.url,
					description: w.description,
					events: w.events,
					secret: w.secret,
					active: w.active,
					created_at: w.createdAt.toISOString()
				})
			);
		},
		async listForBoard(boardId) {
			return rowsOf('select from webhooks', await db.from('webhooks').select(WEBHOOK_COLUMNS).eq('board_id', boardId).order('created_at').order('id')).map(toWebhook);
		},
		async setActive(id, boardId, active) {
			return rowsOf('update webhooks', await db.from('webhooks').update({ active }).eq('id', id).eq('board_id', boardId).select('id')).length > 0;
		},
		async remove(id, boardId) {
			return rowsOf('delete from webhooks', await db.from('webhooks').delete().eq('id', id).eq('board_id', boardId).select('id')).length > 0;
		},
		async enqueue(boardId, event, body, only = {}) {
			return Number(
				await rpc(db, 'samtavla_webhook_enqueue', { p_board_id: boardId, p_event: event, p_body: body, p_dedupe_key: only.dedupeKey ?? null, p_webhook_id: only.webhookId ?? null })
			);
		},
		async claim(holder, leaseMs, limit) {
			return toClaimed(await rpc(db, 'samtavla_webhook_claim', { p_holder: holder, p_lease_ms: leaseMs, p_limit: limit }));
		},
		async markDelivered(id, holder, status) {
			return (await rpc(db, 'samtavla_webhook_delivered', { p_id: id, p_holder: holder, p_status: status })) === true;
		},
		async markFailed(id, holder, f) {
			const state = await rpc(db, 'samtavla_webhook_failed', {
				p_id: id,
				p_holder: holder,
				p_status: f.status,
				p_error: f.error,
				p_retry_ms: f.retryMs,
				p_max_attempts: f.maxAttempts
			});
			return (state ?? null) as Awaited<ReturnType<WebhookStore['markFailed']>>;
		},
		async deliveries(webhookId, limit) {
			const rows = rowsOf(
				'select from webhook_deliveries',
				await db.from('webhook_deliveries').select(DELIVERY_COLUMNS).eq('webhook_id', webhookId).order('created_at', { ascending: false }).order('id', { ascending: false }).limit(limit)
			);
			return rows.map(toDelivery);
		},
		async get(id) {
			const row = rowOf('select from webhook_deliveries', await db.from('webhook_deliveries').select(DELIVERY_COLUMNS).eq('id', id).maybeSingle());
			return row ? toDelivery(row) : null;
		},
		async prune(before) {
			return Number(await rpc(db, 'samtavla_webhook_prune', { p_before: before.toISOString() }));
		},
		async overdueActions(from, to) {
			return toOverdue(await rpc(db, 'samtavla_webhook_overdue', { p_from: from, p_to: to }));
		}
	};
}
