/**
 * E-mail kinds and the outbox's retry schedule (issue 14, points 6–7): pure, shared by the
 * services that queue messages, the worker that sends them and the pages that show the choices.
 */
export const MAIL_KINDS = [
	'invitation',
	'meetingCreated',
	'meetingChanged',
	'meetingCancelled',
	'actionAssigned',
	'adjustmentRequested',
	'protocolAdjusted',
	'actionDueSoon',
	'actionOverdue',
	'signInLink',
	'agendaPublished',
	'askAnswered',
	'weeklyDigest'
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export function isMailKind(value: unknown): value is MailKind {
	return (MAIL_KINDS as readonly unknown[]).includes(value);
}

/** After this many attempts a message is given up: kept as 'failed' (for an operator; the retention removes it after 3 × MAIL_RETENTION_DAYS). */
export const MAIL_MAX_ATTEMPTS = 8;

/** First retry after this long; each later one waits twice as long, up to MAIL_RETRY_MAX_MS. */
export const MAIL_RETRY_BASE_MS = 30_000;
export const MAIL_RETRY_MAX_MS = 6 * 3_600_000;

/**
 * How long to wait before attempt `attempts + 1` after `attempts` failed: 30 s, 1 min, 2 min, …
 * capped at 6 h (an SMTP server down for a night is retried through it). `jitter` in [0, 1)
 * spreads instances that failed together by up to a fifth of the wait.
 */
export function retryDelayMs(attempts: number, jitter = 0, base = MAIL_RETRY_BASE_MS, max = MAIL_RETRY_MAX_MS): number {
	const exponent = Math.max(0, Math.min(attempts - 1, 30));
	const delay = Math.min(max, base * 2 ** exponent);
	return Math.round(delay * (1 + Math.min(Math.max(jitter, 0), 0.999) / 5));
}

/** An action's assignee is reminded this many days before its due date. */
export const DUE_SOON_DAYS = 3;
/** Overdue actions are told once, if their due date passed within this many days (not years of backlog the day e-mail is turned on). */
export const OVERDUE_WINDOW_DAYS = 7;

const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** For `today` (YYYY-MM-DD): the due date that is "in three days", and the range of due dates that are newly overdue. */
export function reminderDays(today: string): { dueSoon: string; overdueFrom: string; overdueTo: string } {
	return { dueSoon: addDays(today, DUE_SOON_DAYS), overdueFrom: addDays(today, -OVERDUE_WINDOW_DAYS), overdueTo: addDays(today, -1) };
}

const DAY_MS = 86_400_000;

/** Given-up messages are kept this many times longer than sent ones: an operator may still want to see why. */
export const FAILED_RETENTION_FACTOR = 3;
/** An unsubscribe link keeps working this long after its message went (people read old mail; providers post to it). */
export const UNSUBSCRIBE_LINK_DAYS = 365;

/**
 * What the daily upkeep removes from the outbox at `now` with MAIL_RETENTION_DAYS = `days`: sent
 * messages sent before `sentBefore`, given-up ones queued before `failedBefore`, and kept
 * unsubscribe links made before `linksBefore`.
 */
export function outboxRetention(now: Date, days: number): { sentBefore: Date; failedBefore: Date; linksBefore: Date } {
	return {
		sentBefore: new Date(now.getTime() - days * DAY_MS),
		failedBefore: new Date(now.getTime() - days * FAILED_RETENTION_FACTOR * DAY_MS),
		linksBefore: new Date(now.getTime() - Math.max(UNSUBSCRIBE_LINK_DAYS, days * FAILED_RETENTION_FACTOR) * DAY_MS)
	};
}
