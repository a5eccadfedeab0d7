/** What a service returns for input a person can correct: message keys per field. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string>; params?: Record<string, string | number> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (errors: Record<string, string>, params?: Record<string, string | number>): Result<never> => ({
	ok: false,
	errors,
	params
});
