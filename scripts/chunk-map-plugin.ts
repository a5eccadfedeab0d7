import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Writes `.svelte-kit/output/chunk-map.json` after the browser build: for each JavaScript chunk
 * (by its path under build/client), the packages and source folders it holds, biggest first by
 * rendered size. tests/load/page-weight.mjs prints it beside each chunk's gzip size, so a cut to
 * the page weight can be aimed without sourcemaps (which the build does not emit). Outside the
 * served folder: this is a build report, not something to ship.
 */
export function chunkMap(): Plugin {
	return {
		name: 'samtavla-chunk-map',
		apply: 'build',
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const map: Record<string, string[]> = {};
			for (const chunk of Object.values(bundle)) {
				if (chunk.type !== 'chunk') continue;
				const sizes = new Map<string, number>();
				for (const [id, info] of Object.entries(chunk.modules)) {
					const owner = groupOf(id);
					sizes.set(owner, (sizes.get(owner) ?? 0) + info.renderedLength);
				}
				map[chunk.fileName] = [...sizes]
					.filter(([, size]) => size > 0)
					.sort((a, b) => b[1] - a[1])
					.map(([owner, size]) => `${owner} ${(size / 1024).toFixed(0)}k`);
			}
			const file = '.svelte-kit/output/chunk-map.json';
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, JSON.stringify(map, null, 1));
		}
	};
}

/** A module's package (`@tiptap/core`, `yjs`) or, for the app's own code, its folder under src. */
function groupOf(id: string): string {
	const clean = id.replace(/^\0/, '').split('?')[0];
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
	if (pkg) return pkg[1];
	const src = /\/src\/(.*)\/[^/]+$/.exec(clean);
	if (src) return `src/${src[1].split('/').slice(0, 3).join('/')}`;
	return clean.split('/').slice(-2).join('/');
}
