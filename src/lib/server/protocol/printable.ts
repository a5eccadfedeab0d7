/**
 * Text the PDF's font can draw. The embedded DejaVu Sans (pdf-fonts.ts) covers Latin, Greek,
 * Cyrillic, Arabic and much more, but not everything (CJK, many emoji): a character it lacks would
 * print as an empty box, or not at all. Such a character is shown as its base letter when that
 * is covered (ễ → e) and as "?" otherwise, so names stay readable and nothing prints as
 * something else.
 */
/** Letters with a stroke or a dot, which Unicode does not decompose into base letter + mark. */
const BASE: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't' };

export function printable(text: string, covers: (char: string) => boolean): string {
	let out = '';
	for (const char of text) {
		if (char === '\n' || char === '\t' || covers(char)) out += char;
		else if (BASE[char] && covers(BASE[char])) out += BASE[char];
		else {
			const base = char.normalize('NFD').replace(/\p{M}/gu, '');
			out += base !== '' && [...base].every(covers) ? base : '?';
		}
	}
	return out;
}
