import type { WebhookEvent, WebhookEventType } from '../../domain/webhooks.js';
import type { Store } from '../store/types.js';
import { wakeHook } from '../outbox/wake.js';

/** Queueing wakes this process's webhook worker at once, so it does not wait for the next poll. */
export const webhooksWake = wakeHook('webhooks');

export const webhooksQueued = webhooksWake.fire;

/**
 * Emitting a board event: one outbox row per active webhook of the board subscribed to it, written
 * in the flow that caused the event; nothing is posted from here (the worker does, webhooks/worker.ts).
 * The body follows Standard Webhooks: `{ type, timestamp, data }`. `data` carries ids and the few
 * fields a board member may read anyway, never document text or an internal §'s title.
 */
export interface WebhookPayload {
	type: WebhookEventType;
	timestamp: string;
	data: Record<string, unknown> & { boardId: string };
}

export function webhookBody(type: WebhookEventType, data: WebhookPayload['data'], at = new Date()): string {
	return JSON.stringify({ type, timestamp: at.toISOString(), data } satisfies WebhookPayload);
}

export async function emitWebhookEvent(store: Pick<Store, 'webhooks'>, type: WebhookEvent, data: WebhookPayload['data'], options: { at?: Date; dedupeKey?: string } = {}): Promise<number> {
	const queued = await store.webhooks.enqueue(data.boardId, type, webhookBody(type, data, options.at), { dedupeKey: options.dedupeKey ?? null });
	if (queued > 0) webhooksQueued();
	return queued;
}
