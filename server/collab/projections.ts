import type { DocHooks } from './live-doc.js';

/**
 * A projection of stored documents into SQL (the action register, search): hooks for the documents
 * it projects, and a start-up rebuild of what fell behind. The registry takes one `hooksFor`;
 * `composeProjections` makes several look like one, so the core never names any of them.
 */
export interface DocProjection {
	hooksFor(docName: string): DocHooks | undefined;
	/** Re-projects what is stored beyond its projection. Logs, never throws. */
	rebuildStale(): Promise<{ rebuilt: number; failed: number }>;
}

/** Each hook runs every projection's hook for that document (one failing hook does not stop the others). */
function combine(all: DocHooks[]): DocHooks | undefined {
	if (all.length === 0) return undefined;
	if (all.length === 1) return all[0];
	return {
		loaded(doc, lastUpdateId) {
			for (const hooks of all) hooks.loaded?.(doc, lastUpdateId);
		},
		stored(doc, lastUpdateId) {
			for (const hooks of all) hooks.stored?.(doc, lastUpdateId);
		},
		async settle() {
			await Promise.all(all.map((hooks) => hooks.settle?.()));
		}
	};
}

export function composeProjections(...projections: DocProjection[]): DocProjection {
	return {
		hooksFor: (docName) => combine(projections.flatMap((p) => p.hooksFor(docName) ?? [])),
		async rebuildStale() {
			let rebuilt = 0;
			let failed = 0;
			for (const projection of projections) {
				const result = await projection.rebuildStale();
				rebuilt += result.rebuilt;
				failed += result.failed;
			}
			return { rebuilt, failed };
		}
	};
}
