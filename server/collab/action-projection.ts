import * as Y from 'yjs';
import { ACTION_STATUSES, readActions, type Action, type ActionStatus } from '../../src/lib/domain/board-doc.js';
import { parseDocName } from '../../src/lib/domain/doc-names.js';
import { isIsoDate } from '../../src/lib/domain/iso-date.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { ProjectedAction, Store } from '../../src/lib/server/store/types.js';
import type { DocHooks } from './live-doc.js';
import { loadSafely, rulesForDoc } from './safe-load.js';
import { mailHooks, type ActionAssignment } from '../../src/lib/server/mail/hooks.js';
import { emitWebhookEvent } from '../../src/lib/server/webhooks/emit.js';

/**
 * Projects every board document (`board:<id>`) into the SQL `actions` table, for the cross-board
 * register and calendar feeds. The Yjs document stays the source of truth: after each stored batch
 * the board's rows are replaced as a whole, and `doc_projections` records how far that went, so a
 * start-up can find and rebuild what a crash or an outage left behind.
 *
 * The projection never blocks or fails the realtime path: it runs beside persistence, one write
 * per board at a time (later requests coalesce), and a failure is logged and retried with the
 * next stored change.
 */
export interface ActionProjection {
	/** Hooks for the registry: projection for board documents, nothing for others. */
	hooksFor(docName: string): DocHooks | undefined;
	/** Re-projects every board document whose projection is behind what is stored. Logs, never throws. */
	rebuildStale(): Promise<{ rebuilt: number; failed: number }>;
}

const REBUILD_ORIGIN = Symbol('projection-rebuild');
/**
 * Longest text kept per column (UTF-16 units). A document field has no limit; the register, its
 * pages and calendar events need none of that length, and a megabyte title would be copied into
 * every feed that lists it.
 */
const MAX = { id: 200, title: 500, description: 10_000 } as const;

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(value: string, max: number): string {
	if (value.length <= max) return value;
	const end = /[\uD800-\uDBFF]/.test(value[max - 1]) ? max - 1 : max;
	return value.slice(0, end);
}
// PostgreSQL text cannot hold NUL; a document may (any editor's client writes it).
const clean = (value: unknown, max: number = MAX.id): string => (typeof value === 'string' ? cut(value.replace(/\0/g, ''), max) : '');
const cleanOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? clean(value) : null);
function instant(value: unknown): Date | null {
	if (typeof value !== 'string') return null;
	const at = new Date(value);
	return Number.isNaN(at.getTime()) ? null : at;
}
const day = (value: unknown): string | null => (isIsoDate(value) ? value : null);

/**
 * The rows to store for a board's actions. Documents are written by clients, so every field is
 * checked: a malformed action is stored with what can be salvaged rather than blocking the board's
 * whole projection; a repeated id keeps its first action.
 */
export function toProjectedActions(actions: Action[]): ProjectedAction[] {
	const seen = new Set<string>();
	const rows: ProjectedAction[] = [];
	for (const a of actions) {
		const id = clean(a.id);
		if (!id || seen.has(id)) continue;
		seen.add(id);
		const last = Array.isArray(a.history) ? a.history[a.history.length - 1] : undefined;
		rows.push({
			id,
			title: clean(a.title, MAX.title),
			description: clean(a.description, MAX.description),
			agencyId: clean(a.agencyId),
			raisedByAgencyId: clean(a.raisedByAgencyId),
			assigneeId: cleanOrNull(a.assigneeId),
			dueDate: day(a.dueDate),
			status: (ACTION_STATUSES as readonly string[]).includes(a.status) ? a.status : ('open' satisfies ActionStatus),
			meetingId: cleanOrNull(a.meetingId),
			itemId: cleanOrNull(a.itemId),
			createdBy: clean(a.createdBy),
			createdAt: instant(a.createdAt) ?? new Date(0),
			statusChangedBy: last && typeof last === 'object' ? cleanOrNull(last.by) : null,
			statusChangedAt: last && typeof last === 'object' ? instant(last.at) : null,
			outcome: clean(a.outcome, MAX.description)
		});
	}
	return rows;
}

