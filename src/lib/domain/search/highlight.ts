/**
 * An excerpt from the search (PostgreSQL's ts_headline) marks each matched word between U+0001
 * and U+0002; stored text never holds either (search-entries.ts replaces them). The page renders
 * the parts as text, the marked ones in <mark>: nothing from a document is ever read as HTML.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export interface ExcerptPart {
	text: string;
	marked: boolean;
}

export function splitExcerpt(excerpt: string): ExcerptPart[] {
	const parts: ExcerptPart[] = [];
	const push = (text: string, marked: boolean) => {
		if (text === '') return;
		const last = parts[parts.length - 1];
		if (last && last.marked === marked) last.text += text;
		else parts.push({ text, marked });
	};
	let marked = false;
	let from = 0;
	for (let i = 0; i < excerpt.length; i++) {
		const c = excerpt[i];
		if (c !== MARK_START && c !== MARK_END) continue;
		push(excerpt.slice(from, i), marked);
		// A stray or repeated sentinel only switches the state it names; it never shows.
		marked = c === MARK_START;
		from = i + 1;
	}
	push(excerpt.slice(from), marked);
	return parts;
}
