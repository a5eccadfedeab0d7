import type { Server } from 'node:http';
import type { Store } from '../src/lib/server/store/types.js';
import type { CollabServer } from './collab/index.js';
import type { Cluster } from './collab/cluster/index.js';
import type { InstanceLease } from './instance-lease.js';
import type { HistoryRetention } from './history-retention.js';
import type { BoardUpkeep } from './board-upkeep.js';
import type { MailWorker } from '../src/lib/server/mail/worker.js';

export interface StoppingApp {
	/** HTTP listeners this process owns (none under Vite, which closes its own). */
	listeners?: Array<{ server: Server; /** Nothing in flight matters here (metrics): cut at once. */ cutAtOnce?: boolean }>;
	collab: CollabServer;
	cluster: Cluster | null;
	lease: InstanceLease | null;
	store: Store;
	/** The daily history retention job: no new run once stopping; a run in progress finishes before the store closes. */
	retention?: HistoryRetention | null;
	/** The daily board upkeep: stopped like retention. */
	upkeep?: BoardUpkeep | null;
	/** The mail worker: claims nothing more; a send in progress finishes (or is cut) before the store closes. */
	mail?: MailWorker | null;
	/** The webhook worker: claims nothing more; a post in progress finishes (10 s at most) before the store closes. */
	webhooks?: { stop(): Promise<void> } | null;
}

/**
 * The one place that says in which order a running app stops, and why. Every document must be
 * stored before anything it needs is gone, and before another instance may take over.
 */
export async function shutdown({ listeners = [], collab, cluster, lease, store, retention = null, upkeep = null, mail = null, webhooks = null }: StoppingApp): Promise<void> {
	// 1. Take no new work: listeners stop accepting (idle keep-alive connections go now), and the
	//    collab server refuses upgrades, so no socket opens a document that is about to be stored.
	const closed = listeners.map(({ server, cutAtOnce }) => {
		const done = new Promise<void>((resolve) => server.close(() => resolve()));
		if (cutAtOnce) server.closeAllConnections?.();
		else server.closeIdleConnections?.();
		return done;
	});
	collab.stopAccepting();
	const retentionStopped = Promise.all([retention?.stop(), upkeep?.stop(), mail?.stop(), webhooks?.stop()]);
	// 2. Close every socket (4503: clients reconnect, to another instance if there is one) before
	//    storing, so no update arrives while the documents are being written.
	await collab.closeSockets();
	// 3. Store every document (its last updates and a snapshot). This needs the cluster (to hand the
	//    last updates to Redis and store the streams this instance writes) and the store.
	await collab.drainDocuments();
	// 4. Leave the cluster: only now, after the drain has used it; its 'leaving' message lets the
	//    others drop this instance's people at once.
	await cluster?.close();
	// 5. Hand back the instance lease (alone on a shared database) once everything is stored, so the
	//    instance that takes over loads all of it.
	await lease?.release();
	// 6. Requests still in flight had until now, and may have needed the store: cut what is left.
	for (const { server } of listeners) server.closeAllConnections?.();
	await Promise.all(closed);
	// 7. The store last: every step above may write to it, and so may a retention run in progress.
	await retentionStopped;
	await store.close();
}
