import { createHash } from 'node:crypto';

/**
 * The OpenAPI description as a public, cacheable answer: the same for everyone (no token, no
 * language), so shared caches may keep it for five minutes and revalidate it by its ETag.
 */
let cached: { body: string; etag: string } | undefined;

export function openApiResponse(request: Request, document: unknown): Response {
	cached ??= (() => {
		const body = JSON.stringify(document);
		return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
	})();
	const headers = { etag: cached.etag, 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
	const sent = request.headers.get('if-none-match');
	if (sent && sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === cached!.etag)) return new Response(null, { status: 304, headers });
	return new Response(cached.body, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
