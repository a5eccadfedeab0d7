import type { IncomingMessage } from 'node:http';
import type { Config } from '../../src/lib/server/config.js';

/**
 * The source address of a request, read as adapter-node reads it for pages: the socket's peer,
 * or behind a proxy the header named by ADDRESS_HEADER — for X-Forwarded-For the entry XFF_DEPTH
 * from the right (entries further left are whatever the client claimed). When the header is
 * missing, the socket's peer (the proxy) is the best we know.
 */
export function clientAddress(req: IncomingMessage, { header, xffDepth }: Config['clientAddress']): string {
	const peer = req.socket?.remoteAddress ?? 'unknown';
	if (!header) return peer;
	const raw = req.headers[header];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value) return peer;
	if (header !== 'x-forwarded-for') return value.trim() || peer;
	const entries = value.split(',').map((entry) => entry.trim());
	return entries[entries.length - xffDepth] || entries[0] || peer;
}
