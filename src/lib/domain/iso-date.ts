/**
 * Calendar dates as `YYYY-MM-DD` (due dates, "today" of the action register): one shape for the
 * documents, the SQL projection, the store's functions and the forms.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The shape only: enough before PostgreSQL's date cast, which reads more than YYYY-MM-DD as a date. */
export function isIsoDateShape(value: unknown): value is string {
	return typeof value === 'string' && ISO_DATE.test(value);
}

/** A real calendar date as YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
	if (!isIsoDateShape(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
