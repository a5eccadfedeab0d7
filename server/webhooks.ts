import type { Config } from '../src/lib/server/config.js';
import type { Logger } from '../src/lib/server/logger.js';
import type { Store } from '../src/lib/server/store/types.js';
import { startWebhookWorker, type WebhookWorker } from '../src/lib/server/webhooks/worker.js';
import { emitWebhookEvent } from '../src/lib/server/webhooks/emit.js';
import { WEBHOOK_OVERDUE_DAYS } from '../src/lib/domain/webhooks.js';
import { startDailyJob } from './daily-job.js';

export interface Webhooks extends WebhookWorker {
	/** Queues action.overdue for actions whose due date passed (once per action and due date); how many deliveries. */
	overdueOnce(now?: Date): Promise<number>;
}

const DAY_MS = 86_400_000;
const stockholmDay = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);

/**
 * Webhooks in this instance (issue 15, point 4): the outbox's worker, and hourly the action.overdue
 * events (due dates are Swedish calendar days, as the e-mail reminders'). Each overdue action is
 * queued once per due date (a dedupe key per webhook), so every instance may run the job, hourly.
 */
export function startWebhooks(store: Store, logger: Logger, config: Config): Webhooks | null {
	const log = logger.child({ component: 'webhooks' });
	if (config.webhooks.allowedHosts.length === 0) {
		log.info('webhooks are off (WEBHOOK_ALLOWED_HOSTS is empty): owners cannot register any');
		return null;
	}
	const worker = startWebhookWorker(store.webhooks, log, {
		policy: { allowedHosts: config.webhooks.allowedHosts, allowPrivate: config.webhooks.allowPrivate },
		retryBaseMs: config.webhooks.retryBaseMs
	});
	async function overdueOnce(now = new Date()): Promise<number> {
		const to = stockholmDay(new Date(now.getTime() - DAY_MS));
		const from = stockholmDay(new Date(now.getTime() - WEBHOOK_OVERDUE_DAYS * DAY_MS));
		let queued = 0;
		for (const a of await store.webhooks.overdueActions(from, to)) {
			const data = { boardId: a.boardId, actionId: a.id, title: a.title, status: a.status, agencyId: a.agencyId, dueDate: a.dueDate, meetingId: a.meetingId };
			queued += await emitWebhookEvent(store, 'action.overdue', data, { at: now, dedupeKey: `action.overdue:${a.id}:${a.dueDate}` });
		}
		return queued;
	}
	const job = startDailyJob(overdueOnce, (error) => log.error({ err: error }, 'queueing action.overdue failed; will try again at the next run'), {
		intervalMs: 3_600_000,
		firstRunMs: 60_000
	});
	return {
		holder: worker.holder,
		runOnce: worker.runOnce,
		overdueOnce,
		async stop(graceMs) {
			await job.stop();
			await worker.stop(graceMs);
		}
	};
}
