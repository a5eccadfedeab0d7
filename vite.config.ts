import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { samtavlaCollab } from './server/vite-plugin.ts';

// Under Vitest neither runs: tests start their own runtime on their own database, and no spec
// imports the compiled messages — while Paraglide's compiler kept Vitest's Vite server from
// closing (a 10 s "close timed out" on every run).
const appOnly = process.env.VITEST ? [] : null;

export default defineConfig({
	plugins: [
		tailwindcss(),
		...(appOnly ?? [
			paraglideVitePlugin({
				project: './src/lib/i18n/project.inlang',
				outdir: './src/lib/paraglide',
				// The person's choice (cookie) first, then their browser's languages, then Swedish.
				strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
				cookieName: 'samtavla_locale'
			})
		]),
		sveltekit(),
		...(appOnly ?? [samtavlaCollab()])
	],
	optimizeDeps: {
		// Pre-bundled up front, so the first visit to a meeting in `npm run dev` does not reload.
		include: [
			'@tiptap/core',
			'@tiptap/starter-kit',
			'@tiptap/extension-collaboration',
			'@tiptap/extension-collaboration-caret',
			'@tiptap/extension-link',
			'yjs',
			'y-websocket',
			'y-indexeddb',
			'y-protocols/auth',
			'y-protocols/awareness',
			'bits-ui'
		]
	},
	server: {
		// The embedded database and test databases change constantly; nothing there is source.
		watch: { ignored: ['**/data/**', '**/.test-data/**', '**/build/**'] }
	},
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.spec.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// One embedded database per file is ~100 MB; two cores here.
					fileParallelism: false
				}
			}
		]
	}
});
