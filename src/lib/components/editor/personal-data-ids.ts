import type { Severity } from '$lib/domain/personal-data/detect';

/**
 * The ids of the hidden explanations each personal-data mark points at (PersonalDataNotice
 * renders them), for an editor's id. Apart from personal-data-marks.ts so the drawing shown before
 * the editor loads (plain-minutes.ts) can use them without pulling in TipTap.
 */
export function describedByIds(idPrefix: string): Record<Severity, string> {
	return { identity: `${idPrefix}-pii-identity`, 'possible-identity': `${idPrefix}-pii-possible`, hint: `${idPrefix}-pii-hint` };
}
