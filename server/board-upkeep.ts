import type { Logger } from '../src/lib/server/logger.js';
import type { LiveConnections } from '../src/lib/server/runtime.js';
import type { BoardPurgeCounts, Store } from '../src/lib/server/store/types.js';
import { record } from '../src/lib/server/services/audit.js';
import { startDailyJob, type DailyJob } from './daily-job.js';
import { auditTrimBefore, daysBefore, deletionDueBefore, effectiveRetention } from '../src/lib/domain/board-upkeep.js';
import { outboxRetention } from '../src/lib/domain/mail.js';
import { WEBHOOK_RETENTION_DAYS } from '../src/lib/domain/webhooks.js';

/** How long a purge's document-name hashes refuse writes (every instance has unloaded by then). */
const FORGET_PURGED_AFTER_DAYS = 7;
/** Per-board history pages per run, as in history-retention.ts. */
const HISTORY_PAGE = 5000;
const MAX_HISTORY_PAGES = 50;

export interface UpkeepOptions {
	/** HISTORY_RETENTION_DAYS: the history period of boards without their own. */
	historyRetentionDays: number;
	/** AUDIT_RETENTION_DAYS: null keeps the whole audit log. */
	auditRetentionDays: number | null;
	/** MAIL_RETENTION_DAYS: sent e-mail goes after this, given-up e-mail after three times as long (30 when unset). */
	mailRetentionDays?: number;
	intervalMs?: number;
	firstRunMs?: number;
}

export interface UpkeepRun {
	purged: Array<{ boardId: string; counts: BoardPurgeCounts }>;
	/** Boards where retention removed something, with what (counts). */
	retained: Array<{ boardId: string; draftMeetings: number; draftUpdates: number; historyUpdates: number }>;
	auditTrimmed: number;
	/** Messages removed from the outbox (sent, failed) and kept unsubscribe links that expired. */
	mailPruned: { sent: number; failed: number; links: number };
	/** Webhook deliveries removed (delivered or failed, queued WEBHOOK_RETENTION_DAYS ago). */
	webhooksPruned: number;
}

/**
 * One run of the daily board upkeep (issue 11, points 11 and 12), at `now`:
 * 1. boards whose deletion was requested DELETION_GRACE_DAYS ago are purged, each with a
 *    'board-purged' audit entry (counts), and every socket on their documents re-checked (closed);
 * 2. each board's retention: meetings never held (still planned or cancelled N days after their
 *    start) go with their documents; boards with their own history period have the authored
 *    history of their adjusted meetings pruned (the others are history-retention.ts's); a
 *    'retention-applied' entry with counts for each board where something went;
 * 3. the audit log is trimmed to AUDIT_RETENTION_DAYS, never past any board's minimum;
 * 4. the e-mail outbox: sent messages older than MAIL_RETENTION_DAYS go, given-up ones after three
 *    times as long (their unsubscribe links are kept, address and kind only, for a year);
 * 5. webhook deliveries delivered or given up WEBHOOK_RETENTION_DAYS ago go (pending ones stay).
 * Every instance may run it: what another already removed is simply not found again.
 */
export async function boardUpkeepOnce(store: Store, live: Pick<LiveConnections, 'refreshBoard'> | null, options: UpkeepOptions, now = new Date()): Promise<UpkeepRun> {
	const run: UpkeepRun = { purged: [], retained: [], auditTrimmed: 0, mailPruned: { sent: 0, failed: 0, links: 0 }, webhooksPruned: 0 };
	const dueBefore = deletionDueBefore(now);
	for (const boardId of await store.boardDeletion.due(dueBefore)) {
		const counts = await store.boardDeletion.purge(boardId, dueBefore);
		if (!counts) continue;
		run.purged.push({ boardId, counts });
		await record(store, { kind: 'board-purged', actor: null, boardId, details: { ...counts }, at: now });
		await live?.refreshBoard(boardId);
	}
	await store.boardDeletion.forgetPurged(daysBefore(now, FORGET_PURGED_AFTER_DAYS));
	// One-time sign-in links are dead 15 minutes after they were made; their rows go a day later.
	await store.signInLinks.prune(daysBefore(now, 1));

	const boards = await store.retention.list();
	for (const board of boards) {
		const periods = effectiveRetention(board, { historyDays: options.historyRetentionDays });
		const drafts = await store.retention.pruneDrafts(board.boardId, daysBefore(now, periods.draftsDays));
		let historyUpdates = 0;
		if (board.historyDays != null) {
			for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
				const pruned = await store.retention.pruneHistory(board.boardId, daysBefore(now, board.historyDays), HISTORY_PAGE);
				historyUpdates += pruned.updates;
				if (pruned.updates < HISTORY_PAGE) break;
			}
		}
		if (drafts.meetings === 0 && historyUpdates === 0) continue;
		const counts = { boardId: board.boardId, draftMeetings: drafts.meetings, draftUpdates: drafts.updates, historyUpdates };
		run.retained.push(counts);
		await record(store, {
			kind: 'retention-applied',
			actor: null,
			boardId: board.boardId,
			details: { draftMeetings: drafts.meetings, draftUpdates: drafts.updates, historyUpdates, draftsDays: periods.draftsDays, historyDays: periods.historyDays },
			at: now
		});
	}

	const trimBefore = auditTrimBefore(now, options.auditRetentionDays, boards.map((b) => b.auditDays));
	if (trimBefore) run.auditTrimmed = await store.audit.trim(trimBefore, now);
	// With e-mail off too: an outbox filled while it was on still holds addresses and words.
	run.mailPruned = await store.outbox.prune(outboxRetention(now, options.mailRetentionDays ?? 30));
	run.webhooksPruned = await store.webhooks.prune(daysBefore(now, WEBHOOK_RETENTION_DAYS));
	return run;
}

export type BoardUpkeep = DailyJob<UpkeepRun>;

/** The daily job around boardUpkeepOnce (daily-job.ts: a failed run is logged and tried again next day). */
export function startBoardUpkeep(store: Store, live: Pick<LiveConnections, 'refreshBoard'> | null, logger: Logger, options: UpkeepOptions): BoardUpkeep {
	const log = logger.child({ component: 'board-upkeep' });
	return startDailyJob(
		async (now) => {
			const run = await boardUpkeepOnce(store, live, options, now);
			for (const { boardId, counts } of run.purged) log.info({ boardId, ...counts }, 'board upkeep: purged a board whose deletion was requested');
			for (const { boardId, ...counts } of run.retained) log.info({ boardId, ...counts }, 'board upkeep: retention removed meetings never held and old history');
			if (run.auditTrimmed > 0) log.info({ removed: run.auditTrimmed }, 'board upkeep: trimmed the oldest audit entries');
			const pruned = run.mailPruned;
			if (pruned.sent + pruned.failed + pruned.links > 0) log.info({ ...pruned }, 'board upkeep: removed old messages from the e-mail outbox');
			if (run.webhooksPruned > 0) log.info({ removed: run.webhooksPruned }, 'board upkeep: removed old webhook deliveries');
			return run;
		},
		(error) => log.error({ err: error }, 'board upkeep failed; will try again at the next run'),
		{ intervalMs: options.intervalMs, firstRunMs: options.firstRunMs ?? 90_000 }
	);
}
