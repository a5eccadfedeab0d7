import type { Store, StoredDoc } from '../../src/lib/server/store/types.js';
import { BatchedReads } from './batched-reads.js';

/**
 * Documents per read: a burst of meetings opening at once (everyone joining, or reconnecting after
 * a restart) costs a few statements; small enough that one read of long meetings' snapshots (a few
 * hundred KB each) stays a few MB.
 */
const DOCS_PER_READ = 50;

/**
 * Documents that start loading in the same turn of the event loop, or while a read is under way,
 * read their stored state together (docs.loadMany), as upgrades read their sessions
 * (admission-reads.ts). On the embedded database each statement costs its worker a few
 * milliseconds whatever it reads: 200 meetings opened at once were 200 statements, the largest
 * share of its work while people connect (issue 13). Each document is still read after whatever
 * its sink did before (a fencing claim): it is asked for only then.
 */
export function batchedDocLoads(store: Store): (name: string) => Promise<StoredDoc> {
	const reads = new BatchedReads<string, StoredDoc>(
		(names) => store.docs.loadMany(names),
		(name) => name,
		DOCS_PER_READ
	);
	return (name) => reads.read(name);
}
