import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { loadConfigOrExit } from './config-or-exit.ts';
import { createRuntime } from './app.ts';
import { migrationsDir } from './paths.ts';
import { createOps, type Ops } from './ops.ts';
import { shutdown } from './shutdown.ts';

/**
 * `npm run dev` / `vite preview`: one runtime per Vite server, the collab server on Vite's own
 * HTTP server. Upgrades for other paths (Vite's HMR socket) are left alone.
 */
export function samtavlaCollab(): Plugin {
	async function attach(server: ViteDevServer | PreviewServer) {
		if (!server.httpServer) return;
		// Registered before the first await, so it runs ahead of SvelteKit's middleware.
		let ops: Ops | null = null;
		server.middlewares.use((req, res, next) => {
			if (!ops?.handle(req, res)) next();
		});
		const config = loadConfigOrExit(process.env);
		const { runtime, collab, cluster, lease, retention, mail, webhooks } = await createRuntime(config, { migrationsDir: migrationsDir() });
		// In development /metrics stays on Vite's port (METRICS_PORT is for `npm start`); the token still applies.
		ops = createOps(runtime.store, collab, cluster, { metricsToken: config.metrics.token });
		server.httpServer.on('upgrade', (req, socket, head) => {
			collab.handleUpgrade(req, socket, head);
		});
		server.httpServer.on('close', () => {
			// Vite closes its own listener; the rest stops in the one order (a restarted Vite server in
			// the same process takes the lease again at once).
			void shutdown({ collab, cluster, lease, store: runtime.store, retention, mail, webhooks });
		});
	}
	return {
		name: 'samtavla-collab',
		configureServer: attach,
		configurePreviewServer: attach
	};
}
