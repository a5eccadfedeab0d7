import * as Y from 'yjs';
import { parseDocName } from '../../src/lib/domain/doc-names.js';
import { meetingSearchEntries, voicesSearchEntries } from '../../src/lib/domain/search/search-entries.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { SearchEntry, Store } from '../../src/lib/server/store/types.js';
import type { DocProjection } from './projections.js';
import { loadSafely, rulesForDoc } from './safe-load.js';

/**
 * Projects meeting documents (`meeting:<id>`) and voices documents (`meeting:<id>:voices`) into
 * `search_entries`, as the action projection does for board documents: after stored changes the
 * document's rows are replaced as a whole, `search_projections` records how far that went, and a
 * start-up rebuilds what a crash or an outage left behind. It never blocks or fails the realtime
 * path: one write per document at a time (later requests coalesce); a failure is logged and
 * retried with the next stored change.
 *
 * Replacing the rows reads the whole document and rewrites every row of it, so it runs at most
 * once per `SEARCH_PROJECTION_DELAY_MS` per document: a lone edit is projected at once, while a
 * meeting typed into continuously (a stored batch every COLLAB_FLUSH_MS, 4 a second) is projected
 * every few seconds with its latest state instead of after every batch. An unloading document
 * projects what waits before it goes.
 */
const REBUILD_ORIGIN = Symbol('search-rebuild');

/** Search may be this far behind the minutes while someone types; see above. */
export const SEARCH_PROJECTION_DELAY_MS = 3000;

/**
 * Projection writes one instance starts per second, all its documents together. Each write costs
 * the embedded database a few milliseconds (a plpgsql call that deletes and re-inserts the
 * document's indexed rows): 200 meetings typed into at once were 67 writes a second, about a
 * quarter of the server's core (side-by-side benchmark, 1,000 clients, issue 13). Past this rate
 * the writes queue, each document still at most once per delay: with few meetings typed into
 * search stays SEARCH_PROJECTION_DELAY_MS behind, with 200 about 20 s.
 */
export const SEARCH_WRITES_PER_SECOND = 10;

/** Hands out start times for projection writes, evenly spaced at `perSecond` (shared by an instance's projectors). */
export class WritePace {
	#next = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = Date.now
	) {}

	/** Takes the next free start: how many ms from now it is (0: start at once). */
	take(): number {
		const now = this.now();
		const at = Math.max(now, this.#next);
		this.#next = at + 1000 / this.perSecond;
		return at - now;
	}
}

function entriesOf(doc: Y.Doc, kind: 'meeting' | 'voices'): SearchEntry[] {
	return kind === 'meeting' ? meetingSearchEntries(doc) : voicesSearchEntries(doc);
}

/**
 * One document's projection: at most one write in flight, the latest request wins, and writes
 * start at least `delayMs` apart (the first at once).
 */
