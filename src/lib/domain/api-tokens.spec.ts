import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { choiceOf, isApiTokenShape, NewApiTokenSchema, scopesFor } from './api-tokens';

describe('API token choices', () => {
	it('a name of 1–80 characters (trimmed), a known scope and 30, 90 or 365 days', () => {
		expect(v.parse(NewApiTokenSchema, { name: '  Rapport ', scope: 'read', days: '90' })).toEqual({ name: 'Rapport', scope: 'read', days: 90 });
		const refused = (raw: unknown) => v.safeParse(NewApiTokenSchema, raw).issues?.map((i) => i.message);
		expect(refused({ name: ' ', scope: 'read', days: '30' })).toEqual(['error_name_required']);
		expect(refused({ name: 'x'.repeat(81), scope: 'read', days: '30' })).toEqual(['error_too_long']);
		expect(refused({ name: 'x'.repeat(80), scope: 'admin', days: '30' })).toEqual(['error_invalid']);
		expect(refused({ name: 'x', scope: 'read', days: '3650' })).toEqual(['error_invalid']);
	});

	it('writing actions includes reading; a token is stv_ and 32 base32 letters', () => {
		expect(scopesFor('actions:write')).toEqual(['read', 'actions:write']);
		expect(scopesFor('read')).toEqual(['read']);
		expect(scopesFor('write')).toEqual(['read', 'actions:write', 'asks:write']);
		for (const choice of ['read', 'actions:write', 'write'] as const) expect(choiceOf(scopesFor(choice))).toBe(choice);
		expect(isApiTokenShape(`stv_${'a2'.repeat(16)}`)).toBe(true);
		expect(isApiTokenShape('a2'.repeat(16))).toBe(false);
		expect(isApiTokenShape(`stv_${'A2'.repeat(16)}`)).toBe(false);
	});
});
