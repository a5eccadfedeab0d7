import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/lib/server/store/types';
import type { CollabServer } from './collab/index';
import type { Cluster } from './collab/cluster/index';
import type { InstanceLease } from './instance-lease';
import { shutdown } from './shutdown';

/** Parts that record when each is asked to stop; each step takes a tick, as real ones take longer. */
function parts() {
	const calls: string[] = [];
	const step = (name: string) => async () => {
		calls.push(name);
		await new Promise((r) => setTimeout(r, 1));
	};
	const server = (name: string) =>
		({
			close: (done: () => void) => {
				calls.push(`${name}: stop accepting`);
				setTimeout(done, 1);
			},
			closeIdleConnections: () => calls.push(`${name}: idle connections`),
			closeAllConnections: () => calls.push(`${name}: all connections`)
		}) as unknown as Server;
	const collab = {
		stopAccepting: () => calls.push('refuse upgrades'),
		closeSockets: step('close sockets'),
		drainDocuments: step('store documents')
	} as unknown as CollabServer;
	return {
		calls,
		app: {
			listeners: [{ server: server('http') }, { server: server('metrics'), cutAtOnce: true }],
			collab,
			cluster: { close: step('leave cluster') } as unknown as Cluster,
			lease: { release: step('release lease') } as unknown as InstanceLease,
			store: { close: step('close store') } as unknown as Store
		}
	};
}

describe('shutdown', () => {
	it('stores every document after the sockets are closed and before the cluster, the lease and the store go', async () => {
		const { calls, app } = parts();
		await shutdown(app);
		expect(calls).toEqual([
			'http: stop accepting',
			'http: idle connections',
			'metrics: stop accepting',
			'metrics: all connections',
			'refuse upgrades',
			'close sockets',
			'store documents',
			'leave cluster',
			'release lease',
			'http: all connections',
			'metrics: all connections',
			'close store'
		]);
	});

	it('stops the history retention job with the listeners, and closes the store only after a run in progress has finished', async () => {
		const { calls, app } = parts();
		const retention = {
			runOnce: async () => null,
			stop: async () => {
				calls.push('retention: no new run');
				await new Promise((r) => setTimeout(r, 30)); // a run still deleting
				calls.push('retention: run finished');
			}
		};
		await shutdown({ collab: app.collab, cluster: null, lease: null, store: app.store, retention });
		expect(calls.indexOf('retention: no new run')).toBe(calls.indexOf('refuse upgrades') + 1);
		expect(calls.indexOf('retention: run finished')).toBeLessThan(calls.indexOf('close store'));
	});

	it('runs without listeners, cluster or lease (under Vite, alone on embedded storage)', async () => {
		const { calls, app } = parts();
		await shutdown({ collab: app.collab, cluster: null, lease: null, store: app.store });
		expect(calls).toEqual(['refuse upgrades', 'close sockets', 'store documents', 'close store']);
	});
});
