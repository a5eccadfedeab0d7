import { isWebhookEvent } from '../../domain/webhooks.js';
import { date, type Row } from './rows.js';
import type { ClaimedDelivery, DeliveryState, OverdueAction, Webhook, WebhookDelivery } from './webhook-types.js';

/** The columns a Webhook is read from (never the secret). */
export const WEBHOOK_COLUMNS = 'id, board_id, url, description, events, active, created_at';
export const DELIVERY_COLUMNS = 'id, webhook_id, board_id, event_type, body, state, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at';

const STATES: readonly DeliveryState[] = ['pending', 'sending', 'delivered', 'failed'];

export function toWebhook(r: Row): Webhook {
	if (!Array.isArray(r.events)) throw new TypeError('webhooks.events is not an array');
	return {
		id: String(r.id),
		boardId: String(r.board_id),
		url: String(r.url),
		description: String(r.description ?? ''),
		// An event a later version dropped is left out rather than failing the page.
		events: r.events.map(String).filter(isWebhookEvent),
		active: r.active === true,
		createdAt: date(r.created_at)
	};
}

export function toDelivery(r: Row): WebhookDelivery {
	const state = String(r.state) as DeliveryState;
	if (!STATES.includes(state)) throw new TypeError(`unknown delivery state ${state}`);
	return {
		id: String(r.id),
		webhookId: String(r.webhook_id),
		boardId: String(r.board_id),
		eventType: String(r.event_type),
		body: String(r.body),
		state,
		attempts: Number(r.attempts),
		nextAttemptAt: date(r.next_attempt_at),
		lastStatus: r.last_status == null ? null : Number(r.last_status),
		lastError: r.last_error == null ? null : String(r.last_error),
		createdAt: date(r.created_at),
		deliveredAt: r.delivered_at == null ? null : date(r.delivered_at)
	};
}

/** samtavla_webhook_claim's JSON array (a string from some drivers). */
export function toClaimed(value: unknown): ClaimedDelivery[] {
	const rows = typeof value === 'string' ? JSON.parse(value) : value;
	if (!Array.isArray(rows)) throw new TypeError('samtavla_webhook_claim did not return an array');
	return rows.map((r: Row) => ({ ...toDelivery(r), url: String(r.url), secret: String(r.secret) }));
}

export function toOverdue(value: unknown): OverdueAction[] {
	const rows = typeof value === 'string' ? JSON.parse(value) : value;
	if (!Array.isArray(rows)) throw new TypeError('samtavla_webhook_overdue did not return an array');
	return rows.map((r: Row) => ({
		boardId: String(r.board_id),
		id: String(r.id),
		title: String(r.title),
		status: String(r.status),
		agencyId: String(r.agency_id),
		dueDate: String(r.due_date).slice(0, 10),
		meetingId: r.meeting_id == null ? null : String(r.meeting_id)
	}));
}
