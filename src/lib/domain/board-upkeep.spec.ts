import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { auditTrimBefore, confirmsBoardName, deletionDate, deletionDueBefore, effectiveRetention, RetentionSchema } from './board-upkeep';
import { fieldErrors } from './schemas';

const DAY = 24 * 60 * 60 * 1000;

describe('board deletion', () => {
	it('is confirmed by the board name as shown, whatever the letter case and spacing; not by a slip', () => {
		expect(confirmsBoardName('  samverkan   NORR ', 'Samverkan norr')).toBe(true);
		expect(confirmsBoardName('Äldreomsorg Öst', 'äldreomsorg öst')).toBe(true);
		expect(confirmsBoardName('Samverkan nor', 'Samverkan norr')).toBe(false);
		expect(confirmsBoardName('', '')).toBe(false);
	});

	it('happens 30 days after the request; the job purges requests older than 30 days', () => {
		const at = new Date('2026-11-30T10:00:00Z');
		expect(deletionDate(at)).toEqual(new Date('2026-12-30T10:00:00Z'));
		expect(deletionDueBefore(deletionDate(at)).getTime()).toBe(at.getTime());
	});
});

describe('retention per board', () => {
	const parse = (input: Record<string, string>) => v.safeParse(RetentionSchema, input);

	it('takes whole days within each bound, an empty field meaning the default', () => {
		expect(parse({ draftsDays: ' 400 ', historyDays: '', auditDays: '365' })).toMatchObject({ success: true, output: { draftsDays: 400, historyDays: null, auditDays: 365 } });
		expect(parse({})).toMatchObject({ success: true, output: { draftsDays: null, historyDays: null, auditDays: null } });
		expect(parse({ historyDays: '0' })).toMatchObject({ success: true, output: { historyDays: 0 } });
	});

	it('refuses what is out of bounds or not a whole number, per field', () => {
		for (const [field, value] of [
			['draftsDays', '29'],
			['draftsDays', '3651'],
			['auditDays', '7'],
			['historyDays', '-1'],
			['historyDays', '1.5'],
			['auditDays', 'ett år']
		]) {
			const result = parse({ [field]: value });
			expect(result.success, `${field}=${value}`).toBe(false);
			if (!result.success) expect(fieldErrors(result.issues)).toEqual({ [field]: 'retention_error_days' });
		}
	});

	it('fills the defaults: drafts a year, history the operator’s days', () => {
		expect(effectiveRetention({ draftsDays: null, historyDays: null, auditDays: null }, { historyDays: 90 })).toEqual({ draftsDays: 365, historyDays: 90, auditDays: null });
		expect(effectiveRetention({ draftsDays: 60, historyDays: 0, auditDays: 400 }, { historyDays: 90 })).toEqual({ draftsDays: 60, historyDays: 0, auditDays: 400 });
	});

	it('trims the audit log to the operator’s period, never past the longest board minimum, and not at all without one', () => {
		const now = new Date('2027-01-01T00:00:00Z');
		expect(auditTrimBefore(now, null, [3650])).toBeNull();
		expect(auditTrimBefore(now, 365, [])).toEqual(new Date(now.getTime() - 365 * DAY));
		expect(auditTrimBefore(now, 365, [null, 100, 730])).toEqual(new Date(now.getTime() - 730 * DAY));
	});
});
