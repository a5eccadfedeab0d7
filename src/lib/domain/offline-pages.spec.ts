import { describe, expect, it } from 'vitest';
import { keepsPage, keepsResponse } from './offline-pages';

const origin = 'https://samtavla.example';
const at = (path: string) => new URL(path, origin);

describe('pages kept for opening offline', () => {
	it('keeps boards, meetings and their easy view, and the statement; nothing else', () => {
		for (const path of ['/boards', '/boards/abc123', '/meetings/m1', '/meetings/m1/easy', '/accessibility']) expect(keepsPage(at(path), origin), path).toBe(true);
		for (const path of ['/', '/account', '/g/token', '/invite/token', '/meetings/m1/guests', '/meetings/m1/protocol', '/search', '/boards/abc/log', '/meetings/m1?x=1']) expect(keepsPage(at(path), origin), path).toBe(false);
		expect(keepsPage(new URL('https://elsewhere.example/boards'), origin)).toBe(false);
	});

	it('keeps only a plain 200 that may be stored', () => {
		const response = (status: number, cacheControl: string | null, type = 'basic') => ({ ok: status >= 200 && status < 300, status, type, headers: { get: () => cacheControl } });
		expect(keepsResponse(response(200, null))).toBe(true);
		expect(keepsResponse(response(200, 'private, max-age=0'))).toBe(true);
		expect(keepsResponse(response(200, 'no-store'))).toBe(false);
		expect(keepsResponse(response(404, null))).toBe(false);
		expect(keepsResponse(response(200, null, 'opaqueredirect'))).toBe(false);
	});
});
