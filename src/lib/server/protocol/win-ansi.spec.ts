import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './win-ansi.js';

describe('toWinAnsi', () => {
	it('keeps Swedish, Danish and the typographic marks WinAnsi has', () => {
		const text = 'Åsa Ærø Øster – § 3 — “citat” … 20 € • ü é\nny rad';
		expect(toWinAnsi(text)).toBe(text);
	});

	it('shows letters outside WinAnsi as their base letter, and anything else as "?"', () => {
		expect(toWinAnsi('Şahin Łukasz Nguyễn Đặng')).toBe('Sahin Lukasz Nguyen Dang');
		expect(toWinAnsi('Ali 😀 علي')).toBe('Ali ? ???');
	});
});
