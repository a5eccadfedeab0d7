import { describe, expect, it } from 'vitest';
import { hasControlChars } from './control-chars';

describe('hasControlChars', () => {
	it('finds every C0 control and DEL in single-line text, none in ordinary text', () => {
		for (let code = 0; code < 0x20; code++) expect(hasControlChars(`a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).toBe(true);
		expect(hasControlChars('a\u007fb')).toBe(true);
		expect(hasControlChars('Åsa Öberg – Socialförvaltningen, rum 3 (hörslinga) 😀')).toBe(false);
		expect(hasControlChars('')).toBe(false);
	});

	it('lets multi-line text keep tab, line feed and carriage return', () => {
		expect(hasControlChars('rad 1\r\nrad\t2\n', true)).toBe(false);
		for (const c of ['\u0000', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f']) expect(hasControlChars(`a${c}b`, true), JSON.stringify(c)).toBe(true);
	});
});
