import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, createGunzip } from 'node:zlib';
import { chooseCoding, withCompression } from './compression';
import type { RequestHandler } from './app';

describe('chooseCoding', () => {
	it('prefers brotli, then gzip, and honours q=0 and *', () => {
		expect(chooseCoding('gzip, deflate, br')).toBe('br');
		expect(chooseCoding('gzip, deflate')).toBe('gzip');
		expect(chooseCoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseCoding('br;q=0, gzip;q=0')).toBeNull();
		expect(chooseCoding('*')).toBe('br');
		expect(chooseCoding('*, br;q=0')).toBe('gzip');
		expect(chooseCoding('identity')).toBeNull();
		expect(chooseCoding('')).toBeNull();
		expect(chooseCoding(undefined)).toBeNull();
		expect(chooseCoding('br;q=nonsense, gzip')).toBe('gzip');
	});
});

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: RequestHandler): Promise<string> {
	const wrapped = withCompression(handler);
	server = createServer((req, res) => wrapped(req, res));
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function get(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		request(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
		})
			.on('error', reject)
			.end();
	});
}

const page = '<!doctype html><p>' + 'Anteckningar från mötet. '.repeat(200) + '</p>';

describe('withCompression', () => {
	it('compresses HTML as accepted and sends it plain otherwise, with Vary either way', async () => {
		const base = await serve((_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.writeHead(200);
			res.end(page);
		});
		const br = await get(base, { 'accept-encoding': 'br, gzip' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toBe('Accept-Encoding');
		expect(brotliDecompressSync(br.body).toString()).toBe(page);
		const gzip = await get(base, { 'accept-encoding': 'gzip' });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzip.body).toString()).toBe(page);
		const plain = await get(base, {});
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers.vary).toBe('Accept-Encoding');
		expect(plain.body.toString()).toBe(page);
	});

	it('leaves alone what is already encoded, small, not text, or without a body', async () => {
		const base = await serve((req, res) => {
			if (req.url === '/encoded') {
				res.writeHead(200, { 'content-type': 'text/css', 'content-encoding': 'br', vary: 'Accept-Encoding' });
				return res.end(Buffer.from('precompressed bytes'));
			}
			if (req.url === '/small') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			if (req.url === '/image') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(4096));
			res.writeHead(204).end();
		});
		const encoded = await get(base + '/encoded', { 'accept-encoding': 'gzip' });
		expect(encoded.headers['content-encoding']).toBe('br');
		expect(encoded.headers.vary).toBe('Accept-Encoding');
		expect(encoded.body.toString()).toBe('precompressed bytes');
		const small = await get(base + '/small', { 'accept-encoding': 'gzip' });
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.body.toString()).toBe('{"ok":true}');
		const image = await get(base + '/image', { 'accept-encoding': 'gzip' });
		expect(image.headers['content-encoding']).toBeUndefined();
		expect(image.body.byteLength).toBe(4096);
		const empty = await get(base + '/none', { 'accept-encoding': 'gzip' });
		expect(empty.headers['content-encoding']).toBeUndefined();
	});

	it('sends a streamed body part by part: the first part arrives before the last is written', async () => {
		let release!: () => void;
		const later = new Promise<void>((resolve) => (release = resolve));
		const base = await serve((_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.writeHead(200);
			res.write('<p>first part</p>');
			void later.then(() => res.end('<p>last part</p>'));
		});
		const text = await new Promise<string>((resolve, reject) => {
			request(base, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
				expect(res.headers['content-encoding']).toBe('gzip');
				let seen = '';
				const gunzip = res.pipe(createGunzip());
				gunzip.on('data', (chunk: Buffer) => {
					seen += chunk.toString();
					// The first part came through while the handler still holds the last one back.
					if (seen === '<p>first part</p>') release();
				});
				gunzip.on('end', () => resolve(seen));
				gunzip.on('error', reject);
			})
				.on('error', reject)
				.end();
		});
		expect(text).toBe('<p>first part</p><p>last part</p>');
	});

	it('keeps back-pressure: a large body written in many chunks arrives whole', async () => {
		const chunk = 'x'.repeat(64 * 1024) + '\n';
		const base = await serve((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			let left = 64;
			const next = () => {
				while (left > 0) {
					left--;
					if (!res.write(chunk)) return void res.once('drain', next);
				}
				res.end();
			};
			next();
		});
		const result = await get(base, { 'accept-encoding': 'br' });
		expect(brotliDecompressSync(result.body).byteLength).toBe(chunk.length * 64);
	});
});
