import { describe, expect, it } from 'vitest';
import { guardedLookup, isPublicAddress, urlRefusal } from './address';

const strict = { allowedHosts: ['hooks.example.org', '*.example.com', '127.0.0.1', '10.0.0.5', '::1', 'localhost'], allowPrivate: false };

describe('where webhooks may go', () => {
	it('only public unicast addresses, IPv4 and IPv6, IPv4-mapped IPv6 too', () => {
		for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', 'not-an-address']) {
			expect(isPublicAddress(a), a).toBe(false);
		}
		for (const a of ['93.184.216.34', '8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
	});

	it('registration: https only, a listed host (exact or *.domain), never a private address written in the URL', () => {
		expect(urlRefusal('https://hooks.example.org/in', strict)).toBeNull();
		expect(urlRefusal('https://a.example.com/in', strict)).toBeNull();
		expect(urlRefusal('https://example.com/in', strict)).toBe('webhooks_error_host');
		expect(urlRefusal('https://evil-example.com/in', strict)).toBe('webhooks_error_host');
		expect(urlRefusal('http://hooks.example.org/in', strict)).toBe('webhooks_error_https');
		expect(urlRefusal('ftp://hooks.example.org/in', strict)).toBe('webhooks_error_url');
		expect(urlRefusal('https://user:pw@hooks.example.org/in', strict)).toBe('webhooks_error_url');
		expect(urlRefusal('https://other.org/in', strict)).toBe('webhooks_error_host');
		expect(urlRefusal('https://127.0.0.1/in', strict)).toBe('webhooks_error_private');
		expect(urlRefusal('https://10.0.0.5/in', strict)).toBe('webhooks_error_private');
		expect(urlRefusal('https://[::1]/in', strict)).toBe('webhooks_error_private');
		expect(urlRefusal('https://localhost/in', strict)).toBe('webhooks_error_private');
		expect(urlRefusal('https://hooks.example.org/in', { allowedHosts: [], allowPrivate: false })).toBe('webhooks_error_off');
		expect(urlRefusal('http://127.0.0.1:8080/in', { allowedHosts: ['127.0.0.1'], allowPrivate: true })).toBeNull();
	});

	it('at the connection: a name resolving only to private addresses is refused; allowed with WEBHOOK_ALLOW_PRIVATE', async () => {
		const resolve = (allowPrivate: boolean, all: boolean) =>
			new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) => guardedLookup(allowPrivate)('localhost', { all }, (error, address) => done({ error, address })));
		const refused = await resolve(false, true);
		expect(refused.error?.code).toBe('EWEBHOOKADDRESS');
		const allowed = await resolve(true, false);
		expect(allowed.error).toBeNull();
		expect(['127.0.0.1', '::1']).toContain(allowed.address);
		const all = await resolve(true, true);
		expect(Array.isArray(all.address)).toBe(true);
	});
});
