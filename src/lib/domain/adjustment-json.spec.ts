import { describe, expect, it } from 'vitest';
import { appoint, approve, newAdjustment, object } from './adjustment';
import { readAdjustment } from './adjustment-json';

const at = '2026-12-01T10:00:00.000Z';

describe('readAdjustment', () => {
	it('reads back every state the domain writes, through JSON', () => {
		let state = newAdjustment({ chairId: 'chair', secretaryId: 'sec' });
		const appointed = appoint(state, { by: 'chair', at, status: 'held', adjusterIds: ['a1', 'a2'], dueDate: '2026-12-10', memberIds: ['a1', 'a2'] });
		if (!appointed.ok) throw new Error(appointed.reason);
		state = appointed.state;
		const reading = { at, status: 'in_adjustment' as const, version: 'v1', currentVersion: 'v1' };
		const approved = approve(state, { ...reading, by: 'a1' });
		if (!approved.ok) throw new Error(approved.reason);
		const objected = object(approved.state, { ...reading, by: 'a2', itemId: 'i1', itemIds: ['i1'], problem: 'Fel datum', suggestion: '' });
		if (!objected.ok) throw new Error(objected.reason);
		for (const s of [newAdjustment({ chairId: null, secretaryId: null }), state, approved.state, objected.state]) {
			expect(readAdjustment(JSON.parse(JSON.stringify(s)))).toEqual(s);
		}
	});

	it('gives null for nothing stored or for anything of another shape', () => {
		for (const bad of [null, undefined, 'x', 1, [], {}, { chairId: 1, secretaryId: null, appointment: null, approvals: [], objections: [] }]) {
			expect(readAdjustment(bad)).toBeNull();
		}
		const forged = { chairId: 'c', secretaryId: 's', appointment: null, approvals: [], objections: [{ id: '1', by: 'x', at, version: 'v', itemId: null, problem: 'p', suggestion: '', answer: { outcome: 'deleted', reason: '', by: 's', at } }] };
		expect(readAdjustment(forged)).toBeNull();
	});
});
