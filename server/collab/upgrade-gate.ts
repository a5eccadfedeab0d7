import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { UpgradeStatus } from '../../src/lib/domain/collab-protocol.js';
import type { Config } from '../../src/lib/server/config.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { clientAddress } from './client-address.js';
import { UpgradeBudgets } from './rate-limit.js';
import type { UpgradeCache } from './upgrade-cache.js';
import { batchedAdmissions } from './admission-reads.js';
import { decideUpgrade, docNameFromUrl, refuseUpgrade, sessionTokenOf, type Admission } from './upgrade.js';

export interface UpgradeGate {
	/** Handles an upgrade for `/collab/…`; returns false for other paths (leave them to others). */
	handle(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** From now on every upgrade is refused (shutting down). */
	refuseAll(): void;
}

/**
 * The door of the collab server: who may open a websocket, at what rate. Anonymous upgrades (no
 * cookie, or nothing shaped like a token) are refused at no cost and charged to no budget; the
 * rest pay per source address before the database is asked, and per session and as members once
 * the session is valid (rate-limit.ts). Nothing is buffered before the upgrade is decided.
 */
export function createUpgradeGate(
	deps: { store: Store; log: Logger; config: Pick<Config, 'origin' | 'collab' | 'clientAddress'>; wss: WebSocketServer; cache?: UpgradeCache },
	admitted: (ws: WebSocket, admission: Admission) => void
): UpgradeGate {
	const { store, log, config, wss, cache } = deps;
	const budgets = new UpgradeBudgets({
		perSecond: config.collab.maxUpgradesPerSecond,
		perAddressPerSecond: config.collab.maxUpgradesPerAddressPerSecond,
		perSessionPerSecond: config.collab.maxUpgradesPerSessionPerSecond
	});
	let closing = false;
	const read = batchedAdmissions(store);

	return {
		handle(req, socket, head) {
			if (docNameFromUrl(req.url) === null) return false;
			socket.on('error', () => socket.destroy());
			if (closing) {
				refuseUpgrade(socket, UpgradeStatus.tooMany);
				return true;
			}
			if (!sessionTokenOf(req)) {
				log.debug({ url: req.url }, 'websocket upgrade without a session token refused');
				refuseUpgrade(socket, UpgradeStatus.unauthenticated);
				return true;
			}
			const address = clientAddress(req, config.clientAddress);
			if (!budgets.address(address)) {
				log.debug({ url: req.url, address }, 'websocket upgrade refused: this address is over its budget');
				refuseUpgrade(socket, UpgradeStatus.tooMany);
				return true;
			}
			decideUpgrade(req, store, config.origin, new Date(), (session) => budgets.session(session.id), cache, read)
				.then((decision) => {
					if (!decision.ok) {
						log.info({ url: req.url, address, status: decision.status, reason: decision.reason }, 'websocket upgrade refused');
						refuseUpgrade(socket, decision.status);
						return;
					}
					if (socket.destroyed) return;
					wss.handleUpgrade(req, socket, head, (ws) => admitted(ws, decision.admission));
				})
				.catch((error) => {
					log.error({ err: error, url: req.url }, 'websocket upgrade failed');
					refuseUpgrade(socket, 500);
				});
			return true;
		},
		refuseAll() {
			closing = true;
		}
	};
}
