import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS, isAuditKind } from './audit-kinds';

describe('audit kinds', () => {
	it('are known by name, and each has its label in Swedish, English and Danish', () => {
		expect(isAuditKind('sign-in')).toBe(true);
		expect(isAuditKind('drop table')).toBe(false);
		expect(new Set(AUDIT_KINDS).size).toBe(AUDIT_KINDS.length);
		for (const locale of ['sv', 'en', 'da']) {
			const messages = JSON.parse(readFileSync(new URL(`../i18n/messages/audit/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
			for (const kind of AUDIT_KINDS) expect(messages[`audit_kind_${kind.replaceAll('-', '_')}`], `${locale} ${kind}`).toBeTruthy();
		}
	});
});
