import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp, withStoppedDatabase } from './helpers';

/**
 * An error nothing expected (handleError in src/hooks.server.ts), against the production build:
 * the person sees an id on the error page and the log holds the cause under the same id.
 * The fault is real: the database lost a table the board page reads (only the owner reads it).
 */
describe('Unexpected errors on the pages', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		owner = await makeUser(setup.runtime.store, 'Owner');
		({ boardId } = await makeMeeting(setup.runtime.store, owner.user));
		await setup.close();
		await withStoppedDatabase(setup.dataDir, (sql) => sql('alter table invites rename to invites_lost'));
		server = await startBuiltServerOn(setup.dataDir, { LOG_LEVEL: 'info' });
	}, 90_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('shows an error id in the person’s language and logs the cause under the same id', async () => {
		const page = (headers: Record<string, string> = {}) =>
			fetch(`${server.url}/boards/${boardId}`, { redirect: 'manual', headers: { cookie: owner.cookie, ...headers } });

		const sv = await page();
		expect(sv.status).toBe(500);
		const html = await sv.text();
		expect(html).toContain('data-status="500"');
		const id = /data-testid="error-reference"[^>]*>([^<]*)</.exec(html)?.[1].match(/[0-9a-f-]{36}/)?.[0];
		expect(id, 'an error id on the page').toBeDefined();
		expect(html).toContain(`ange koden ${id}`);

		const line = server
			.output()
			.split('\n')
			.filter((l) => l.includes(id!))
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(line).toHaveLength(1);
		expect(line[0]).toMatchObject({ msg: 'unexpected error', errorId: id, status: 500, path: `/boards/${boardId}` });
		expect(JSON.stringify(line[0].err)).toContain('invites');

		// Another failure, another id; in English for an English reader.
		const en = await page({ 'accept-language': 'en' });
		const enHtml = await en.text();
		const second = /give them the code ([0-9a-f-]{36})/.exec(enHtml)?.[1];
		expect(second).toBeDefined();
		expect(second).not.toBe(id);
		expect(server.output()).toContain(second);

		// A page that does not exist is no incident: no id, nothing logged.
		const missing = await fetch(`${server.url}/no-such-page`, { headers: { cookie: owner.cookie } });
		expect(missing.status).toBe(404);
		expect(await missing.text()).not.toContain('data-testid="error-reference"');
	});
});
