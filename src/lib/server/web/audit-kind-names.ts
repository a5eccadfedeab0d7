import { m } from '$lib/paraglide/messages.js';
import { AUDIT_KINDS } from '$lib/domain/audit-kinds';

/**
 * The audit kinds' names in the request's language, for the two log pages' data. Named on the
 * server, not by `t()` in the page: every keyed message ships with every page that translates a
 * key (keyed-messages.ts), and some sixty kinds in three languages were kilobytes on the meeting
 * page, which never shows one (tests/e2e/page-weight.spec.ts). On the server the whole catalogue
 * is there anyway.
 */
const messages = m as unknown as Record<string, (() => string) | undefined>;

export function auditKindNames(): Record<string, string> {
	return Object.fromEntries(AUDIT_KINDS.map((kind) => [kind, messages[`audit_kind_${kind.replaceAll('-', '_')}`]?.() ?? kind]));
}
