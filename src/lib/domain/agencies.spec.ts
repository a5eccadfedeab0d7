import { describe, expect, it } from 'vitest';
import { AGENCY_COLORS, AGENCY_KINDS, isAgencyKind, pickAgencyColor } from './agencies';

/** WCAG relative luminance and contrast ratio. */
function contrastWithWhite(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
	return 1.05 / (l + 0.05);
}

describe('agencies', () => {
	it('pickAgencyColor takes the first free colour', () => {
		expect(pickAgencyColor([])).toBe(AGENCY_COLORS[0]);
		expect(pickAgencyColor([AGENCY_COLORS[0]])).toBe(AGENCY_COLORS[1]);
		expect(pickAgencyColor([AGENCY_COLORS[0], AGENCY_COLORS[2]])).toBe(AGENCY_COLORS[1]);
		expect(pickAgencyColor(['#000000', AGENCY_COLORS[0]])).toBe(AGENCY_COLORS[1]);
	});

	it('cycles once every colour is taken', () => {
		const all = [...AGENCY_COLORS];
		expect(pickAgencyColor(all)).toBe(AGENCY_COLORS[0]);
		expect(pickAgencyColor([...all, AGENCY_COLORS[0]])).toBe(AGENCY_COLORS[1]);
		expect(pickAgencyColor([...all, ...all, AGENCY_COLORS[0], AGENCY_COLORS[1], AGENCY_COLORS[2]])).toBe(AGENCY_COLORS[3]);
	});

	it('every colour is distinct and has at least 4.5:1 contrast with white', () => {
		expect(new Set(AGENCY_COLORS).size).toBe(AGENCY_COLORS.length);
		for (const color of AGENCY_COLORS) expect(contrastWithWhite(color), color).toBeGreaterThanOrEqual(4.5);
	});

	it('isAgencyKind', () => {
		for (const kind of AGENCY_KINDS) expect(isAgencyKind(kind)).toBe(true);
		expect(isAgencyKind('police')).toBe(false);
		expect(isAgencyKind(null)).toBe(false);
	});
});
