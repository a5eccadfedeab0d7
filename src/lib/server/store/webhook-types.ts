import type { WebhookEvent } from '../../domain/webhooks.js';

/** A board's webhook as the owner sees it (never its secret after creation). */
export interface Webhook {
	id: string;
	boardId: string;
	url: string;
	description: string;
	events: WebhookEvent[];
	active: boolean;
	createdAt: Date;
}

export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed';

export interface WebhookDelivery {
	/** Also the webhook-id header: the same on every attempt. */
	id: string;
	webhookId: string;
	boardId: string;
	eventType: string;
	body: string;
	state: DeliveryState;
	attempts: number;
	/** pending: not before this; sending: when the claim's lease ends. */
	nextAttemptAt: Date;
	lastStatus: number | null;
	lastError: string | null;
	createdAt: Date;
	deliveredAt: Date | null;
}

/** A claimed delivery with what posting it needs. */
export interface ClaimedDelivery extends WebhookDelivery {
	url: string;
	secret: string;
}

export interface OverdueAction {
	boardId: string;
	id: string;
	title: string;
	status: string;
	agencyId: string;
	dueDate: string;
	meetingId: string | null;
}

/** Webhooks and their deliveries' outbox (migration webhooks). */
export interface WebhookStore {
	create(webhook: Webhook & { secret: string }): Promise<void>;
	/** The board's webhooks, oldest first. */
	listForBoard(boardId: string): Promise<Webhook[]>;
	/** False when the board has no such webhook. */
	setActive(id: string, boardId: string, active: boolean): Promise<boolean>;
	/** Deletes the webhook and its deliveries; false when the board has no such webhook. */
	remove(id: string, boardId: string): Promise<boolean>;
	/**
	 * One event: a delivery for each active webhook of the board subscribed to `event` (or for
	 * `only.webhookId` alone, the test ping). How many were queued; a repeated dedupe key queues none.
	 */
	enqueue(boardId: string, event: string, body: string, only?: { dedupeKey?: string | null; webhookId?: string | null }): Promise<number>;
	claim(holder: string, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
	markDelivered(id: string, holder: string, status: number): Promise<boolean>;
	/** The row's new state ('pending' again after `retryMs`, or 'failed'); null when `holder` no longer holds it. */
	markFailed(id: string, holder: string, failure: { status: number | null; error: string; retryMs: number; maxAttempts: number }): Promise<DeliveryState | null>;
	/** A webhook's latest deliveries, newest first. */
	deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
	get(id: string): Promise<WebhookDelivery | null>;
	/** Retention (the daily upkeep): delivered and failed deliveries queued before `before` go; how many. */
	prune(before: Date): Promise<number>;
	/** Actions not done due between `from` and `to` (YYYY-MM-DD) on boards with an active action.overdue webhook. */
	overdueActions(from: string, to: string): Promise<OverdueAction[]>;
}
