import { describe, expect, it } from 'vitest';
import { withoutPreviewHint } from './build-output.mjs';

describe('withoutPreviewHint', () => {
	it("drops SvelteKit's 'npm run preview' hint, coloured or not, and its blank line", () => {
		const coloured = 'vite v7 building\n\n\u001b[1m\u001b[36mRun npm run preview\u001b[39m\u001b[22m to preview your production build locally.\n\n> Using @sveltejs/adapter-node\n  ✔ done\n';
		expect(withoutPreviewHint(coloured)).toBe('vite v7 building\n\n> Using @sveltejs/adapter-node\n  ✔ done\n');
		expect(withoutPreviewHint('\nRun npm run preview to preview your production build locally.\n')).toBe('');
	});

	it('keeps every other line, warnings included', () => {
		const text = '(!) Some chunks are larger than 500 kB\nbuilt in 12s\n';
		expect(withoutPreviewHint(text)).toBe(text);
	});
});
