import { describe, expect, it } from 'vitest';
import { splitExcerpt } from './highlight';

describe('splitExcerpt', () => {
	it('splits an excerpt into text parts, the words between the markers marked', () => {
		expect(splitExcerpt('Vi tog fram en \u0001åtgärd\u0002 och fler \u0001åtgärder\u0002.')).toEqual([
			{ text: 'Vi tog fram en ', marked: false },
			{ text: 'åtgärd', marked: true },
			{ text: ' och fler ', marked: false },
			{ text: 'åtgärder', marked: true },
			{ text: '.', marked: false }
		]);
	});

	it('keeps markup as text: nothing in an excerpt is ever HTML', () => {
		expect(splitExcerpt('<img src=x onerror=alert(1)> \u0001<b>\u0002')).toEqual([
			{ text: '<img src=x onerror=alert(1)> ', marked: false },
			{ text: '<b>', marked: true }
		]);
	});

	it('stray, repeated or unclosed markers never show and never fail', () => {
		expect(splitExcerpt('a\u0002b\u0001\u0001c')).toEqual([
			{ text: 'ab', marked: false },
			{ text: 'c', marked: true }
		]);
		expect(splitExcerpt('')).toEqual([]);
		expect(splitExcerpt('\u0001\u0002')).toEqual([]);
	});
});
