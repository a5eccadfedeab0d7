import { describe, expect, it } from 'vitest';
import { isMailKind, MAIL_RETRY_MAX_MS, outboxRetention, reminderDays, retryDelayMs } from './mail';

describe('retryDelayMs', () => {
	it('doubles from 30 s after each failed attempt and stops at 6 h', () => {
		expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
		expect(retryDelayMs(12)).toBe(MAIL_RETRY_MAX_MS);
		expect(retryDelayMs(1_000)).toBe(MAIL_RETRY_MAX_MS);
	});

	it('jitter adds at most a fifth, and odd inputs stay in range', () => {
		expect(retryDelayMs(1, 0.5)).toBe(33_000);
		expect(retryDelayMs(1, 5)).toBeLessThan(36_000);
		expect(retryDelayMs(0)).toBe(30_000);
		expect(retryDelayMs(-3, -1)).toBe(30_000);
		expect(retryDelayMs(3, 0, 10, 1_000)).toBe(40);
	});
});

describe('isMailKind', () => {
	it('knows the kinds and nothing else', () => {
		expect(isMailKind('invitation')).toBe(true);
		expect(isMailKind('meetingCancelled')).toBe(true);
		expect(isMailKind('spam')).toBe(false);
		expect(isMailKind(undefined)).toBe(false);
	});
});

describe('reminderDays', () => {
	it('three days ahead, and the week before yesterday inclusive, across month and year ends', () => {
		expect(reminderDays('2026-12-30')).toEqual({ dueSoon: '2027-01-02', overdueFrom: '2026-12-23', overdueTo: '2026-12-29' });
		expect(reminderDays('2027-03-01')).toEqual({ dueSoon: '2027-03-04', overdueFrom: '2027-02-22', overdueTo: '2027-02-28' });
	});
});

describe('outboxRetention', () => {
	it('sent rows after the retention period, failed ones after three times as long, kept unsubscribe links after a year at least', () => {
		const now = new Date('2031-05-31T03:00:00Z');
		expect(outboxRetention(now, 30)).toEqual({
			sentBefore: new Date('2031-05-01T03:00:00Z'),
			failedBefore: new Date('2031-03-02T03:00:00Z'),
			linksBefore: new Date('2030-05-31T03:00:00Z')
		});
		expect(outboxRetention(now, 200).linksBefore).toEqual(new Date(now.getTime() - 600 * 86_400_000));
	});

	it('the new kinds are kinds', () => {
		expect(['agendaPublished', 'askAnswered', 'weeklyDigest'].every(isMailKind)).toBe(true);
	});
});
