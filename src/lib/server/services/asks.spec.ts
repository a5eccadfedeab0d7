import { describe, expect, it } from 'vitest';
import { titleFromAsk } from './asks.js';

describe('titleFromAsk', () => {
	it('takes the first line of an ask as the title of its agenda item or action', () => {
		expect(titleFromAsk('  Boendestöd på helger \nMer om det: många ensamma.')).toBe('Boendestöd på helger');
	});

	it('cuts a long line at a word, marked with an ellipsis, within the limit', () => {
		const long = 'ord '.repeat(80).trim();
		const title = titleFromAsk(long, 50);
		expect(title.length).toBeLessThanOrEqual(50);
		expect(title.endsWith('ord…')).toBe(true);
		expect(titleFromAsk('x'.repeat(60), 50)).toBe(`${'x'.repeat(49)}…`);
	});
});
