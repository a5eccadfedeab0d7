import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';
import { fontCovers } from './pdf-fonts.js';

describe('printable', () => {
	const latin1 = (char: string) => char.codePointAt(0)! <= 0xff;

	it('keeps what the font covers, and shows the rest as its base letter or "?"', () => {
		expect(printable('Åsa Ærø – ok\nny rad', (c) => latin1(c) || c === '–')).toBe('Åsa Ærø – ok\nny rad');
		expect(printable('Şahin Łukasz Nguyễn Đặng', latin1)).toBe('Sahin Lukasz Nguyen Dang');
		expect(printable('Ali 😀 علي', latin1)).toBe('Ali ? ???');
	});

	it('the embedded font draws Swedish, Danish, Turkish, Polish, Vietnamese and Arabic names as written; CJK as "?"', () => {
		const names = 'Åsa Ærø Øster § – — “citat” € Şahin Yılmaz Łukasz Nguyễn Đặng علي';
		expect(printable(names, fontCovers)).toBe(names);
		expect(printable('Tack 漢字', fontCovers)).toBe('Tack ??');
	});
});
