import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../src/lib/server/services/boards';
import { startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, startBalancer, type Balancer, type TestDatabase } from './cluster/harness';
import { makeUser } from './helpers';
import { postgresUnavailable } from './suite-unavailable';

const suite = 'Pages during a database outage';
const adminUrl = process.env.TEST_DATABASE_URL;

if (!adminUrl) postgresUnavailable(suite);
else {
	/**
	 * The built server on a real PostgreSQL reached through a TCP proxy of the test's own; closing
	 * the proxy is the outage (connections cut, new ones refused), with nothing else on the machine touched.
	 */
	describe(suite, () => {
		let db: TestDatabase;
		let proxy: Balancer;
		let server: BuiltServer;
		let cookie: string;
		let boardId: string;

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			const owner = await makeUser(db.store, 'Outage');
			cookie = owner.cookie;
			const board = await createBoard(db.store, owner.user, { name: 'Ledningsgruppen', description: '' });
			if (!board.ok) throw new Error('board failed');
			boardId = board.value.id;
			const target = new URL(db.url);
			proxy = await startBalancer(() => [Number(target.port || 5432)]);
			const proxied = new URL(db.url);
			proxied.port = new URL(proxy.url).port;
			server = await startBuiltServer({ DATABASE_URL: proxied.toString() });
		}, 90_000);

		afterAll(async () => {
			await server?.stop();
			await proxy?.close();
			await db?.drop();
		});

		it('answers 503 with a friendly page in the person’s language, and logs the cause under the id it shows', async () => {
			const page = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { redirect: 'manual', headers: { cookie, ...headers } });
			// While the database answers, the board is there.
			const before = await page(`/boards/${boardId}`);
			expect(before.status).toBe(200);
			expect(await before.text()).toContain('Ledningsgruppen');

			await proxy.close();

			const sv = await page(`/boards/${boardId}`);
			expect(sv.status).toBe(503);
			const svHtml = await sv.text();
			expect(svHtml).toContain('<html lang="sv"');
			expect(svHtml).toContain('Samtavla är tillfälligt otillgänglig');
			expect(svHtml).toContain('data-status="503"');
			const id = /data-testid="error-reference"[^>]*>[^<]*?([0-9a-f-]{36})/.exec(svHtml)?.[1];
			expect(id, 'an error reference on the page').toBeDefined();
			expect(server.output()).toContain(id);

			const en = await page('/boards', { 'accept-language': 'en-GB,en;q=0.8' });
			expect(en.status).toBe(503);
			const enHtml = await en.text();
			expect(enHtml).toContain('<html lang="en"');
			expect(enHtml).toContain('Samtavla is temporarily unavailable');

			const da = await page(`/boards/${boardId}`, { cookie: `${cookie}; samtavla_locale=da` });
			expect(da.status).toBe(503);
			expect(await da.text()).toContain('Samtavla er midlertidigt utilgængelig');

			// A form post (no JavaScript) as well: signing in needs the database.
			const signIn = await fetch(server.url + '/signin', {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'da' },
				body: 'email=someone%40example.se&password=ett-langt-losenord'
			});
			expect(signIn.status).toBe(503);
			expect(await signIn.text()).toContain('Samtavla er midlertidigt utilgængelig');

			// Never a 500, and the server is still up.
			expect(server.output()).not.toMatch(/"status":500/);
			expect((await fetch(server.url + '/healthz')).status).toBe(503);
		});
	});
}
