import { error } from '@sveltejs/kit';
import * as publications from '$lib/server/services/publications';
import type { PageServerLoad } from './$types';

/** Readable without an account: only ever the public version; 410 once taken down. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	// Before any answer, the 410 and 404 included: Chromium keeps a 410 without caching headers
	// as fresh forever, so a protocol published again would stay "taken down" for whoever saw that.
	setHeaders({ 'cache-control': 'no-cache' });
	const page = await publications.publicPage(locals.runtime.store, params.slug, params.date);
	if (page.kind === 'gone') error(410, 'gone');
	if (page.kind === 'not-found') error(404, 'not found');
	return { protocol: page.protocol, hash: page.hash, publishedAt: page.publishedAt, language: page.language };
};