export class SearchProjector {
	#wanted: { doc: Y.Doc; upToId: number } | null = null;
	#running: Promise<void> | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** When the last write started (Date.now()); -Infinity before the first. */
	#lastStart = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly target: { docName: string; meetingId: string; kind: 'meeting' | 'voices' },
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly delayMs = SEARCH_PROJECTION_DELAY_MS,
		/** Shared by the instance's projectors (see SEARCH_WRITES_PER_SECOND); none: no limit across documents. */
		private readonly pace: WritePace | null = null
	) {}

	request(doc: Y.Doc, upToId: number): void {
		if (this.#wanted && this.#wanted.upToId > upToId) return;
		this.#wanted = { doc, upToId };
		this.#schedule();
	}

	#schedule(): void {
		if (this.#running || this.#timer || !this.#wanted) return;
		const wait = this.#lastStart + this.delayMs - Date.now();
		if (wait > 0) return this.#after(wait, () => this.#schedule());
		// Due: start at the next write the instance has free (at once unless many documents are due).
		const slot = this.pace?.take() ?? 0;
		if (slot <= 0) return this.#start();
		this.#after(slot, () => this.#start());
	}

	#after(ms: number, then: () => void): void {
		this.#timer = setTimeout(() => {
			this.#timer = null;
			then();
		}, ms);
		this.#timer.unref?.();
	}

	/** Runs after `#running` is set, so a run that ends at once still clears it. */
	#start(): void {
		this.#running = Promise.resolve().then(() => this.#run());
	}

	async #run(): Promise<void> {
		const { docName, meetingId, kind } = this.target;
		// One write per run; what is asked for meanwhile is written by the next, delayMs later.
		if (this.#wanted) {
			const { doc, upToId } = this.#wanted;
			this.#wanted = null;
			this.#lastStart = Date.now();
			try {
				// Read now, not when asked: the rows include every update up to upToId, and maybe later ones.
				const entries = entriesOf(doc, kind);
				const applied = await this.store.search.replaceDocEntries(docName, meetingId, entries, upToId);
				this.logger.debug({ doc: docName, upToId, entries: entries.length, applied }, 'search entries projected');
			} catch (error) {
				this.logger.error({ err: error, doc: docName, upToId }, 'projecting search entries failed; will retry with the next stored change');
			}
		}
		this.#running = null;
		this.#schedule();
	}

	/** The document leaves memory: what waits is written now, not after the delay. */
	async settle(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#running;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#wanted) {
			this.#start();
			await this.#running;
		}
	}
}

function targetOf(docName: string): { docName: string; meetingId: string; kind: 'meeting' | 'voices' } | null {
	const ref = parseDocName(docName);
	if (ref?.kind === 'meeting' || ref?.kind === 'voices') return { docName, meetingId: ref.meetingId, kind: ref.kind };
	return null;
}

export function createSearchProjection(store: Store, logger: Logger): DocProjection {
	const log = logger.child({ component: 'search-projection' });
	const pace = new WritePace(SEARCH_WRITES_PER_SECOND);

	return {
		hooksFor(docName) {
			const target = targetOf(docName);
			if (!target) return undefined;
			const projector = new SearchProjector(target, store, log, SEARCH_PROJECTION_DELAY_MS, pace);
			return {
				loaded(doc, lastUpdateId) {
					// A projection that fell behind (failed writes before an unload or a crash) catches up on load.
					// Nothing stored (a new document): nothing to project, and no read on the database's
					// worker while everyone opens new meetings at once (issue 13).
					if (lastUpdateId === 0) return;
					store.search.projectedUpToId(docName).then(
						(projected) => {
							if (projected === null || projected < lastUpdateId) projector.request(doc, lastUpdateId);
						},
						(error: unknown) => log.warn({ err: error, doc: docName }, 'could not read the search projection state; the next stored change projects')
					);
				},
				stored(doc, lastUpdateId) {
					projector.request(doc, lastUpdateId);
				},
				settle: () => projector.settle()
			};
		},
		async rebuildStale() {
			let stale: Awaited<ReturnType<Store['search']['listStale']>>;
			try {
				stale = await store.search.listStale();
			} catch (error) {
				// Starting matters more than search: each document catches up with its next stored change.
				log.error({ err: error }, 'finding stale search projections failed; starting without rebuilding them');
				return { rebuilt: 0, failed: 0 };
			}
			let rebuilt = 0;
			let failed = 0;
			for (const { docName } of stale) {
				const target = targetOf(docName);
				if (!target) continue;
				const doc = new Y.Doc();
				try {
					const stored = await store.docs.load(docName);
					// Loaded as the live document loads it: what it would set aside is left out here too.
					await loadSafely(doc, stored, rulesForDoc(docName), REBUILD_ORIGIN);
					await store.search.replaceDocEntries(docName, target.meetingId, entriesOf(doc, target.kind), stored.lastUpdateId);
					rebuilt++;
				} catch (error) {
					failed++;
					log.error({ err: error, doc: docName }, 'rebuilding the search projection failed; it is retried on the next stored change');
				} finally {
					doc.destroy();
				}
			}
			log.info({ stale: stale.length, rebuilt, failed }, 'stale search projections rebuilt');
			return { rebuilt, failed };
		}
	};
}
