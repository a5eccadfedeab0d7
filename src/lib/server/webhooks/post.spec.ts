import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { postWebhook } from './post';
import { newWebhookSecret } from './sign';

/** A real receiver on a port of its own; each test says how it answers. */
let server: Server | null = null;
async function receiver(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => answer(req, res, body));
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}
afterEach(async () => {
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
	server = null;
});

const open = { allowedHosts: ['127.0.0.1', 'localhost'], allowPrivate: true };
const secret = newWebhookSecret();
const target = (url: string) => ({ id: 'msg_test', url, secret, body: '{"type":"webhook.test","timestamp":"2026-12-02T08:00:00.000Z","data":{"boardId":"b1"}}' });

describe('posting one delivery', () => {
	it('2xx: delivered, signed so that standardwebhooks verifies it', async () => {
		let verified: unknown = null;
		const url = await receiver((req, res, body) => {
			verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
			res.writeHead(204).end();
		});
		expect(await postWebhook(target(url), { policy: open })).toEqual({ ok: true, status: 204 });
		expect(verified).toMatchObject({ type: 'webhook.test' });
	});

	it('a 500, a redirect (never followed), a timeout, a reset and a huge answer are outcomes, never throws', async () => {
		let mode = '500';
		let hits = 0;
		const url = await receiver((req, res) => {
			hits++;
			if (mode === '500') res.writeHead(500).end('no');
			else if (mode === '302') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
			else if (mode === 'reset') req.socket.destroy();
			else if (mode === 'huge') {
				res.writeHead(200);
				res.write(Buffer.alloc(1024 * 1024));
				// never ends: the reader stops after a few KB
			}
			// 'hang': never answers
		});
		expect(await postWebhook(target(url), { policy: open })).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
		mode = '302';
		expect(await postWebhook(target(url), { policy: open })).toEqual({ ok: false, status: 302, error: 'redirect (not followed)' });
		expect(hits).toBe(2);
		mode = 'hang';
		expect(await postWebhook(target(url), { policy: open, timeoutMs: 300 })).toEqual({ ok: false, status: null, error: 'timeout after 300 ms' });
		mode = 'reset';
		expect(await postWebhook(target(url), { policy: open })).toMatchObject({ ok: false, status: null });
		mode = 'huge';
		expect(await postWebhook(target(url), { policy: open, timeoutMs: 5000 })).toEqual({ ok: true, status: 200 });
	});

	it('without WEBHOOK_ALLOW_PRIVATE nothing reaches loopback, by address or by a name resolving to it', async () => {
		let hits = 0;
		const url = await receiver((_req, res) => {
			hits++;
			res.writeHead(200).end();
		});
		const strict = { allowedHosts: ['127.0.0.1', 'localhost'], allowPrivate: false };
		expect(await postWebhook(target(url.replace('http:', 'https:')), { policy: strict })).toMatchObject({ ok: false, error: 'refused: private' });
		const port = new URL(url).port;
		// localhost by name is refused before any lookup; other names where they resolve (address.spec.ts, guardedLookup).
		expect(await postWebhook(target(`https://localhost:${port}/hook`), { policy: strict })).toMatchObject({ ok: false, error: 'refused: private' });
		expect(await postWebhook(target(url), { policy: { allowedHosts: ['example.org'], allowPrivate: true } })).toMatchObject({ ok: false, error: 'refused: host' });
		expect(hits).toBe(0);
	});
});
