import * as v from 'valibot';

/**
 * Personal access tokens for the JSON API (issue 15): what a person may choose when making one.
 * A token reads (`read`), also writes actions (`actions:write`), or also asks in the person's name (`asks:write`); it lasts 30, 90 or 365 days and
 * never longer, so a forgotten token stops by itself. The token is `stv_` and 32 base32 letters.
 */
export const API_SCOPES = ['read', 'actions:write', 'asks:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** What the form offers: reading; reading and changing actions; that and asking in the person's name. */
export const TOKEN_CHOICES = ['read', 'actions:write', 'write'] as const;
export type TokenChoice = (typeof TOKEN_CHOICES)[number];
export const API_TOKEN_DAYS = [30, 90, 365] as const;
export const API_TOKEN_PREFIX = 'stv_';

/** The form's fields: name, scope, days (strings from a form, as sent). */
export const NewApiTokenSchema = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'error_name_required'), v.maxLength(80, 'error_too_long')),
	scope: v.picklist(TOKEN_CHOICES, 'error_invalid'),
	days: v.pipe(
		v.union([v.string(), v.number()], 'error_invalid'),
		v.transform(Number),
		v.picklist(API_TOKEN_DAYS, 'error_invalid')
	)
});

/** The scopes a choice grants: every writing choice includes reading. */
export function scopesFor(choice: TokenChoice): ApiScope[] {
	if (choice === 'write') return ['read', 'actions:write', 'asks:write'];
	return choice === 'actions:write' ? ['read', 'actions:write'] : ['read'];
}

/** The choice a token's scopes came from (the list shows it in the same words as the form). */
export function choiceOf(scopes: readonly string[]): TokenChoice {
	if (scopes.includes('asks:write')) return 'write';
	return scopes.includes('actions:write') ? 'actions:write' : 'read';
}

/** Whether `token` could be one of ours (checked before any lookup, so junk never reaches the database). */
export function isApiTokenShape(token: string): boolean {
	return /^stv_[a-z2-7]{32}$/.test(token);
}
