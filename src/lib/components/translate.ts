import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { BoardRole } from '$lib/domain/roles';
import type { AgencyKind } from '$lib/domain/agencies';

import * as keyed from '$lib/i18n/keyed-messages';

/** Each keyed message with its own inputs, looked up by a key that came as data: typed loosely on purpose. */
const keyedMessages = keyed as unknown as Record<string, (inputs?: Record<string, unknown>) => string>;

/**
 * A message by its key, for keys that arrive as data (service errors, roles, kinds), among those
 * listed in keyed-messages.ts (generated: every key written as a literal in src, and the prefixes
 * asked for by template) — not in Paraglide's whole `m`, which would ship every message with
 * every page. An unknown key falls back to a generic message rather than showing the key itself.
 */
export function t(key: string, params: Record<string, unknown> = {}): string {
	const message = Object.hasOwn(keyedMessages, key) ? keyedMessages[key] : undefined;
	return message ? message(params) : m.error_unexpected();
}

export const roleName = (role: BoardRole): string => t(`role_${role}`);
/** A role inside a sentence ("som redaktör", "as editor"): role names are capitalised only as labels. */
export const roleInSentence = (role: BoardRole): string => roleName(role).toLocaleLowerCase(intlLocale());
export const agencyKindName = (kind: AgencyKind): string => t(`agency_kind_${kind}`);

const INTL_LOCALES = { sv: 'sv-SE', en: 'en-GB', da: 'da-DK' } as const;

/** The BCP 47 tag for Intl formatting in the current language. */
export function intlLocale(): string {
	return INTL_LOCALES[getLocale()] ?? 'sv-SE';
}

/** Date and time in the current language and the given IANA time zone. */
export function formatDateTime(value: Date | string, timeZone?: string, style: 'long' | 'short' = 'long'): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	const options: Intl.DateTimeFormatOptions =
		style === 'long'
			? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
			: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
	try {
		return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone }).format(date);
	} catch {
		return new Intl.DateTimeFormat(intlLocale(), options).format(date);
	}
}
