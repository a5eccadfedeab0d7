import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyedMessages as generate } from '../../../scripts/keyed-messages.mjs';
import { ERROR_KEYS } from '$lib/domain/error-keys';

/** The messages `t()` may look up by key are those written out in keyed-messages.ts, kept current. */
describe('keyed-messages.ts', () => {
	const file = readFileSync('src/lib/i18n/keyed-messages.ts', 'utf8');

	it('is what scripts/keyed-messages.mjs writes from the sources today (run `npm run keyed-messages`)', () => {
		expect(file).toBe(generate());
	});

	it('holds every error key a service or schema can answer with, and the roles', () => {
		for (const key of [...ERROR_KEYS, 'role_owner', 'role_desc_viewer', 'error_unexpected']) expect(file).toContain(`\t${key},\n`);
	});
});
