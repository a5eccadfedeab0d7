import { describe, expect, it } from 'vitest';
import { lix, lixLevel } from './lix';

describe('LIX', () => {
	it('is words per sentence plus the per cent of words longer than six letters', () => {
		// 10 words, 2 sentences, 2 long words ("lägenhet", "behöver"): 10/2 + 2*100/10 = 25.
		expect(lix('Vi bor i en liten lägenhet. Barnen behöver mer plats.')).toEqual({ score: 25, level: 'easy' });
		// No closing full stop: the last sentence still counts.
		expect(lix('Vi bor i en liten lägenhet. Barnen behöver mer plats')?.score).toBe(25);
	});

	it('long official sentences score high', () => {
		const text = 'Förvaltningarnas gemensamma samordningsansvar förutsätter kontinuerliga överenskommelser avseende genomförandeplaner och uppföljningsrutiner.';
		expect(lix(text)?.level).toBe('very-hard');
	});

	it('says nothing about a few words', () => {
		expect(lix('Ja, det håller jag med om.')).toBeNull();
		expect(lix('')).toBeNull();
	});

	it('bands', () => {
		expect([20, 25, 35, 45, 55].map(lixLevel)).toEqual(['very-easy', 'easy', 'medium', 'hard', 'very-hard']);
	});
});
