import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/lib/server/logger';
import type { AuditContent } from '../src/lib/domain/audit-chain';
import type { BoardPurgeCounts, Store } from '../src/lib/server/store/types';
import { boardUpkeepOnce, startBoardUpkeep } from './board-upkeep';

const DAY = 24 * 60 * 60 * 1000;
const COUNTS: BoardPurgeCounts = { meetings: 2, protocols: 1, addenda: 0, members: 3, invites: 1, actions: 4, updates: 20, snapshots: 3 };

/** A store with boards whose deletion was requested at the given times; records what the job asks. */
function fakeStore(requests: Record<string, Date>, options: { failFirst?: boolean } = {}) {
	const calls = { due: [] as Date[], purged: [] as string[], drafts: [] as Array<[string, Date]>, history: [] as Array<[string, Date]>, trims: [] as Date[], audit: [] as AuditContent[], links: [] as Date[], outbox: [] as unknown[] };
	let fail = options.failFirst ?? false;
	const store = {
		agencies: { get: async () => null },
		boardDeletion: {
			due: async (before: Date) => {
				if (fail) {
					fail = false;
					throw new Error('database away');
				}
				calls.due.push(before);
				return Object.entries(requests).filter(([, at]) => at < before).map(([id]) => id);
			},
			purge: async (id: string, before: Date) => {
				if (!(requests[id] < before)) return null;
				delete requests[id];
				calls.purged.push(id);
				return COUNTS;
			},
			forgetPurged: async () => 0
		},
		signInLinks: {
			prune: async (before: Date) => {
				calls.links.push(before);
				return 0;
			}
		},
		webhooks: { prune: async () => 2 },
		outbox: {
			prune: async (cutoffs: unknown) => {
				calls.outbox.push(cutoffs);
				return { sent: 4, failed: 1, links: 0 };
			}
		},
		retention: {
			list: async () => [
				{ boardId: 'own', draftsDays: 60, historyDays: 10, auditDays: 400 },
				{ boardId: 'default', draftsDays: null, historyDays: null, auditDays: null }
			],
			pruneDrafts: async (id: string, before: Date) => {
				calls.drafts.push([id, before]);
				return id === 'own' ? { meetings: 1, updates: 3, snapshots: 1 } : { meetings: 0, updates: 0, snapshots: 0 };
			},
			pruneHistory: async (id: string, before: Date) => {
				calls.history.push([id, before]);
				return { updates: 0, documents: 0 };
			}
		},
		audit: {
			append: async (entry: AuditContent) => {
				calls.audit.push(entry);
				return entry;
			},
			trim: async (before: Date) => {
				calls.trims.push(before);
				return 5;
			}
		}
	} as unknown as Store;
	return { store, calls };
}

function recordingLogger() {
	const lines: Array<{ level: string; fields: unknown; msg: string }> = [];
	const logger = createLogger('silent');
	const child = {
		info: (fields: unknown, msg: string) => lines.push({ level: 'info', fields, msg }),
		warn: (fields: unknown, msg: string) => lines.push({ level: 'warn', fields, msg }),
		error: (fields: unknown, msg: string) => lines.push({ level: 'error', fields, msg })
	};
	logger.child = (() => child) as unknown as typeof logger.child;
	return { logger, lines };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('board upkeep', () => {
	it('at `now`: purges requests older than 30 days (with an entry and a socket re-check), applies each board’s periods, trims the audit log to the longest minimum', async () => {
		const now = new Date('2027-01-31T03:00:00Z');
		const { store, calls } = fakeStore({ old: new Date(now.getTime() - 31 * DAY), fresh: new Date(now.getTime() - 29 * DAY) });
		const refreshed: string[] = [];
		const run = await boardUpkeepOnce(store, { refreshBoard: async (id) => void refreshed.push(id) }, { historyRetentionDays: 90, auditRetentionDays: 365, mailRetentionDays: 30 }, now);
		expect(run.purged).toEqual([{ boardId: 'old', counts: COUNTS }]);
		expect(refreshed).toEqual(['old']);
		// Sign-in links (dead after 15 minutes) are forgotten a day on.
		expect(calls.links).toEqual([new Date(now.getTime() - DAY)]);
		// Sent e-mail after MAIL_RETENTION_DAYS, given-up e-mail after three times as long; unsubscribe links kept a year.
		expect(calls.outbox).toEqual([{ sentBefore: new Date(now.getTime() - 30 * DAY), failedBefore: new Date(now.getTime() - 90 * DAY), linksBefore: new Date(now.getTime() - 365 * DAY) }]);
		expect(run.mailPruned).toEqual({ sent: 4, failed: 1, links: 0 });
		expect(run.webhooksPruned).toBe(2);
		expect(calls.drafts).toEqual([
			['own', new Date(now.getTime() - 60 * DAY)],
			['default', new Date(now.getTime() - 365 * DAY)]
		]);
		// Only the board with its own history period; the others are history-retention.ts's.
		expect(calls.history).toEqual([['own', new Date(now.getTime() - 10 * DAY)]]);
		expect(run.retained).toEqual([{ boardId: 'own', draftMeetings: 1, draftUpdates: 3, historyUpdates: 0 }]);
		expect(calls.trims).toEqual([new Date(now.getTime() - 400 * DAY)]);
		expect(run.auditTrimmed).toBe(5);
		expect(calls.audit.map((e) => [e.kind, e.boardId, e.actorId])).toEqual([
			['board-purged', 'old', null],
			['retention-applied', 'own', null]
		]);
		expect(calls.audit[0].details).toEqual({ ...COUNTS });
	});

	it('without AUDIT_RETENTION_DAYS the audit log is never trimmed', async () => {
		const { store, calls } = fakeStore({});
		await boardUpkeepOnce(store, null, { historyRetentionDays: 90, auditRetentionDays: null }, new Date());
		expect(calls.trims).toEqual([]);
	});

	it('runs after its first delay, then daily; a failed run is logged and the next goes on; stop ends it', async () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2027-01-31T03:00:00Z'));
		const { store, calls } = fakeStore({ old: new Date('2026-12-01T00:00:00Z') }, { failFirst: true });
		const { logger, lines } = recordingLogger();
		const job = startBoardUpkeep(store, null, logger, { historyRetentionDays: 90, auditRetentionDays: null, firstRunMs: 1000, intervalMs: DAY });
		await vi.advanceTimersByTimeAsync(999);
		expect(lines).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(lines.map((l) => l.level)).toEqual(['error']);
		await vi.advanceTimersByTimeAsync(DAY);
		expect(calls.purged).toEqual(['old']);
		expect(lines[1]).toMatchObject({ level: 'info', fields: { boardId: 'old', meetings: 2 } });
		await job.stop();
		await vi.advanceTimersByTimeAsync(3 * DAY);
		expect(calls.due).toHaveLength(1);
	});
});
