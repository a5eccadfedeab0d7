import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ERROR_KEYS, isErrorKey } from './error-keys';
import { fieldErrors, SignUpSchema } from './schemas';

/** Every message file of one language, all areas together (they compile into one namespace). */
const root = join(import.meta.dirname, '../i18n/messages');
const areas = ['.', ...readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())];
const catalogue = (locale: string) =>
	new Set(areas.flatMap((area) => Object.keys(JSON.parse(readFileSync(join(root, area, `${locale}.json`), 'utf8')))));

describe('service error keys', () => {
	it.each(['sv', 'en', 'da'])('each has a message in %s', (locale) => {
		const keys = catalogue(locale);
		const missing = ERROR_KEYS.filter((key) => !keys.has(key));
		expect(missing).toEqual([]);
	});

	it('a schema message that is not a known key reaches the person as the generic one', () => {
		expect(isErrorKey('error_email_taken')).toBe(true);
		expect(isErrorKey('error_made_up')).toBe(false);
		const field = v.safeParse(SignUpSchema, { email: 'x' });
		expect(!field.success && fieldErrors(field.issues).email).toBe('error_email_invalid');
		// valibot's own English sentence (not an object at all) becomes the generic key.
		const whole = v.safeParse(SignUpSchema, 'nonsense');
		expect(!whole.success && fieldErrors(whole.issues)).toEqual({ _form: 'error_invalid' });
	});
});
