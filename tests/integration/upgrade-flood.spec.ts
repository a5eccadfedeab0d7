import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { randomBytes } from 'node:crypto';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { upgradeStatus } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];

afterEach(async () => {
	for (const app of apps.splice(0)) await app.close();
});

/** Behind a proxy that sets X-Forwarded-For, as in production; each test address is one source. */
async function start(env: Record<string, string> = {}) {
	const app = await startTestApp({ env: { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1', ...env } });
	apps.push(app);
	return app;
}

/** A well-formed but made-up session token: it costs the server a lookup to refuse. */
const madeUpToken = () => 'samtavla_session=' + randomBytes(20).toString('hex').replace(/[^a-z2-7]/g, 'a').slice(0, 32).padEnd(32, 'a');

/**
 * Fires `perSecond` anonymous upgrades for `seconds` (no cookie, garbage, made-up tokens), from many
 * addresses, without waiting for answers. Resolves with how many were answered with each status.
 */
function anonymousFlood(wsUrl: string, perSecond: number, seconds: number): Promise<Map<number | string, number>> {
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

describe('websocket upgrades under an anonymous flood', () => {
	it('every member connects while anonymous upgrades flood in at 300/s for 3 s', async () => {
		const app = await start();
		const store = app.runtime.store;
		const owner = await makeUser(store, 'Owner');
		const { boardId, meetingId } = await makeMeeting(store, owner.user);
		const members = [owner];
		for (let i = 0; i < 5; i++) {
			const member = await makeUser(store, 'Member');
			await store.boards.addMember(boardId, member.user.id, 'editor');
			members.push(member);
		}
		const wsUrl = app.url.replace('http', 'ws') + '/collab/' + docName({ kind: 'meeting', meetingId });

		const flood = anonymousFlood(wsUrl, 300, 3);
		// While the flood runs: each member connects five times, one attempt every 80 ms, each from
		// their own address.
		const attempts: Array<Promise<number>> = [];
		for (let round = 0; round < 5; round++) {
			for (const [i, member] of members.entries()) {
				attempts.push(upgradeStatus(wsUrl, { cookie: member.cookie, 'x-forwarded-for': `198.51.100.${i + 1}` }));
				await new Promise((r) => setTimeout(r, 80));
			}
		}
		const statuses = await Promise.all(attempts);
		const anonymous = await flood;

		expect(statuses).toEqual(attempts.map(() => 101));
		// The flood itself was refused: 401 without a real session, 429 past an address's budget.
		expect(anonymous.get(101) ?? 0).toBe(0);
		expect((anonymous.get(401) ?? 0) + (anonymous.get(429) ?? 0)).toBe(900);
	});

	it('a source address sending made-up tokens is cut off; members from other addresses are not', async () => {
		const app = await start({ COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND: '5' });
		const owner = await makeUser(app.runtime.store, 'Owner');
		const { meetingId } = await makeMeeting(app.runtime.store, owner.user);
		const wsUrl = app.url.replace('http', 'ws') + '/collab/' + docName({ kind: 'meeting', meetingId });
		const fromOne = { 'x-forwarded-for': '203.0.113.66' };
		const statuses = [];
		for (let i = 0; i < 30; i++) statuses.push(await upgradeStatus(wsUrl, { ...fromOne, cookie: madeUpToken() }));
		expect(statuses).toContain(429);
		expect(await upgradeStatus(wsUrl, { cookie: owner.cookie, 'x-forwarded-for': '198.51.100.1' })).toBe(101);
	});

	it('one member’s runaway reconnects use up only their own share', async () => {
		const app = await start({ COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND: '2', COLLAB_MAX_UPGRADES_PER_SECOND: '20' });
		const store = app.runtime.store;
		const owner = await makeUser(store, 'Owner');
		const other = await makeUser(store, 'Other');
		const { boardId, meetingId } = await makeMeeting(store, owner.user);
		await store.boards.addMember(boardId, other.user.id, 'editor');
		const wsUrl = app.url.replace('http', 'ws') + '/collab/' + docName({ kind: 'meeting', meetingId });
		const runaway = await Promise.all(Array.from({ length: 30 }, (_, i) => upgradeStatus(wsUrl, { cookie: owner.cookie, 'x-forwarded-for': `198.51.100.${i}` })));
		expect(runaway).toContain(429);
		expect(await upgradeStatus(wsUrl, { cookie: other.cookie, 'x-forwarded-for': '198.51.100.200' })).toBe(101);
	});
});
