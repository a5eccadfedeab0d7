import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './guards';

describe('safeRedirectTarget', () => {
	it('keeps a same-site path with its query and fragment', () => {
		expect(safeRedirectTarget('/boards/x?y=1')).toBe('/boards/x?y=1');
		expect(safeRedirectTarget('/meetings/abc?tab=voices#item-3')).toBe('/meetings/abc?tab=voices#item-3');
		expect(safeRedirectTarget('/')).toBe('/');
	});

	it('normalises harmless dot segments inside the site', () => {
		expect(safeRedirectTarget('/boards/../meetings/m1')).toBe('/meetings/m1');
	});

	it.each([
		['protocol-relative', '//evil.com'],
		['protocol-relative with a path', '//evil.com/boards'],
		['absolute https', 'https://evil.com'],
		['absolute http', 'http://evil.com/boards'],
		['backslash after the slash', '/\\evil.com'],
		['two backslashes', '\\\\evil.com'],
		['javascript: scheme', 'javascript:alert(1)'],
		['javascript: scheme, upper case', 'JavaScript:alert(document.cookie)'],
		['data: URL', 'data:text/html,<script>alert(1)</script>'],
		['a relative path', 'boards/x'],
		['a tab the URL parser drops', '/\t/evil.com'],
		['a newline the URL parser drops', '/\n/evil.com'],
		['dot segment collapsing into //', '/.//evil.com'],
		['double-dot segment collapsing into //', '/..//evil.com'],
		['a path climbing back into //', '/a/..//evil.com'],
		['dot segment and a backslash', '/./\\evil.com']
	])('rejects %s (%j)', (_label, value) => {
		const result = safeRedirectTarget(value);
		expect(result).toBe('/boards');
	});

	it('no accepted target is read by a browser as another origin', () => {
		const tricky = ['/.//evil.com', '/..//evil.com', '/%2e//evil.com', '/%2E%2E//evil.com', '/.\\/evil.com', '/ //evil.com', '/boards//evil.com'];
		for (const value of tricky) {
			const result = safeRedirectTarget(value);
			expect(new URL(result, 'https://samtavla.example').origin, `${JSON.stringify(value)} → ${result}`).toBe('https://samtavla.example');
		}
	});

	it('falls back when there is nothing to go back to, using the caller’s fallback', () => {
		expect(safeRedirectTarget(null)).toBe('/boards');
		expect(safeRedirectTarget(undefined)).toBe('/boards');
		expect(safeRedirectTarget('')).toBe('/boards');
		expect(safeRedirectTarget('//evil.com', '')).toBe('');
		expect(safeRedirectTarget('https://evil.com', '/')).toBe('/');
	});
});
