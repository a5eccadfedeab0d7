/**
 * A word-level diff of two texts (longest common subsequence over words), for "compare a version
 * with now" (issue 11, point 6). Small and dependency-free: the texts are one §'s minutes or one
 * decision, hundreds of words at most. Words and the whitespace between them are separate tokens,
 * so joining the parts of either side gives that side's text back exactly, and a line added after
 * the last word does not count as changing that word.
 */
export type DiffPart = { kind: 'same' | 'ins' | 'del'; text: string };

/** Beyond this many word pairs the table would be too large: the whole text counts as replaced. */
const MAX_CELLS = 4_000_000;

export function words(text: string): string[] {
	return text.match(/\s+|\S+/g) ?? [];
}

export function diffWords(before: string, after: string): DiffPart[] {
	const a = words(before);
	const b = words(after);
	// Common head and tail first: most edits touch a small part, and the table covers only the rest.
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const midA = a.slice(head, a.length - tail);
	const midB = b.slice(head, b.length - tail);
	const parts: DiffPart[] = [];
	const push = (kind: DiffPart['kind'], text: string) => {
		if (!text) return;
		const last = parts.at(-1);
		if (last?.kind === kind) last.text += text;
		else parts.push({ kind, text });
	};
	push('same', a.slice(0, head).join(''));
	if (midA.length * midB.length > MAX_CELLS) {
		push('del', midA.join(''));
		push('ins', midB.join(''));
	} else {
		for (const part of lcsDiff(midA, midB)) push(part.kind, part.text);
	}
	push('same', a.slice(a.length - tail).join(''));
	return absorbSpaces(parts);
}

/**
 * A bare space, or a single word on one line, kept between two changes reads as noise ("~~a~~ x
 * ~~b~~ y", a rewritten sentence that happens to share one word): it joins both changes, so a
 * rewritten phrase shows as one deletion and one insertion. Line breaks and longer runs stay.
 */
const noise = (text: string): boolean => /^\s+$/.test(text) || (!text.includes('\n') && (text.match(/\S+/g) ?? []).length <= 1);

function absorbSpaces(parts: DiffPart[]): DiffPart[] {
	const out: DiffPart[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		const between = part.kind === 'same' && i > 0 && i < parts.length - 1 && noise(part.text);
		if (!between) {
			out.push({ ...part });
			continue;
		}
		// Everything up to the next unchanged text: the space goes to both sides.
		let del = '';
		let ins = '';
		while (out.length && out.at(-1)!.kind !== 'same') {
			const prev = out.pop()!;
			if (prev.kind === 'del') del = prev.text + del;
			else ins = prev.text + ins;
		}
		del += part.text;
		ins += part.text;
		let j = i + 1;
		for (; j < parts.length && parts[j].kind !== 'same'; j++) {
			if (parts[j].kind === 'del') del += parts[j].text;
			else ins += parts[j].text;
		}
		if (del) out.push({ kind: 'del', text: del });
		if (ins) out.push({ kind: 'ins', text: ins });
		i = j - 1;
	}
	return out;
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
	const n = a.length;
	const m = b.length;
	// lengths[i][j]: the heaviest common subsequence of a[i..] and b[j..], in one flat array. A
	// word weighs more than a space, so two kept spaces never win over one kept word.
	const weight = (token: string) => (/^\s/.test(token) ? 1 : 3);
	const lengths = new Uint32Array((n + 1) * (m + 1));
	const at = (i: number, j: number) => i * (m + 1) + j;
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[at(i, j)] = a[i] === b[j] ? lengths[at(i + 1, j + 1)] + weight(a[i]) : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
		}
	}
	const out: DiffPart[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j] && lengths[at(i, j)] === lengths[at(i + 1, j + 1)] + weight(a[i])) {
			out.push({ kind: 'same', text: a[i++] });
			j++;
		} else if (lengths[at(i + 1, j)] >= lengths[at(i, j + 1)]) out.push({ kind: 'del', text: a[i++] });
		else out.push({ kind: 'ins', text: b[j++] });
	}
	while (i < n) out.push({ kind: 'del', text: a[i++] });
	while (j < m) out.push({ kind: 'ins', text: b[j++] });
	return out;
}

/** The text of one side: 'before' leaves out insertions, 'after' deletions. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
	const skip = side === 'before' ? 'ins' : 'del';
	return parts
		.filter((p) => p.kind !== skip)
		.map((p) => p.text)
		.join('');
}

export const changed = (parts: readonly DiffPart[]): boolean => parts.some((p) => p.kind !== 'same');
