import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';
import type { RequestHandler } from './app.js';

/**
 * Compresses what the server makes per request (pages' HTML, `__data.json`, API JSON) with brotli
 * or gzip, as the client accepts (issue 13: a meeting page with long notes is several hundred KB
 * of text). Static files come from adapter-node's sirv, precompressed at build time (`.br`, `.gz`):
 * a response that already has a Content-Encoding passes as it is. Websocket upgrades never reach
 * a request handler (the server's 'upgrade' event), so they are untouched.
 *
 * Streaming-safe: what is written is flushed to the socket at the end of the current turn of the
 * event loop, so a streamed page (SvelteKit's promises in load data) arrives part by part, and
 * the writer's back-pressure is kept (`write` returns false and 'drain' follows).
 */

/** Below this a compressed body saves less than it costs. */
const MIN_BYTES = 1024;

/** Fast settings: the page is made per request, so compression time is on every first byte. */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json|ld\+json|x-ndjson)|image\/svg\+xml|[^;]*\+(json|xml)\s*(;|$))/i;

export type Coding = 'br' | 'gzip';

/**
 * The coding to use for an Accept-Encoding header: brotli before gzip, none when neither is
 * accepted (a q=0 refuses one; `*` accepts both unless named with q=0).
 */
export function chooseCoding(acceptEncoding: string | string[] | undefined): Coding | null {
	const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
	const q = new Map<string, number>();
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = qParam ? Number(qParam.slice(2)) : 1;
		q.set(name, Number.isFinite(value) ? value : 0);
	}
	const accepted = (coding: Coding) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
	if (accepted('br')) return 'br';
	if (accepted('gzip')) return 'gzip';
	return null;
}

function headerValue(value: number | string | string[] | undefined): string {
	return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

function addVary(res: ServerResponse): void {
	const vary = headerValue(res.getHeader('vary'));
	if (vary.split(',').some((v) => ['accept-encoding', '*'].includes(v.trim().toLowerCase()))) return;
	res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** Whether this response's body is worth compressing, judged from its headers as they are about to be sent. */
function compressible(req: IncomingMessage, res: ServerResponse, endLength: number | undefined): boolean {
	if (req.method === 'HEAD') return false;
	if (endLength !== undefined && endLength < MIN_BYTES) return false;
	if (res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304) return false;
	if (res.getHeader('content-encoding')) return false;
	if (!COMPRESSIBLE.test(headerValue(res.getHeader('content-type')))) return false;
	if (/\bno-transform\b/i.test(headerValue(res.getHeader('cache-control')))) return false;
	const length = res.getHeader('content-length');
	return length === undefined || Number(length) >= MIN_BYTES;
}

/** Whether a client that asks again with another Accept-Encoding could get another body. */
function negotiable(res: ServerResponse): boolean {
	return !res.getHeader('content-encoding') && COMPRESSIBLE.test(headerValue(res.getHeader('content-type')));
}

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

/** Wraps a request handler so its responses are compressed when the client accepts it. */
export function withCompression(handler: RequestHandler): RequestHandler {
	return (req, res, next) => {
		const coding = chooseCoding(req.headers['accept-encoding']);
		compressResponse(req, res, coding);
		handler(req, res, next);
	};
}

function compressResponse(req: IncomingMessage, res: ServerResponse, coding: Coding | null): void {
	const write = res.write.bind(res) as (chunk: Chunk, cb?: Callback) => boolean;
	const end = res.end.bind(res) as (cb?: () => void) => ServerResponse;
	const writeHead = res.writeHead.bind(res) as (status: number) => ServerResponse;
	let decided = false;
	let stream: Gzip | BrotliCompress | null = null;
	let flushScheduled = false;

	/** Once, just before the headers go: compress or not, and say so in the headers. */
	const decide = (endLength?: number) => {
		if (decided) return;
		decided = true;
		if (negotiable(res)) addVary(res);
		if (!coding || !compressible(req, res, endLength)) return;
		res.setHeader('Content-Encoding', coding);
		res.removeHeader('Content-Length');
		// A strong ETag names the uncompressed bytes; the compressed ones are only weakly the same.
		const etag = res.getHeader('etag');
		if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
		stream =
			coding === 'br'
				? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
				: createGzip({ level: GZIP_LEVEL });
		stream.on('data', (data: Buffer) => {
			if (!write(data)) stream!.pause();
		});
		res.on('drain', () => stream!.resume());
		// The writer waits for 'drain' when `write` said false, which may be the compressor's buffer.
		stream.on('drain', () => res.emit('drain'));
		stream.on('end', () => end());
		stream.on('error', (error) => res.destroy(error));
		res.on('close', () => stream!.destroy());
	};

	const scheduleFlush = () => {
		if (flushScheduled) return;
		flushScheduled = true;
		setImmediate(() => {
			flushScheduled = false;
			if (stream && !stream.destroyed && !stream.writableEnded) stream.flush();
		});
	};

	// The headers are only recorded here: they go with the first write or `end`, when a body given
	// whole to `end` tells its length (SvelteKit calls `writeHead(status)` before the body).
	res.writeHead = ((status: number, ...rest: unknown[]) => {
		const headers = rest.find((r) => r && typeof r === 'object') as OutgoingHttpHeaders | string[] | undefined;
		const reason = rest.find((r) => typeof r === 'string') as string | undefined;
		res.statusCode = status;
		if (reason) res.statusMessage = reason;
		// Node's own implicit header (at the first write) comes through here too, after the decision.
		if (decided && !headers) return writeHead(status);
		if (Array.isArray(headers)) {
			for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
		} else if (headers) {
			for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
		}
		return res;
	}) as ServerResponse['writeHead'];

	res.write = ((chunk: Chunk, encodingOrCb?: BufferEncoding | Callback, cb?: Callback) => {
		decide();
		if (!stream) return (write as (...args: unknown[]) => boolean)(chunk, encodingOrCb, cb);
		const callback = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
		const data = typeof chunk === 'string' ? Buffer.from(chunk, typeof encodingOrCb === 'string' ? encodingOrCb : 'utf8') : chunk;
		const ok = stream.write(data, callback);
		scheduleFlush();
		return ok;
	}) as ServerResponse['write'];

	res.end = ((chunk?: Chunk | (() => void), encodingOrCb?: BufferEncoding | (() => void), cb?: () => void) => {
		if (!decided) {
			// A body given whole to `end` has a known length: small ones are not worth compressing.
			const whole = chunk === undefined || typeof chunk === 'function' ? 0 : typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encodingOrCb === 'string' ? encodingOrCb : 'utf8') : chunk.byteLength;
			decide(whole);
		}
		if (!stream) return (end as (...args: unknown[]) => ServerResponse)(chunk, encodingOrCb, cb);
		const callback = typeof chunk === 'function' ? chunk : typeof encodingOrCb === 'function' ? encodingOrCb : cb;
		if (callback) res.once('finish', callback);
		if (chunk !== undefined && typeof chunk !== 'function') {
			stream.end(typeof chunk === 'string' ? Buffer.from(chunk, typeof encodingOrCb === 'string' ? encodingOrCb : 'utf8') : chunk);
		} else {
			stream.end();
		}
		return res;
	}) as ServerResponse['end'];
}
