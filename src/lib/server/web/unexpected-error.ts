import type { Logger } from '../logger.js';

/**
 * An error no code path expected (SvelteKit's handleError): logged with an id that the error page
 * shows, so a person's report ("Error id: …") finds the cause in the log. The message stays
 * generic; +error.svelte says it in the person's language. A 404 is not worth a log line.
 */
export function reportUnexpectedError(
	logger: Pick<Logger, 'error'> | undefined,
	context: { error: unknown; status: number; message: string; method: string; path: string },
	newId: () => string = () => crypto.randomUUID()
): App.Error {
	const { error, status, message, method, path } = context;
	if (status === 404) return { message };
	const errorId = newId();
	const fields = { err: error, errorId, status, method, path };
	if (logger) logger.error(fields, 'unexpected error');
	else console.error('unexpected error', fields);
	return { message, errorId };
}
