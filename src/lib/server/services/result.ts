import type { ErrorKey } from '../../domain/error-keys.js';
import type { PersonalDataSpot } from './personal-data-guard.js';

/**
 * What a service returns for input a person can correct: an error key per field (`_form` for the
 * whole form), each a message in the catalogue (domain/error-keys.ts).
 */
export type Result<T> =
	| { ok: true; value: T }
	| {
			ok: false;
			errors: Record<string, ErrorKey>;
			params?: Record<string, string | number>;
			/** Where the protocol has identity numbers, when that is why (personal-data-guard.ts). */
			personalData?: PersonalDataSpot[];
	  };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (errors: Record<string, ErrorKey>, params?: Record<string, string | number>): Result<never> => ({
	ok: false,
	errors,
	params
});
