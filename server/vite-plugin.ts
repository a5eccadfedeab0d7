import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { ConfigError, loadConfig } from '../src/lib/server/config.ts';
import { createRuntime } from './app.ts';
import { migrationsDir } from './paths.ts';

/**
 * `npm run dev` / `vite preview`: one runtime per Vite server, the collab server on Vite's own
 * HTTP server. Upgrades for other paths (Vite's HMR socket) are left alone.
 */
export function samtavlaCollab(): Plugin {
	async function attach(server: ViteDevServer | PreviewServer) {
		if (!server.httpServer) return;
		let config;
		try {
			config = loadConfig(process.env);
		} catch (error) {
			if (error instanceof ConfigError) {
				console.error(error.message);
				process.exit(1);
			}
			throw error;
		}
		const { runtime, collab } = await createRuntime(config, { migrationsDir: migrationsDir() });
		server.httpServer.on('upgrade', (req, socket, head) => {
			collab.handleUpgrade(req, socket, head);
		});
		server.httpServer.on('close', () => {
			void collab.close().then(() => runtime.store.close());
		});
	}
	return {
		name: 'samtavla-collab',
		configureServer: attach,
		configurePreviewServer: attach
	};
}
