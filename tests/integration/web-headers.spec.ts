import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

/** `content-security-policy` as directive → sources. */
function directives(header: string | null): Record<string, string[]> {
	expect(header, 'content-security-policy header').toBeTruthy();
	return Object.fromEntries(
		header!
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name, values])
	);
}

/** Run directly, as `npm start` on a LAN server: plain HTTP, neither ORIGIN nor PROTOCOL_HEADER. */
let server: BuiltServer;
/** Behind a proxy that says which protocol the browser used in X-Forwarded-Proto (adapter-node's PROTOCOL_HEADER). */
let proxied: BuiltServer;
beforeAll(async () => {
	[server, proxied] = await Promise.all([startBuiltServer(), startBuiltServer({ PROTOCOL_HEADER: 'x-forwarded-proto' })]);
}, 90_000);
afterAll(async () => {
	await Promise.all([server?.stop(), proxied?.stop()]);
});

describe('Content-Security-Policy', () => {
	it('pages carry a CSP whose scripts run only from this origin or with the page’s nonce, never inline', async () => {
		for (const path of ['/', '/signin', '/signup', '/invite/not-a-real-token']) {
			const res = await fetch(server.url + path);
			expect(res.status, path).toBe(200);
			const csp = directives(res.headers.get('content-security-policy'));
			const nonce = csp['script-src'].find((s) => s.startsWith("'nonce-"));
			expect(nonce, path).toBeDefined();
			expect(csp['script-src']).toContain("'self'");
			expect(csp['script-src']).not.toContain("'unsafe-inline'");
			expect(csp['script-src']).not.toContain("'unsafe-eval'");
			expect(csp['default-src']).toEqual(["'self'"]);
			expect(csp['object-src']).toEqual(["'none'"]);
			expect(csp['base-uri']).toEqual(["'self'"]);
			expect(csp['form-action']).toEqual(["'self'"]);
			expect(csp['frame-ancestors']).toEqual(["'none'"]);
			// The live documents' websocket: this host only.
			expect(csp['connect-src']).toEqual(["'self'", `ws://${new URL(server.url).host}`]);

			// Every script in the page is SvelteKit's, with this response's nonce.
			const html = await res.text();
			const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
			expect(scripts.length, path).toBeGreaterThan(0);
			for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce!.slice(7, -1)}"`);
		}
	});

	it('each response gets a fresh nonce', async () => {
		const nonceOf = async () => directives((await fetch(server.url + '/signin')).headers.get('content-security-policy'))['script-src'].find((s) => s.startsWith("'nonce-"));
		expect(await nonceOf()).not.toEqual(await nonceOf());
	});

	it('reached over HTTPS (through the proxy), the websocket source is wss: on the same host', async () => {
		const res = await fetch(proxied.url + '/signin', { headers: { 'x-forwarded-proto': 'https' } });
		expect(directives(res.headers.get('content-security-policy'))['connect-src']).toEqual(["'self'", `wss://${new URL(proxied.url).host}`]);
	});
});

describe('Strict-Transport-Security', () => {
	it('is not sent over plain HTTP, run directly or when the proxy says http', async () => {
		expect((await fetch(server.url + '/signin')).headers.get('strict-transport-security')).toBeNull();
		expect((await fetch(server.url + '/nowhere')).headers.get('strict-transport-security')).toBeNull();
		const viaProxy = await fetch(proxied.url + '/signin', { headers: { 'x-forwarded-proto': 'http' } });
		expect(viaProxy.status).toBe(200);
		expect(viaProxy.headers.get('strict-transport-security')).toBeNull();
	});

	it('is sent when the request reached the app over HTTPS (PROTOCOL_HEADER says https)', async () => {
		const res = await fetch(proxied.url + '/signin', { headers: { 'x-forwarded-proto': 'https' } });
		const hsts = res.headers.get('strict-transport-security');
		expect(hsts).toMatch(/^max-age=(\d+); includeSubDomains$/);
		expect(Number(/max-age=(\d+)/.exec(hsts!)![1])).toBeGreaterThanOrEqual(31_536_000);
	});

	it('is sent on every response when ORIGIN is https://', async () => {
		const behindTls = await startBuiltServer({ ORIGIN: 'https://samtavla.example.se' });
		try {
			for (const path of ['/', '/signin', '/does-not-exist']) {
				const res = await fetch(behindTls.url + path);
				expect(res.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d+; includeSubDomains$/);
			}
		} finally {
			await behindTls.stop();
		}
	}, 90_000);
});

describe('forms before hydration and without JavaScript', () => {
	it('the invite page keeps its token out of other sites but still lets its own form post with an Origin (Referrer-Policy same-origin)', async () => {
		const res = await fetch(server.url + '/invite/some-secret-token-value');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('cache-control')).toBe('no-store');
		// The page's own <meta name="referrer"> would override the header.
		const html = await res.text();
		expect(html).toContain('<meta name="referrer" content="same-origin"');
		expect(html).not.toMatch(/<meta name="referrer" content="no-referrer"/);
	});

	it('a form post refused as cross-site gets a page in the person’s language, not a bare English line', async () => {
		const post = (headers: Record<string, string>) =>
			fetch(server.url + '/signin', {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
				body: 'email=a%40example.se&password=x'
			});
		const sv = await post({ origin: 'null' });
		expect(sv.status).toBe(403);
		expect(sv.headers.get('content-type')).toContain('text/html');
		const svHtml = await sv.text();
		expect(svHtml).toContain('<html lang="sv"');
		expect(svHtml).toContain('Formuläret kunde inte skickas');
		expect(svHtml).not.toContain('Cross-site');

		const en = await post({ origin: 'https://evil.example', 'accept-language': 'en-GB,en;q=0.9' });
		expect(en.status).toBe(403);
		expect(await en.text()).toContain('The form could not be sent');

		const da = await post({ cookie: 'samtavla_locale=da' });
		expect(da.status).toBe(403);
		expect(await da.text()).toContain('Formularen kunne ikke sendes');

		// The same origin still gets through to the action (a wrong sign-in is a 400 with the form again).
		const own = await post({ origin: server.url });
		expect(own.status).toBe(400);
	});
});
