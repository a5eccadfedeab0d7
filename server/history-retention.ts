import type { Logger } from '../src/lib/server/logger.js';
import type { Store } from '../src/lib/server/store/types.js';
import { startDailyJob, type DailyJob } from './daily-job.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Compacted updates deleted per store call: bounded statements, however much is due at once. */
export const PRUNE_PAGE = 5000;
/** At most this many pages per run; what is left waits for the next run (logged). */
const MAX_PAGES_PER_RUN = 200;

export interface RetentionOptions {
	/** HISTORY_RETENTION_DAYS: how long the authored history of an adjusted meeting is kept after its adjustment. */
	retentionDays: number;
	/** Between runs (a day). */
	intervalMs?: number;
	/** The first run, after start: not during start-up itself, when every document is loading. */
	firstRunMs?: number;
}

export interface RetentionRun {
	cutOff: Date;
	updates: number;
	documents: number;
	/** More was due than one run deletes: the next run continues. */
	more: boolean;
}

/** Meetings adjusted before this have had their days: their compacted history may go. */
export function retentionCutOff(now: Date, retentionDays: number): Date {
	return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Retention of the authored update log (issue 11, point 5): the history of a meeting's documents
 * is kept as long as the meeting is not adjusted, and `retentionDays` after its adjustment; then
 * its compacted updates go (the snapshot holds the text; only who wrote what is forgotten).
 * Deletes a page at a time, so one run never holds a long statement.
 */
export async function pruneHistoryOnce(store: Store, retentionDays: number, now = new Date(), page = PRUNE_PAGE, maxPages = MAX_PAGES_PER_RUN): Promise<RetentionRun> {
	const cutOff = retentionCutOff(now, retentionDays);
	let updates = 0;
	let documents = 0;
	for (let pages = 0; pages < maxPages; pages++) {
		const pruned = await store.docs.pruneHistory(cutOff, page);
		updates += pruned.updates;
		// A document cut across two pages is counted twice: the count is for the log, not an audit.
		documents += pruned.documents;
		if (pruned.updates < page) return { cutOff, updates, documents, more: false };
	}
	return { cutOff, updates, documents, more: true };
}

export type HistoryRetention = DailyJob<RetentionRun>;

/**
 * The daily retention job of this process. Every instance runs it (with REDIS_URL there are
 * several): deleting what another instance deleted already deletes nothing, so no coordination
 * is needed. A failed run is logged and tried again at the next one.
 */
export function startHistoryRetention(store: Store, logger: Logger, options: RetentionOptions): HistoryRetention {
	const log = logger.child({ component: 'history-retention' });
	return startDailyJob(
		async (now) => {
			const run = await pruneHistoryOnce(store, options.retentionDays, now);
			const fields = { updates: run.updates, documents: run.documents, adjustedBefore: run.cutOff.toISOString(), retentionDays: options.retentionDays };
			if (run.more) log.warn(fields, 'history retention: more is due than one run deletes; the next run continues');
			else log.info(fields, 'history retention: deleted the authored history of meetings adjusted before the cut-off');
			return run;
		},
		(error) => log.error({ err: error }, 'history retention failed; will try again at the next run'),
		{ intervalMs: options.intervalMs, firstRunMs: options.firstRunMs ?? 60_000 }
	);
}
