import WebSocket from 'ws';
import { randomBytes } from 'node:crypto';

/** A well-formed but made-up session token: it costs the server a lookup to refuse. */
export const madeUpToken = () => 'samtavla_session=' + randomBytes(20).toString('hex').replace(/[^a-z2-7]/g, 'a').slice(0, 32).padEnd(32, 'a');

/**
 * Fires `perSecond` anonymous upgrades for `seconds` (no cookie, garbage, made-up tokens), from many
 * addresses, without waiting for answers. Resolves with how many were answered with each status.
 */
export function anonymousFlood(wsUrl: string, perSecond: number, seconds: number): Promise<Map<number | string, number>> {
	const statuses = new Map<number | string, number>();
	const count = (key: number | string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
	const answers: Array<Promise<void>> = [];
	const tickMs = 20;
	const perTick = Math.round((perSecond * tickMs) / 1000);
	let sent = 0;
	const total = perSecond * seconds;
	return new Promise((resolve) => {
		const timer = setInterval(() => {
			for (let i = 0; i < perTick && sent < total; i++, sent++) {
				const kind = sent % 3;
				const cookie = kind === 0 ? undefined : kind === 1 ? 'samtavla_session=../../etc/passwd' : madeUpToken();
				const headers: Record<string, string> = { 'x-forwarded-for': `203.0.113.${sent % 250}` };
				if (cookie) headers.cookie = cookie;
				answers.push(
					new Promise<void>((done) => {
						const ws = new WebSocket(wsUrl, { headers });
						ws.on('open', () => {
							count(101);
							ws.terminate();
							done();
						});
						ws.on('unexpected-response', (_req, res) => {
							count(res.statusCode ?? 0);
							ws.terminate();
							done();
						});
						ws.on('error', (error: Error & { code?: string }) => {
							count(error.code ?? 'error');
							done();
						});
					})
				);
			}
			if (sent >= total) {
				clearInterval(timer);
				void Promise.all(answers).then(() => resolve(statuses));
			}
		}, tickMs);
	});
}
