import type { SqlExecutor } from './executor.js';
import type { WebhookStore } from '../webhook-types.js';
import { DELIVERY_COLUMNS, toClaimed, toDelivery, toOverdue, toWebhook, WEBHOOK_COLUMNS } from '../webhook-rows.js';

/** Webhooks and their deliveries through the store functions of migration webhooks; reads as plain selects. */
export function webhooks(db: SqlExecutor): WebhookStore {
	return {
		async create(w) {
			await db.query('insert into webhooks (id, board_id, url, description, events, secret, active, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
				w.id,
				w.boardId,
				w.url,
				w.description,
				w.events,
				w.secret,
				w.active,
				w.createdAt
			]);
		},
		async listForBoard(boardId) {
			return (await db.query(`select ${WEBHOOK_COLUMNS} from webhooks where board_id = $1 order by created_at, id`, [boardId])).map(toWebhook);
		},
		async setActive(id, boardId, active) {
			return (await db.query('update webhooks set active = $3 where id = $1 and board_id = $2 returning id', [id, boardId, active])).length > 0;
		},
		async remove(id, boardId) {
			return (await db.query('delete from webhooks where id = $1 and board_id = $2 returning id', [id, boardId])).length > 0;
		},
		async enqueue(boardId, event, body, only = {}) {
			const [row] = await db.query(
				'select samtavla_webhook_enqueue(p_board_id => $1, p_event => $2, p_body => $3, p_dedupe_key => $4, p_webhook_id => $5) as queued',
				[boardId, event, body, only.dedupeKey ?? null, only.webhookId ?? null]
			);
			return Number(row.queued);
		},
		async claim(holder, leaseMs, limit) {
			const [row] = await db.query('select samtavla_webhook_claim(p_holder => $1, p_lease_ms => $2, p_limit => $3) as rows', [holder, leaseMs, limit]);
			return toClaimed(row.rows);
		},
		async markDelivered(id, holder, status) {
			const [row] = await db.query('select samtavla_webhook_delivered(p_id => $1, p_holder => $2, p_status => $3) as marked', [id, holder, status]);
			return row.marked === true;
		},
		async markFailed(id, holder, f) {
			const [row] = await db.query(
				'select samtavla_webhook_failed(p_id => $1, p_holder => $2, p_status => $3, p_error => $4, p_retry_ms => $5, p_max_attempts => $6) as state',
				[id, holder, f.status, f.error, f.retryMs, f.maxAttempts]
			);
			return (row.state ?? null) as Awaited<ReturnType<WebhookStore['markFailed']>>;
		},
		async deliveries(webhookId, limit) {
			const rows = await db.query(`select ${DELIVERY_COLUMNS} from webhook_deliveries where webhook_id = $1 order by created_at desc, id desc limit $2`, [webhookId, limit]);
			return rows.map(toDelivery);
		},
		async get(id) {
			const [row] = await db.query(`select ${DELIVERY_COLUMNS} from webhook_deliveries where id = $1`, [id]);
			return row ? toDelivery(row) : null;
		},
		async prune(before) {
			const [row] = await db.query('select samtavla_webhook_prune(p_before => $1) as gone', [before]);
			return Number(row.gone);
		},
		async overdueActions(from, to) {
			const [row] = await db.query('select samtavla_webhook_overdue(p_from => $1::date, p_to => $2::date) as rows', [from, to]);
			return toOverdue(row.rows);
		}
	};
}
