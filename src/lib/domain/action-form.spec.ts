import { describe, expect, it } from 'vitest';
import { lastStatusChange, localToday, validateActionForm } from './action-form';

const offered = { agencyIds: ['a1', 'a2'], userIds: ['u1'] };
const values = { title: '  Ordna praktikplatser ', description: '', agencyId: 'a1', assigneeId: '', dueDate: '2026-12-31' };

describe('validateActionForm', () => {
	it('trims and accepts a complete action', () => {
		expect(validateActionForm(values, offered)).toEqual({
			ok: true,
			value: { title: 'Ordna praktikplatser', description: '', agencyId: 'a1', assigneeId: null, dueDate: '2026-12-31' }
		});
	});

	it('names every field that needs fixing', () => {
		const result = validateActionForm({ ...values, title: ' ', agencyId: 'elsewhere', dueDate: '2026-02-30' }, offered);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors).toEqual({ title: 'act_error_title_required', agencyId: 'act_error_agency_required', dueDate: 'act_error_due_invalid' });
	});

	it('keeps only an assignee that was offered, and no due date as null', () => {
		const result = validateActionForm({ ...values, assigneeId: 'u1', dueDate: '' }, offered);
		expect(result.ok && result.value).toMatchObject({ assigneeId: 'u1', dueDate: null });
		const stranger = validateActionForm({ ...values, assigneeId: 'someone' }, offered);
		expect(stranger.ok && stranger.value.assigneeId).toBeNull();
	});

	it('raised by: another offered agency, the writer’s own ("" → null, so an edit resets it), or left as stored', () => {
		const value = (raisedByAgencyId?: string) => {
			const result = validateActionForm({ ...values, raisedByAgencyId }, offered);
			if (!result.ok) throw new Error('expected valid');
			return result.value;
		};
		expect(value('a2').raisedByAgencyId).toBe('a2');
		expect(value('').raisedByAgencyId).toBeNull();
		// An agency no longer offered (it left the board) is not reset to the editor's own.
		expect('raisedByAgencyId' in value('gone')).toBe(false);
		expect('raisedByAgencyId' in value(undefined)).toBe(false);
	});

	it('refuses a title that is too long', () => {
		const result = validateActionForm({ ...values, title: 'x'.repeat(201) }, offered);
		expect(!result.ok && result.errors.title).toBe('act_error_title_too_long');
	});
});

describe('dates', () => {
	it('refuses due dates that are not real calendar dates', () => {
		expect(validateActionForm({ ...values, dueDate: '2028-02-29' }, offered).ok).toBe(true);
		for (const dueDate of ['2026-02-29', '31/12/2026']) {
			const result = validateActionForm({ ...values, dueDate }, offered);
			expect(!result.ok && result.errors.dueDate, dueDate).toBe('act_error_due_invalid');
		}
	});

	it('gives the local date', () => {
		expect(localToday(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
	});
});

describe('lastStatusChange', () => {
	it('is null until the status changes after creation', () => {
		const created = { status: 'open' as const, by: 'u1', at: '2026-01-01T10:00:00.000Z' };
		expect(lastStatusChange({ history: [created] })).toBeNull();
		const done = { status: 'done' as const, by: 'u2', at: '2026-01-02T10:00:00.000Z' };
		expect(lastStatusChange({ history: [created, done] })).toEqual(done);
	});
});
