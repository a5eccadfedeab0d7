import type { MinutesNode } from './minutes-tree.js';

/**
 * The notes' preview as HTML text, the same markup MinutesPreview.svelte's snippet draws from the
 * tree (issue 13). The page's HTML carries the notes once: the server puts this where the preview
 * has NOTES_IN_HTML_MARKER (hooks.server.ts), and the page's hydration data says only that the
 * notes are in the HTML, instead of holding them a second time (the B4 trace's 105,000 characters
 * were 27 KB of the 54 KB compressed page, twice).
 */
export const NOTES_IN_HTML_MARKER = '<!--samtavla:notes-in-html-->';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function minutesHtml(nodes: MinutesNode[]): string {
	let out = '';
	for (const node of nodes) {
		if ('text' in node) out += escapeText(node.text);
		else if (node.tag === 'br') out += node.filler ? '<br data-filler="">' : '<br>';
		else if (node.tag === 'hr') out += '<hr>';
		else if (node.tag === 'a') out += `<a${node.href === undefined ? '' : ` href="${escapeAttribute(node.href)}"`} rel="noopener noreferrer nofollow">${minutesHtml(node.children)}</a>`;
		else if (/^[a-z][a-z0-9]*$/.test(node.tag)) {
			const level = node.level === undefined ? '' : ` data-level="${escapeAttribute(node.level)}"`;
			out += `<${node.tag}${level}>${minutesHtml(node.children)}</${node.tag}>`;
		}
	}
	return out;
}
