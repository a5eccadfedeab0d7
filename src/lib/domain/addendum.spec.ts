import { describe, expect, it } from 'vitest';
import { addendumHash, addendumPending, approveAddendum, writeAddendum, type Addendum } from './addendum';
import type { AdjustmentState } from './adjustment';

const state: AdjustmentState = {
	chairId: 'chair',
	secretaryId: 'sec',
	appointment: { adjusterIds: ['a1', 'a2'], dueDate: '2026-12-17', by: 'chair', at: '2026-12-10T10:00:00.000Z' },
	approvals: [],
	objections: []
};
const at = '2026-12-20T10:00:00.000Z';
const protocol = 'ab'.repeat(32);
const write = (by: string, text: string, existing: Addendum[] = [], status: 'adjusted' | 'held' = 'adjusted') =>
	writeAddendum(state, { by, at, status, text, protocolHash: protocol, existing });

describe('addenda', () => {
	it('only to an adjusted protocol, only by the chair or the secretary, with a text', () => {
		expect(write('sec', 'Rättelse', [], 'held')).toEqual({ ok: false, reason: 'error_addendum_not_adjusted' });
		expect(write('a1', 'Rättelse')).toEqual({ ok: false, reason: 'error_addendum_not_writer' });
		expect(write('sec', '   ')).toEqual({ ok: false, reason: 'error_addendum_text_required' });
		expect(write('sec', 'x'.repeat(4001))).toEqual({ ok: false, reason: 'error_too_long' });
		expect(write('sec', 'a\u0000b')).toMatchObject({ ok: false });
		const made = write('sec', '  § 2: beslutet gäller från 1 februari, inte 1 januari. ');
		expect(made).toMatchObject({ ok: true, addendum: { number: 1, text: '§ 2: beslutet gäller från 1 februari, inte 1 januari.', by: 'sec', approvals: [], approvedAt: null } });
	});

	it('numbers follow on, and the hash covers the protocol, the number and the text', () => {
		const first = write('chair', 'Ett');
		if (!first.ok) throw new Error(first.reason);
		const second = write('sec', 'Ett', [first.addendum]);
		if (!second.ok) throw new Error(second.reason);
		expect(second.addendum.number).toBe(2);
		expect(second.addendum.hash).not.toBe(first.addendum.hash);
		expect(first.addendum.hash).toBe(addendumHash(protocol, 1, 'Ett'));
		expect(addendumHash('cd'.repeat(32), 1, 'Ett')).not.toBe(first.addendum.hash);
		expect(first.addendum.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('approved when the chair and every adjuster approved; others may not', () => {
		const made = write('sec', 'Rättelse');
		if (!made.ok) throw new Error(made.reason);
		let addendum = made.addendum;
		expect(approveAddendum(state, addendum, { by: 'sec', at })).toEqual({ ok: false, reason: 'error_addendum_not_approver' });
		for (const by of ['a1', 'a1', 'chair']) {
			const r = approveAddendum(state, addendum, { by, at });
			if (!r.ok) throw new Error(r.reason);
			addendum = r.addendum;
		}
		expect(addendum.approvals.map((a) => a.by)).toEqual(['a1', 'chair']);
		expect(addendum.approvedAt).toBeNull();
		expect(addendumPending(state, addendum)).toEqual(['a2']);
		const last = approveAddendum(state, addendum, { by: 'a2', at: '2026-12-21T09:00:00.000Z' });
		expect(last).toMatchObject({ ok: true, addendum: { approvedAt: '2026-12-21T09:00:00.000Z' } });
	});
});
