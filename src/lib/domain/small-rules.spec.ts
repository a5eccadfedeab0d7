import { describe, expect, it } from 'vitest';
import { inviteStatus, usesLeft } from './invites';
import { isIsoDate, isIsoDateShape } from './iso-date';
import { FALLBACK_TIME_ZONE, validTimeZone } from './time-zone';

const NOW = new Date('2026-05-04T08:00:00Z');
const link = (over: Partial<Parameters<typeof inviteStatus>[0]> = {}) => ({
	revokedAt: null,
	expiresAt: new Date(NOW.getTime() + 1000),
	maxUses: null,
	uses: 0,
	...over
});

describe('inviteStatus', () => {
	it('revoked before expired before used up; otherwise active', () => {
		expect(inviteStatus(link(), NOW)).toBe('active');
		expect(inviteStatus(link({ maxUses: 2, uses: 2 }), NOW)).toBe('used-up');
		expect(inviteStatus(link({ maxUses: 2, uses: 2, expiresAt: NOW }), NOW)).toBe('expired');
		expect(inviteStatus(link({ maxUses: 2, uses: 2, expiresAt: NOW, revokedAt: NOW }), NOW)).toBe('revoked');
		expect(usesLeft(link({ maxUses: 3, uses: 1 }))).toBe(2);
		expect(usesLeft(link({ maxUses: 1, uses: 5 }))).toBe(0);
		expect(usesLeft(link())).toBeNull();
	});
});

describe('ISO dates', () => {
	it('tells the shape from a real date', () => {
		expect(isIsoDateShape('2026-02-30')).toBe(true);
		expect(isIsoDate('2026-02-30')).toBe(false);
		expect(isIsoDate('2028-02-29')).toBe(true);
		for (const value of ['2026-2-3', '2026-02-03T00:00', ' 2026-02-03', 20260203, null]) {
			expect(isIsoDateShape(value), String(value)).toBe(false);
			expect(isIsoDate(value), String(value)).toBe(false);
		}
	});
});

describe('validTimeZone', () => {
	it('keeps a zone Intl knows and falls back otherwise', () => {
		expect(validTimeZone('America/New_York')).toBe('America/New_York');
		expect(validTimeZone('Mars/Olympus')).toBe(FALLBACK_TIME_ZONE);
		expect(validTimeZone(undefined)).toBe(FALLBACK_TIME_ZONE);
		expect(validTimeZone('')).toBe(FALLBACK_TIME_ZONE);
	});
});
