import type { DocPlace, SessionAdmission, Store } from '../../src/lib/server/store/types.js';
import { BatchedReads } from './batched-reads.js';

/** Upgrades per query: large enough that a burst of connections costs few statements, small enough to answer soon. */
const UPGRADES_PER_QUERY = 200;

/** How an upgrade reads its session and document place (upgrade.ts): one at a time, or batched. */
export type AdmissionRead = (id: string, place: DocPlace) => Promise<SessionAdmission | null>;

/** One upgrade, one query: what a caller without the collab server's batching gets. */
export const admissionOf =
	(store: Store): AdmissionRead =>
	async (id, place) =>
		(await store.sessions.admissions([{ id, place }]))[0];

/**
 * Upgrades arriving in the same turn of the event loop read their sessions and places together
 * (sessions.admissions): thousands of clients connecting at once (everyone after a restart, a
 * large meeting starting) cost a few statements rather than one each.
 */
export function batchedAdmissions(store: Store): AdmissionRead {
	const reads = new BatchedReads<{ id: string; place: DocPlace }, SessionAdmission | null>(
		(asked) => store.sessions.admissions(asked),
		({ id, place }) => `${id}\u0000${'boardId' in place ? `b:${place.boardId}` : `m:${place.meetingId}`}`,
		UPGRADES_PER_QUERY
	);
	return (id, place) => reads.read({ id, place });
}
