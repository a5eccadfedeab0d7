import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { webhookHost } from '../../domain/webhooks.js';
import { guardedLookup, isPublicAddress, urlRefusal, type WebhookPolicy } from './address.js';
import { webhookHeaders } from './sign.js';

/** The outcome of one attempt: delivered on 2xx; otherwise the status (if any) and a short reason. */
export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export interface PostOptions {
	policy: WebhookPolicy;
	timeoutMs?: number;
	/** Bytes of the response read before the connection is cut (the body is never used). */
	maxResponseBytes?: number;
}

/**
 * Posts one delivery. Never throws: a refused address, a timeout, a reset, a redirect (never
 * followed: it could point anywhere) or a huge answer are each an outcome the worker records.
 */
export function postWebhook(target: { id: string; url: string; secret: string; body: string }, options: PostOptions, now = new Date()): Promise<PostOutcome> {
	const { policy } = options;
	const timeoutMs = options.timeoutMs ?? 10_000;
	const maxBytes = options.maxResponseBytes ?? 4096;
	// Checked again at every delivery: the operator's list may have changed since registration.
	const refusal = urlRefusal(target.url, policy);
	if (refusal) return Promise.resolve({ ok: false, status: null, error: `refused: ${refusal.replace('webhooks_error_', '')}` });
	const url = new URL(target.url);
	const host = webhookHost(url);
	// An address in the URL is never looked up, so the lookup below would not see it.
	if (isIP(host) && !policy.allowPrivate && !isPublicAddress(host)) return Promise.resolve({ ok: false, status: null, error: 'refused: private address' });
	const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise<PostOutcome>((resolve) => {
		let settled = false;
		const done = (outcome: PostOutcome) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			req.destroy();
			resolve(outcome);
		};
		const req = request(url, {
			method: 'POST',
			lookup: guardedLookup(policy.allowPrivate) as never,
			headers: {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(target.body),
				'user-agent': 'Samtavla-Webhooks/1',
				...webhookHeaders(target.secret, target.id, target.body, now)
			},
			agent: false
		});
		// One deadline for the whole attempt (connect, send, answer), not per socket event.
		const timer = setTimeout(() => done({ ok: false, status: null, error: `timeout after ${timeoutMs} ms` }), timeoutMs);
		req.on('error', (error: NodeJS.ErrnoException) => done({ ok: false, status: null, error: describe(error) }));
		req.on('response', (res) => {
			const status = res.statusCode ?? 0;
			let read = 0;
			const finish = () => done(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: status >= 300 && status < 400 ? 'redirect (not followed)' : `HTTP ${status}` });
			res.on('data', (chunk: Buffer) => {
				read += chunk.length;
				// The answer is never used: enough to know it came, then the connection goes.
				if (read > maxBytes) finish();
			});
			res.on('end', finish);
			res.on('error', finish);
			res.on('aborted', finish);
		});
		req.end(target.body);
	});
}

function describe(error: NodeJS.ErrnoException): string {
	if (error.code === 'EWEBHOOKADDRESS') return 'refused: private address';
	return (error.code ? `${error.code}: ` : '') + String(error.message).slice(0, 200);
}
