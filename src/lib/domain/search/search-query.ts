/** The search field's rules, shared by the page (maxlength) and the service. */
export const MAX_QUERY_LENGTH = 200;

/** The words as typed, control characters as spaces (they mean nothing to a search). */
// eslint-disable-next-line no-control-regex
export const normaliseQuery = (value: string | null): string => (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
