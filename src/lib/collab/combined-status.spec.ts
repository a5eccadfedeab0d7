import { describe, expect, it } from 'vitest';
import { combinedStatus } from './connection-state.svelte';

describe('combinedStatus', () => {
	it('is connected only when every document is', () => {
		expect(combinedStatus(['connected', 'connected'])).toBe('connected');
		expect(combinedStatus(['connected', 'connecting'])).toBe('connecting');
		expect(combinedStatus([])).toBe('connected');
	});

	it('shows what the person must act on before what fixes itself', () => {
		expect(combinedStatus(['reconnecting', 'signed-out'])).toBe('signed-out');
		expect(combinedStatus(['offline', 'connected'])).toBe('offline');
		expect(combinedStatus(['no-access', 'failed'])).toBe('failed');
	});
});
