// Plain JavaScript beside start.mjs, which runs before anything is compiled.

// SvelteKit prints this after every `vite build`, whatever the log level; `npm start` serves the
// build itself, so telling people to run `npm run preview` only misleads them.
const PREVIEW_HINT = /to preview your production build locally/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The build's output without SvelteKit's preview hint (and the blank line it brings).
 * @param {string} text
 * @returns {string}
 */
export function withoutPreviewHint(text) {
	const lines = text.split('\n');
	/** @type {string[]} */
	const kept = [];
	for (const line of lines) {
		if (PREVIEW_HINT.test(line.replace(ANSI, ''))) {
			if (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
			continue;
		}
		kept.push(line);
	}
	return kept.join('\n');
}
