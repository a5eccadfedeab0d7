import { afterEach, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { upgradeStatus } from './yclient';
import { anonymousFlood, madeUpToken } from './flood';

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
