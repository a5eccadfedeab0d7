/**
 * PDFKit's built-in fonts (Helvetica) are WinAnsi-encoded: a character outside that set is
 * written as a wrong byte and prints as garbage ("Şahin" came out as "^ahin"). Until the PDF
 * embeds a Unicode font, such characters are shown as their base letter (Ş → S, ễ → e) or "?",
 * so names stay readable and nothing prints as something else.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters with a stroke or a dot, which Unicode does not decompose into base letter + mark. */
const BASE: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't' };

function encodable(char: string): boolean {
	const code = char.codePointAt(0)!;
	return code === 10 || code === 9 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

export function toWinAnsi(text: string): string {
	let out = '';
	for (const char of text) {
		if (encodable(char)) out += char;
		else if (BASE[char]) out += BASE[char];
		else {
			const base = char.normalize('NFD').replace(/\p{M}/gu, '');
			out += base !== '' && [...base].every(encodable) ? base : '?';
		}
	}
	return out;
}
