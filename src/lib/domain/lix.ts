/**
 * LIX (läsbarhetsindex, C.-H. Björnsson 1968), the readability measure used for Swedish and Danish
 * texts: words per sentence plus the share of long words (over six letters) in per cent. Easy mode
 * shows it under perspectives and the reporter's summary as help, never as a block (issue 14).
 */
export const LIX_LEVELS = ['very-easy', 'easy', 'medium', 'hard', 'very-hard'] as const;
export type LixLevel = (typeof LIX_LEVELS)[number];

/** Below this many words a score says nothing useful. */
export const LIX_MIN_WORDS = 8;

export function lix(text: string): { score: number; level: LixLevel } | null {
	const words = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
	if (words.length < LIX_MIN_WORDS) return null;
	// A sentence ends at . ! ? or : followed by space or the end, or at a line break between lines.
	const sentences = Math.max(1, (text.match(/[.!?:]+(?=\s|$)|\n\s*\n/g) ?? []).length + (/[.!?:]\s*$/.test(text.trim()) ? 0 : 1));
	const long = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 6).length;
	const score = Math.round(words.length / sentences + (long * 100) / words.length);
	return { score, level: lixLevel(score) };
}

/** Björnsson's bands: under 25 children's books, 30–40 newspapers, over 50 official prose. */
export function lixLevel(score: number): LixLevel {
	if (score < 25) return 'very-easy';
	if (score < 30) return 'easy';
	if (score < 40) return 'medium';
	if (score < 50) return 'hard';
	return 'very-hard';
}