/** One board's projection: at most one write in flight, the latest request wins. */
class BoardProjector {
	#wanted: { doc: Y.Doc; upToId: number } | null = null;
	#running: Promise<void> | null = null;
	/** Entries already logged as skipped: each is logged once, not with every stored change. */
	#reported = new Set<string>();
	/**
	 * Each action's assignee as last projected, from when the document loaded: a new assignee in a
	 * later projection is e-mailed (issue 14). Null until loaded (a rebuild at start e-mails nothing).
	 */
	#assignees: Map<string, string | null> | null = null;
	/** What webhooks were last told of each action (issue 15): a new id is action.created, a change of these fields action.updated. */
	#announced: Map<string, string> | null = null;

	constructor(
		private readonly boardId: string,
		private readonly docName: string,
		private readonly store: Store,
		private readonly logger: Logger
	) {}

	/** The assignees as the document was loaded: what is there already was told before (or never will be). */
	seed(doc: Y.Doc): void {
		const rows = projectRows(doc, this.docName, this.logger, this.#reported);
		this.#assignees = new Map(rows.map((r) => [r.id, r.assigneeId]));
		this.#announced = new Map(rows.map((r) => [r.id, announced(r)]));
	}

	request(doc: Y.Doc, upToId: number): void {
		if (this.#wanted && this.#wanted.upToId > upToId) return;
		this.#wanted = { doc, upToId };
		this.#running ??= this.#run();
	}

	async #run(): Promise<void> {
		while (this.#wanted) {
			const { doc, upToId } = this.#wanted;
			this.#wanted = null;
			try {
				// Read now, not when asked: the rows include every update up to upToId, and maybe later ones.
				const rows = projectRows(doc, this.docName, this.logger, this.#reported);
				const applied = await this.store.projections.replaceBoardActions(this.boardId, this.docName, rows, upToId);
				this.logger.debug({ doc: this.docName, upToId, actions: rows.length, applied }, 'actions projected');
				await this.#tellAssignees(rows);
				await this.#tellWebhooks(rows);
			} catch (error) {
				this.logger.error({ err: error, doc: this.docName, upToId }, 'projecting actions failed; will retry with the next stored change');
			}
		}
		this.#running = null;
	}

	/**
	 * Actions that got an assignee (or another one) since the last projection: e-mailed through
	 * the hooks SvelteKit's bundle registered. Someone who creates an action for themselves is not
	 * told; a done action is not news. Never fails the projection.
	 */
	async #tellAssignees(rows: ProjectedAction[]): Promise<void> {
		const before = this.#assignees;
		if (!before) return;
		this.#assignees = new Map(rows.map((r) => [r.id, r.assigneeId]));
		const assigned: ActionAssignment[] = rows
			.filter((r) => r.assigneeId && r.status !== 'done' && before.get(r.id) !== r.assigneeId && !(!before.has(r.id) && r.assigneeId === r.createdBy))
			.map((r) => ({ actionId: r.id, title: r.title, dueDate: r.dueDate, assigneeId: r.assigneeId! }));
		if (assigned.length === 0) return;
		await mailHooks()
			?.actionsAssigned(this.boardId, assigned)
			.catch((error: unknown) => this.logger.error({ err: error, doc: this.docName }, 'queueing the e-mail for assigned actions failed'));
	}

	/**
	 * action.created and action.updated for the board's webhooks (an outbox row each; nothing is
	 * posted here). Only after the document loaded: a rebuild at start announces nothing. Never
	 * fails the projection.
	 */
	async #tellWebhooks(rows: ProjectedAction[]): Promise<void> {
		const before = this.#announced;
		if (!before) return;
		this.#announced = new Map(rows.map((r) => [r.id, announced(r)]));
		for (const r of rows) {
			const was = before.get(r.id);
			if (was === announced(r)) continue;
			const data = { boardId: this.boardId, actionId: r.id, title: r.title, status: r.status, agencyId: r.agencyId, dueDate: r.dueDate, meetingId: r.meetingId };
			await emitWebhookEvent(this.store, was === undefined ? 'action.created' : 'action.updated', data).catch((error: unknown) =>
				this.logger.error({ err: error, doc: this.docName, action: r.id }, 'queueing a webhook for an action failed')
			);
		}
	}

