import { describe, expect, it } from 'vitest';
import { currentOrFirst } from './easy-view';
import type { AgendaItem } from './meeting-doc';

const item = (id: string, number: number): AgendaItem => ({ id, number, title: `§ ${number}`, presenterAgencyId: null, plannedMinutes: null, status: 'pending', position: number, internal: false, internalReason: null });

describe('easy view', () => {
	it('shows the chair’s current §, else the first, else nothing', () => {
		const agenda = [item('a', 1), item('b', 2)];
		expect(currentOrFirst(agenda, 'b')?.id).toBe('b');
		expect(currentOrFirst(agenda, null)?.id).toBe('a');
		expect(currentOrFirst(agenda, 'gone')?.id).toBe('a');
		expect(currentOrFirst([], null)).toBeNull();
	});
});
