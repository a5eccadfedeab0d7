import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const req = (headers: Record<string, string | string[]>, remoteAddress = '10.0.0.2') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
	it('is the socket’s peer without ADDRESS_HEADER, whatever headers say', () => {
		expect(clientAddress(req({ 'x-forwarded-for': '1.2.3.4' }), { header: undefined, xffDepth: 1 })).toBe('10.0.0.2');
	});

	it('reads X-Forwarded-For from the right, XFF_DEPTH entries in (what the client wrote is further left)', () => {
		const headers = { 'x-forwarded-for': 'spoofed, 198.51.100.7, 10.0.0.9' };
		expect(clientAddress(req(headers), { header: 'x-forwarded-for', xffDepth: 1 })).toBe('10.0.0.9');
		expect(clientAddress(req(headers), { header: 'x-forwarded-for', xffDepth: 2 })).toBe('198.51.100.7');
		expect(clientAddress(req(headers), { header: 'x-forwarded-for', xffDepth: 9 })).toBe('spoofed');
	});

	it('reads another header as it is, and falls back to the peer when the header is missing', () => {
		expect(clientAddress(req({ 'true-client-ip': ' 203.0.113.5 ' }), { header: 'true-client-ip', xffDepth: 1 })).toBe('203.0.113.5');
		expect(clientAddress(req({}), { header: 'true-client-ip', xffDepth: 1 })).toBe('10.0.0.2');
	});
});
