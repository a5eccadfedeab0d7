import { mergeAttributes } from '@tiptap/core';
import { Heading, type HeadingOptions, type Level } from '@tiptap/extension-heading';

/**
 * Headings typed into the minutes are stored as levels 2 and 3 ("a heading", "a subheading"),
 * whatever part of the page the text sits in: the shared document and the protocol keep one
 * meaning. On screen they are drawn one step below the heading of the editor's own section
 * (`outlineLevel` is the tag for stored level 2): inside "§ 3" (h3) → "Minutes" (h4) they become
 * h5 and h6, in the meeting's notes (h2) h3 and h4, so the document outline nests them under
 * their § instead of beside "Agenda".
 */
export type NestedHeadingOptions = HeadingOptions & { outlineLevel: number };

const STORED: Level[] = [2, 3];
const TAGS = [1, 2, 3, 4, 5, 6].map((level) => `h${level}`);

export const NestedHeading = Heading.extend<NestedHeadingOptions>({
	addOptions() {
		return { ...this.parent!(), levels: STORED, outlineLevel: 2 };
	},

	parseHTML() {
		// Pasted or dropped headings: the stored level travels in data-level; a heading from
		// elsewhere becomes a heading (h1, h2) or a subheading (anything deeper).
		return TAGS.map((tag, index) => ({
			tag,
			getAttrs: (element: HTMLElement) => {
				const stored = Number(element.getAttribute('data-level'));
				return { level: stored === 2 || stored === 3 ? stored : index < 2 ? 2 : 3 };
			}
		}));
	},

	renderHTML({ node, HTMLAttributes }) {
		const stored: number = this.options.levels.includes(node.attrs.level) ? node.attrs.level : this.options.levels[0];
		const tag = `h${Math.min(6, Math.max(1, this.options.outlineLevel + stored - 2))}`;
		return [tag, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-level': stored }), 0];
	}
});
