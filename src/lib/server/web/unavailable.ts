import { error } from '@sveltejs/kit';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { isStoreUnavailable } from '../store/unavailable.js';

/**
 * The store as SvelteKit's pages see it: a call that fails because the database cannot be reached
 * throws SvelteKit's `error(503)` instead, so the person gets the translated "try again in a
 * while" page (+error.svelte) rather than a 500. The cause is logged with the id the page shows.
 * Only for requests: the collab server keeps the plain store and its own retries.
 */
export function pagesStore(store: Store, logger: Logger): Store {
	let wrapped = cache.get(store);
	if (!wrapped) {
		wrapped = guard(store, '', logger) as Store;
		cache.set(store, wrapped);
	}
	return wrapped;
}

const cache = new WeakMap<Store, Store>();

function guard(target: object, path: string, logger: Logger): object {
	const members = new Map<PropertyKey, unknown>();
	return new Proxy(target, {
		get(object, key, receiver) {
			const value = Reflect.get(object, key, receiver);
			if (typeof key === 'symbol' || value === null || (typeof value !== 'function' && typeof value !== 'object')) return value;
			if (!members.has(key)) {
				const name = path ? `${path}.${key}` : key;
				members.set(
					key,
					typeof value === 'function'
						? async (...args: unknown[]) => {
								try {
									return await (value as (...a: unknown[]) => unknown).apply(object, args);
								} catch (cause) {
									if (!isStoreUnavailable(cause)) throw cause;
									throw unavailable(cause, name, logger);
								}
							}
						: guard(value as object, name, logger)
				);
			}
			return members.get(key);
		}
	});
}

/** SvelteKit's 503, after logging the cause under the id that the error page shows. */
export function unavailable(cause: unknown, operation: string, logger: Logger): never {
	const errorId = crypto.randomUUID();
	logger.error({ err: cause, errorId, operation }, 'database unavailable: answering 503');
	error(503, { message: 'Service Unavailable', errorId });
}
