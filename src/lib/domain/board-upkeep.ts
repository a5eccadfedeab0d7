import * as v from 'valibot';

/**
 * Board deletion and retention per board (issue 11, points 11 and 12): the rules, pure, shared by
 * the board page, the services and the daily upkeep job (server/daily-upkeep.ts).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Between an owner's request and the purge: every member sees the date, an owner can cancel. */
export const DELETION_GRACE_DAYS = 30;

/** When a board whose deletion was requested at `requestedAt` is purged (at the first daily run after it). */
export function deletionDate(requestedAt: Date): Date {
	return new Date(requestedAt.getTime() + DELETION_GRACE_DAYS * DAY_MS);
}

/** Boards whose deletion was requested before this are due at `now`. */
export function deletionDueBefore(now: Date): Date {
	return new Date(now.getTime() - DELETION_GRACE_DAYS * DAY_MS);
}

/**
 * The typed confirmation: the board's name exactly, but for spaces around it and letter case (a
 * person who types "Samverkan Norr" for "samverkan norr" has read it; a slip of one letter has not).
 */
export function confirmsBoardName(typed: string, name: string): boolean {
	const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
	return norm(typed) !== '' && norm(typed) === norm(name);
}

export const DELETION_REFUSALS = ['deletion_error_name_mismatch', 'deletion_error_pending', 'deletion_error_none'] as const;

/** The retention periods: each a number of days, with its bounds; an empty field means the default. */
export const RETENTION_BOUNDS = {
	/** Meetings never held: still planned or cancelled this many days after their start. */
	draftsDays: { min: 30, max: 3650, fallback: 365 },
	/** The authored update log of an adjusted meeting, after its adjustment (default: HISTORY_RETENTION_DAYS). */
	historyDays: { min: 0, max: 3650, fallback: null },
	/** Audit entries about the board are kept at least this long (the whole log is trimmed by AUDIT_RETENTION_DAYS). */
	auditDays: { min: 30, max: 3650, fallback: null }
} as const;

export type RetentionField = keyof typeof RETENTION_BOUNDS;
export const RETENTION_FIELDS = Object.keys(RETENTION_BOUNDS) as RetentionField[];

const days = (field: RetentionField) => {
	const { min, max } = RETENTION_BOUNDS[field];
	return v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((s) => (s === '' ? null : s)),
		v.nullable(
			v.pipe(
				v.string(),
				v.regex(/^\d{1,4}$/, 'retention_error_days'),
				v.transform(Number),
				v.number(),
				v.minValue(min, 'retention_error_days'),
				v.maxValue(max, 'retention_error_days')
			)
		)
	);
};

/** The owner's form: three fields of whole days, each empty (the default) or within its bounds. */
export const RetentionSchema = v.object({
	draftsDays: days('draftsDays'),
	historyDays: days('historyDays'),
	auditDays: days('auditDays')
});

export const RETENTION_REFUSALS = ['retention_error_days'] as const;

/** The periods in force for a board: its own, or the defaults (history: the operator's HISTORY_RETENTION_DAYS). */
export function effectiveRetention(
	r: { draftsDays: number | null; historyDays: number | null; auditDays: number | null },
	defaults: { historyDays: number }
): { draftsDays: number; historyDays: number; auditDays: number | null } {
	return {
		draftsDays: r.draftsDays ?? RETENTION_BOUNDS.draftsDays.fallback,
		historyDays: r.historyDays ?? defaults.historyDays,
		auditDays: r.auditDays
	};
}

/**
 * How far the global audit trim may go (issue 11, point 12). The hash chain only allows removing
 * the oldest entries of the whole log, so a board's period can be honoured only as "kept at least
 * this long": the trim stops at the operator's AUDIT_RETENTION_DAYS or at the longest board minimum,
 * whichever keeps more. Null: no trim (no AUDIT_RETENTION_DAYS set).
 */
export function auditTrimBefore(now: Date, globalDays: number | null, boardMinimums: Array<number | null>): Date | null {
	if (globalDays == null) return null;
	const keep = Math.max(globalDays, ...boardMinimums.map((d) => d ?? 0));
	return new Date(now.getTime() - keep * DAY_MS);
}

export const daysBefore = (now: Date, n: number) => new Date(now.getTime() - n * DAY_MS);