	/** Resolves when no projection is in flight (the document can be destroyed). */
	settle(): Promise<void> {
		return this.#running ?? Promise.resolve();
	}
}

/** The fields a webhook is told about: a change of any other (the description, the assignee) is not announced. */
const announced = (r: ProjectedAction): string => JSON.stringify([r.title, r.status, r.agencyId, r.dueDate, r.meetingId]);

/** The rows for a board document; entries that are not actions are left out, each logged once per `reported`. */
function projectRows(doc: Y.Doc, docName: string, logger: Logger, reported: Set<string>): ProjectedAction[] {
	const { actions, skipped } = readActions(doc);
	for (const { key, reason } of skipped) {
		const seen = `${key}\u0000${reason}`;
		if (reported.has(seen)) continue;
		reported.add(seen);
		logger.warn({ doc: docName, key: cut(key, MAX.id), reason }, 'board document entry is not an action; left out of the register');
	}
	return toProjectedActions(actions);
}

export function createActionProjection(store: Store, logger: Logger): ActionProjection {
	const log = logger.child({ component: 'action-projection' });

	return {
		hooksFor(docName) {
			const ref = parseDocName(docName);
			if (ref?.kind !== 'board') return undefined;
			const projector = new BoardProjector(ref.boardId, docName, store, log);
			return {
				loaded(doc, lastUpdateId) {
					projector.seed(doc);
					// A projection that fell behind (failed writes before an unload or a crash) catches up on load.
					// Nothing stored (a new document): nothing to project, and no read on the database's
					// worker while everyone opens new meetings at once (issue 13).
					if (lastUpdateId === 0) return;
					store.projections.projectedUpToId(docName).then(
						(projected) => {
							if (projected === null || projected < lastUpdateId) projector.request(doc, lastUpdateId);
						},
						(error: unknown) => log.warn({ err: error, doc: docName }, 'could not read the projection state; the next stored change projects')
					);
				},
				stored(doc, lastUpdateId) {
					projector.request(doc, lastUpdateId);
				},
				settle: () => projector.settle()
			};
		},
		async rebuildStale() {
			let stale: Awaited<ReturnType<Store['projections']['listStale']>>;
			try {
				stale = await store.projections.listStale();
			} catch (error) {
				// Starting matters more than the register: each board catches up with its next stored change.
				log.error({ err: error }, 'finding stale action projections failed; starting without rebuilding them');
				return { rebuilt: 0, failed: 0 };
			}
			let rebuilt = 0;
			let failed = 0;
			for (const { docName, boardId } of stale) {
				const doc = new Y.Doc();
				try {
					const stored = await store.docs.load(docName);
					// Loaded as the live document loads it: what it would set aside is left out here too.
					await loadSafely(doc, stored, rulesForDoc(docName), REBUILD_ORIGIN);
					await store.projections.replaceBoardActions(boardId, docName, projectRows(doc, docName, log, new Set()), stored.lastUpdateId);
					rebuilt++;
				} catch (error) {
					failed++;
					log.error({ err: error, doc: docName }, 'rebuilding the action projection failed; it is retried on the next stored change');
				} finally {
					doc.destroy();
				}
			}
			log.info({ stale: stale.length, rebuilt, failed }, 'stale action projections rebuilt');
			return { rebuilt, failed };
		}
	};
}
