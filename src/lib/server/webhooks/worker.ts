import { randomUUID } from 'node:crypto';
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from '../../domain/webhooks.js';
import type { Logger } from '../logger.js';
import type { WebhookStore } from '../store/webhook-types.js';
import type { WebhookPolicy } from './address.js';
import { startPollLoop } from '../outbox/poll-loop.js';
import { webhooksWake } from './emit.js';
import { postWebhook, type PostOutcome } from './post.js';

export interface WebhookWorkerOptions {
	policy: WebhookPolicy;
	retryBaseMs: number;
	pollMs?: number;
	leaseMs?: number;
	maxAttempts?: number;
	/** [0, 1): spreads retries of deliveries that failed together. */
	jitter?: () => number;
	timeoutMs?: number;
	/** Deliveries posted at once: one slow receiver must not hold every other board's webhooks. */
	concurrency?: number;
}

export interface WebhookWorker {
	runOnce(): Promise<{ delivered: number; failed: number }>;
	stop(graceMs?: number): Promise<void>;
	readonly holder: string;
}

/**
 * The webhook outbox's sender in this process (as the mail worker): each delivery is claimed
 * (leased) before it is posted and marked right after, so instances never post one row at once
 * and a restart finds every undelivered row again. A failed attempt is retried after an
 * exponential wait with jitter; after `maxAttempts` the row stays 'failed' for the owner to see.
 */
export function startWebhookWorker(store: WebhookStore, logger: Logger, options: WebhookWorkerOptions): WebhookWorker {
	const holder = `webhooks-${randomUUID()}`;
	const maxAttempts = options.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
	const jitter = options.jitter ?? Math.random;
	const timeoutMs = options.timeoutMs ?? 10_000;
	// Longer than one attempt can take, so a live holder never loses its row mid-post.
	const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 3);
	const pollMs = options.pollMs ?? Math.min(5000, options.retryBaseMs);
	const concurrency = options.concurrency ?? 4;

	async function deliverOne(): Promise<'none' | 'delivered' | 'failed'> {
		const [row] = await store.claim(holder, leaseMs, 1);
		if (!row) return 'none';
		const log = { delivery: row.id, webhook: row.webhookId, event: row.eventType, attempt: row.attempts };
		let outcome: PostOutcome;
		try {
			outcome = await postWebhook(row, { policy: options.policy, timeoutMs });
		} catch (error) {
			outcome = { ok: false, status: null, error: String((error as Error)?.message ?? error).slice(0, 200) };
		}
		if (outcome.ok) {
			if (await store.markDelivered(row.id, holder, outcome.status)) logger.info({ ...log, status: outcome.status }, 'webhook delivered');
			else logger.warn(log, 'webhook delivered after its lease ended: it may be posted again (same webhook-id)');
			return 'delivered';
		}
		const retryMs = webhookRetryDelayMs(row.attempts, jitter(), options.retryBaseMs);
		const state = await store.markFailed(row.id, holder, { status: outcome.status, error: outcome.error, retryMs, maxAttempts });
		if (state === 'failed') logger.warn({ ...log, status: outcome.status, reason: outcome.error }, 'webhook given up: it stays listed as failed');
		else logger.info({ ...log, status: outcome.status, reason: outcome.error, retryMs }, 'webhook not delivered; it will be tried again');
		return 'failed';
	}

	async function lane(counts: { delivered: number; failed: number }): Promise<void> {
		while (!loop.stopping) {
			const result = await deliverOne();
			if (result === 'none') return;
			counts[result]++;
		}
	}

	async function drain(): Promise<{ delivered: number; failed: number }> {
		const counts = { delivered: 0, failed: 0 };
		await Promise.all(Array.from({ length: concurrency }, () => lane(counts)));
		return counts;
	}

	const loop = startPollLoop(drain, { pollMs, wake: webhooksWake, logger, name: 'the webhook worker' });
	logger.info({ holder, pollMs, hosts: options.policy.allowedHosts.length, allowPrivate: options.policy.allowPrivate }, 'webhooks are on');

	return {
		holder,
		runOnce: loop.runOnce,
		stop: (graceMs = 10_000) => loop.stop(graceMs)
	};
}
