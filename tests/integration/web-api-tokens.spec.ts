import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../../src/lib/server/services/api-tokens';
import { fetchPage, postForm, startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, type TestDatabase } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { postgresUnavailable } from './suite-unavailable';

const suite = 'API tokens and /api/v1/me over HTTP';
const adminUrl = process.env.TEST_DATABASE_URL;

if (!adminUrl) postgresUnavailable(suite);
else {
	/**
	 * Issue 15, first slice, against the production build (hooks included) on a PostgreSQL database
	 * the test shares with it, so that revoking a token between two requests is the real revocation.
	 */
	describe(suite, () => {
		let db: TestDatabase;
		let server: BuiltServer;
		let anna: Awaited<ReturnType<typeof makeUser>>;

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			anna = await makeUser(db.store, 'Anna');
			server = await startBuiltServer({ DATABASE_URL: db.url });
		}, 90_000);

		afterAll(async () => {
			await server?.stop();
			await db?.drop();
		});

		const me = (headers: Record<string, string>) => fetch(server.url + '/api/v1/me', { redirect: 'manual', headers });
		async function token(scope: 'read' | 'actions:write', days = '30', now?: Date) {
			const made = await createApiToken(db.store, anna.user, { name: 'Rapportskript', scope, days }, now);
			if (!made.ok) throw new Error(JSON.stringify(made.errors));
			return made.value;
		}
		async function expectUnauthorized(response: Response, type: string) {
			expect(response.status).toBe(401);
			expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
			expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="samtavla"/);
			const body = await response.json();
			expect(body).toMatchObject({ type: `urn:samtavla:problem:${type}`, status: 401 });
			expect(Object.keys(body).sort()).toEqual(['detail', 'status', 'title', 'type']);
			return body as { title: string; detail: string };
		}

		it('a token answers the person’s own data, its scopes and expiry; never the token', async () => {
			const { token: secret, apiToken } = await token('actions:write', '90');
			expect(secret).toMatch(/^stv_[a-z2-7]{32}$/);
			const response = await me({ authorization: `Bearer ${secret}`, 'accept-language': 'en' });
			expect(response.status).toBe(200);
			// One caller's view: never kept by a shared cache, and checked again (ETag) before each use.
			expect(response.headers.get('cache-control')).toBe('private, no-cache');
			const body = await response.json();
			expect(body).toEqual({
				id: anna.user.id,
				name: anna.user.displayName,
				email: anna.user.email,
				agency: { id: anna.user.agencyId, name: expect.stringMatching(/^Förvaltning /), kind: 'social_services' },
				// The person's own language setting, not the request's Accept-Language.
				language: 'sv',
				token: { id: apiToken.id, name: 'Rapportskript', scopes: ['read', 'actions:write'], expiresAt: apiToken.expiresAt.toISOString(), boardId: null }
			});
			expect(JSON.stringify(body)).not.toContain(secret);
			expect(apiToken.expiresAt.getTime() - apiToken.createdAt.getTime()).toBe(90 * 86_400_000);
		});

		it('the same person’s session cookie alone gets 401: only a bearer token counts under /api/v1', async () => {
			const body = await expectUnauthorized(await me({ cookie: anna.cookie, 'accept-language': 'sv' }), 'token-missing');
			expect(body.title).toBe('Inte inloggad');
			expect(body.detail).toContain('Authorization: Bearer');
			// A cookie next to a bad token does not help either.
			await expectUnauthorized(await me({ cookie: anna.cookie, authorization: 'Bearer nonsense' }), 'token-malformed');
			await expectUnauthorized(await me({ authorization: `Basic ${btoa('anna:lösen')}` }), 'token-missing');
		});

		it('unknown, revoked (at once) and expired tokens get 401', async () => {
			await expectUnauthorized(await me({ authorization: `Bearer stv_${'a'.repeat(32)}` }), 'token-invalid');

			const { token: secret, apiToken } = await token('read');
			expect((await me({ authorization: `Bearer ${secret}` })).status).toBe(200);
			expect(await revokeApiToken(db.store, anna.user, apiToken.id)).toBe(true);
			await expectUnauthorized(await me({ authorization: `Bearer ${secret}` }), 'token-invalid');

			// Made 31 days ago for 30 days: expired a day ago.
			const old = await token('read', '30', new Date(Date.now() - 31 * 86_400_000));
			await expectUnauthorized(await me({ authorization: `Bearer ${old.token}` }), 'token-invalid');
		});

		it('the problem is in the caller’s language from Accept-Language (Danish here)', async () => {
			const body = await expectUnauthorized(await me({ authorization: `Bearer stv_${'b'.repeat(32)}`, 'accept-language': 'da-DK, en;q=0.5' }), 'token-invalid');
			expect(body.title).toBe('Ikke logget ind');
			expect(body.detail).toBe('Adgangstokenen er ukendt, er udløbet eller er blevet tilbagekaldt. Lav en ny under Din konto.');
			const response = await me({ 'accept-language': 'da' });
			expect(response.headers.get('content-language')).toBe('da');
			expect((await response.json()).title).toBe('Ikke logget ind');
		});

		it('the account page makes a token (shown once), lists it and revokes it, as plain forms without JavaScript', async () => {
			const made = await postForm(server, '/account/tokens?/create', { name: 'Kalenderskript', scope: 'read', days: '30' }, anna.cookie, 'da');
			expect(made.status).toBe(200);
			const html = await made.text();
			expect(html).toContain('Kopiér den nu: den vises kun denne ene gang.');
			const secret = /data-testid="token-value"[^>]*>(stv_[a-z2-7]{32})</.exec(html)?.[1];
			expect(secret, 'the token on the page').toBeDefined();
			expect((await me({ authorization: `Bearer ${secret}` })).status).toBe(200);

			// Shown once: the list afterwards has its name, never the token again.
			const list = await fetchPage(server, '/account/tokens', anna.cookie, 'en');
			expect(list.html).toContain('Kalenderskript');
			expect(list.html).not.toContain(secret);
			const id = /name="id" value="([^"]+)"[^>]*>\s*<button[^>]*>Revoke “Kalenderskript”/.exec(list.html)?.[1];
			expect(id, 'the revoke form of the token').toBeDefined();

			const refused = await postForm(server, '/account/tokens?/create', { name: ' ', scope: 'admin', days: '30' }, anna.cookie, 'en');
			expect(refused.status).toBe(400);

			// Someone else can neither see it nor revoke it.
			const bo = await makeUser(db.store, 'Bo');
			expect((await fetchPage(server, '/account/tokens', bo.cookie)).html).not.toContain('Kalenderskript');
			expect((await postForm(server, '/account/tokens?/revoke', { id: id! }, bo.cookie)).status).toBe(404);
			expect((await me({ authorization: `Bearer ${secret}` })).status).toBe(200);

			const revoked = await postForm(server, '/account/tokens?/revoke', { id: id! }, anna.cookie, 'sv');
			expect(revoked.status).toBe(200);
			expect(await revoked.text()).toContain('Token är återkallad och fungerar inte längre.');
			await expectUnauthorized(await me({ authorization: `Bearer ${secret}` }), 'token-invalid');
		});

		it('a group’s owner makes a board token on the group’s page (shown once), lists and revokes it; no one else can', async () => {
			const { boardId } = await makeMeeting(db.store, anna.user);
			const editor = await makeUser(db.store, 'Eva');
			await db.store.boards.addMember(boardId, editor.user.id, 'editor');
			const page = `/boards/${boardId}/tokens`;
			expect((await fetchPage(server, page, editor.cookie)).status).toBe(403);
			expect((await postForm(server, `${page}?/create`, { name: 'Diariet', scope: 'read', days: '90' }, editor.cookie)).status).toBe(403);

			const made = await postForm(server, `${page}?/create`, { name: 'Diariet', scope: 'read', days: '90' }, anna.cookie, 'en');
			expect(made.status).toBe(200);
			const secret = /data-testid="token-value"[^>]*>(stv_[a-z2-7]{32})</.exec(await made.text())?.[1];
			expect(secret, 'the token on the page').toBeDefined();
			const body = await (await me({ authorization: `Bearer ${secret}` })).json();
			expect(body.token).toMatchObject({ name: 'Diariet', boardId, scopes: ['read'] });

			// On the group's page with who made it; not among Anna's own tokens.
			const list = await fetchPage(server, page, anna.cookie, 'en');
			expect(list.html).toContain('Diariet');
			expect(list.html).toContain(`Made by ${anna.user.displayName}`);
			expect(list.html).not.toContain(secret);
			expect((await fetchPage(server, '/account/tokens', anna.cookie)).html).not.toContain('Diariet');
			const id = /name="id" value="([^"]+)"/.exec(list.html)?.[1];
			expect((await postForm(server, `${page}?/revoke`, { id: id! }, editor.cookie)).status).toBe(403);
			expect((await postForm(server, '/account/tokens?/revoke', { id: id! }, editor.cookie)).status).toBe(404);
			expect((await postForm(server, `${page}?/revoke`, { id: id! }, anna.cookie)).status).toBe(200);
			await expectUnauthorized(await me({ authorization: `Bearer ${secret}` }), 'token-invalid');
			const entries = await db.store.audit.list({ boardId, kinds: ['api-token-created', 'api-token-revoked'] });
			expect(entries.map((e) => [e.kind, e.subject])).toEqual(expect.arrayContaining([['api-token-created', id], ['api-token-revoked', id]]));
		});
	});
}
