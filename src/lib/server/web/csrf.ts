import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';

/**
 * SvelteKit's own CSRF check, with a page in the person's language instead of its bare English
 * line (svelte.config.js turns SvelteKit's off with `trustedOrigins: ['*']` and this takes its
 * place). The rule is SvelteKit's: a form-encoded POST, PUT, PATCH or DELETE must come with an
 * Origin equal to the app's own; a missing or `null` Origin is refused too.
 */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.has(type)) return false;
	// RFC 8058: a mail provider's "unsubscribe" button POSTs here from its own servers, with no
	// Origin. The secret token in the path is the authority, and all it can do is stop e-mail.
	if (ONE_CLICK_UNSUBSCRIBE.test(url.pathname)) return false;
	return request.headers.get('origin') !== url.origin;
}

const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[a-z2-7]{32}\/one-click$/;

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata']);

/** The 403 answer: JSON for fetch callers that ask for it, otherwise a small page (no script, own CSP). */
export function crossSiteRefusal(request: Request): Response {
	const locale = extractLocaleFromRequest(request);
	const title = m.web_csrf_title({}, { locale });
	const text = m.web_csrf_text({}, { locale });
	const headers = { 'cache-control': 'no-store' };
	if (request.headers.get('accept') === 'application/json') {
		return Response.json({ message: `${title}. ${text}` }, { status: 403, headers });
	}
	const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Samtavla</title>
<style>body{font:1.25rem/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#1f4e5f;font-weight:600}</style>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
<p>${escape(text)}</p>
<p><a href="/">${escape(m.error_go_home({}, { locale }))}</a></p>
</main>
</body>
</html>
`;
	return new Response(html, {
		status: 403,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
		}
	});
}

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
