import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { fetchPage, postForm, startBuiltServer, type BuiltServer } from './built-server';
import { createDatabase, freePort, type TestDatabase } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { createApiToken } from '../../src/lib/server/services/api-tokens';
import { postgresUnavailable } from './suite-unavailable';

const suite = 'webhooks over the built server';
const adminUrl = process.env.TEST_DATABASE_URL;

/** What a receiver got: one entry per request, in order. */
interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/**
 * A real receiver (node:http) on a fixed port, so it can go down and come back on the same
 * address. `failNext` answers that many requests with 500 first.
 */
function startReceiver(port: number) {
	const received: Received[] = [];
	let failNext = 0;
	let server: Server | null = null;
	const api = {
		received,
		failTimes(n: number) {
			failNext = n;
		},
		async up() {
			server = createServer((req, res) => {
				let body = '';
				req.on('data', (c) => (body += c));
				req.on('end', () => {
					received.push({ path: req.url ?? '', headers: req.headers, body });
					if (failNext > 0) {
						failNext--;
						res.writeHead(500).end('not now');
					} else res.writeHead(200).end('ok');
				});
			});
			await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
		},
		async down() {
			server?.closeAllConnections();
			await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
			server = null;
		},
		async waitFor(check: (r: Received[]) => boolean, what: string, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			while (!check(received)) {
				if (Date.now() > deadline) throw new Error(`receiver: ${what} did not arrive within ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => [r.path, r.body]))}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		}
	};
	return api;
}

if (!adminUrl) postgresUnavailable(suite);
else {
	/**
	 * Issue 15, point 4, end to end: the production build on a PostgreSQL database of its own, a real
	 * receiver, signatures checked with the maintained `standardwebhooks` package. Registered through
	 * the page's plain forms; events caused through the board page's own forms.
	 */
	describe(suite, () => {
		let db: TestDatabase;
		let server: BuiltServer;
		let receiver: ReturnType<typeof startReceiver>;
		let base: string;
		let owner: Awaited<ReturnType<typeof makeUser>>;
		let editor: Awaited<ReturnType<typeof makeUser>>;
		let boardA: string;
		let boardB: string;
		const secrets: Record<string, string> = {};
		const ids: Record<string, string> = {};
		const env = () => ({ DATABASE_URL: db.url, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '300' });

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
			owner = await makeUser(db.store, 'Olle');
			editor = await makeUser(db.store, 'Eva');
			({ boardId: boardA } = await makeMeeting(db.store, owner.user));
			({ boardId: boardB } = await makeMeeting(db.store, owner.user));
			await db.store.boards.addMember(boardA, editor.user.id, 'editor');
			const port = await freePort();
			base = `http://127.0.0.1:${port}`;
			receiver = startReceiver(port);
			await receiver.up();
			server = await startBuiltServer(env());
		}, 90_000);

		afterAll(async () => {
			await server?.stop();
			await receiver?.down();
			await db?.drop();
		});

		/** The registration form, posted as a browser would (events as repeated fields). */
		async function register(boardId: string, url: string, events: string[], cookie = owner.cookie, lang = 'sv') {
			const body = new URLSearchParams([['url', url], ['description', 'Ärendesystemet'], ...events.map((e) => ['events', e])]);
			return fetch(`${server.url}/boards/${boardId}/webhooks?/register`, {
				method: 'POST',
				body,
				redirect: 'manual',
				headers: { origin: server.url, accept: 'text/html', 'accept-language': lang, cookie }
			});
		}
		const ofPath = (path: string) => receiver.received.filter((r) => r.path === path);
		const typeOf = (r: Received) => (JSON.parse(r.body) as { type: string }).type;

		it('only owners: another member gets 403 on the page and on every form; the board page links owners to it', async () => {
			expect((await fetchPage(server, `/boards/${boardA}/webhooks`, editor.cookie)).status).toBe(403);
			expect((await register(boardA, `${base}/x`, ['action.created'], editor.cookie)).status).toBe(403);
			expect((await postForm(server, `/boards/${boardA}/webhooks?/test`, { webhookId: 'x' }, editor.cookie)).status).toBe(403);
			expect((await fetchPage(server, `/boards/${boardA}`, editor.cookie)).html).not.toContain('data-testid="board-webhooks-link"');
			const board = await fetchPage(server, `/boards/${boardA}`, owner.cookie);
			expect(board.html).toContain('Integrationer');
			expect(board.html).toContain(`href="/boards/${boardA}/webhooks"`);
			const own = await fetchPage(server, `/boards/${boardA}/webhooks`, owner.cookie, 'en');
			expect(own.status).toBe(200);
			expect(own.html).toContain('Register a webhook');
		});

		it('hostile input is refused with a translated message; nothing is stored', async () => {
			const wrongHost = await register(boardA, 'https://hooks.example.org/in', ['action.created'], owner.cookie, 'en');
			expect(wrongHost.status).toBe(400);
			expect(await wrongHost.text()).toContain('The operator has not allowed that host for webhooks.');
			const noEvents = await register(boardA, `${base}/a`, ['drop.tables'], owner.cookie, 'da');
			expect(noEvents.status).toBe(400);
			expect(await noEvents.text()).toContain('Vælg mindst én hændelse på listen.');
			expect(await db.store.webhooks.listForBoard(boardA)).toEqual([]);
		});

		it('an owner registers one webhook per board through the form, the secret is shown once', async () => {
			for (const [boardId, path] of [
				[boardA, '/a'],
				[boardB, '/b']
			]) {
				const made = await register(boardId, base + path, ['ask.answered', 'action.created']);
				expect(made.status).toBe(200);
				const html = await made.text();
				const secret = /value="(whsec_[A-Za-z0-9+/=]+)"/.exec(html)?.[1];
				expect(secret, 'the secret on the page').toBeDefined();
				secrets[path] = secret!;
				const [hook] = await db.store.webhooks.listForBoard(boardId);
				ids[path] = hook.id;
				expect(hook).toMatchObject({ url: base + path, events: ['ask.answered', 'action.created'], active: true, description: 'Ärendesystemet' });
				// Shown once: the page afterwards lists the webhook, never the secret again.
				const again = await fetchPage(server, `/boards/${boardId}/webhooks`, owner.cookie);
				expect(again.html).toContain(base + path);
				expect(again.html).not.toContain(secret!);
			}
		});

		it('an ask answered on board A reaches A’s receiver (ask.answered and the action it made), signed; B’s receiver hears nothing of A', async () => {
			const asked = await postForm(server, `/boards/${boardA}?/propose`, { kind: 'action', text: 'Fler språk i broschyren', meetingId: '', toAgencyId: owner.user.agencyId }, editor.cookie);
			expect(asked.status).toBe(200);
			const askId = /name="askId" value="([^"]+)"/.exec((await fetchPage(server, `/boards/${boardA}`, owner.cookie)).html)![1];
			const answered = await postForm(server, `/boards/${boardA}?/answer`, { askId, outcome: 'action', meetingId: '', agencyId: owner.user.agencyId, reason: '' }, owner.cookie);
			expect(answered.status).toBe(200);
			await receiver.waitFor(() => ofPath('/a').some((r) => typeOf(r) === 'ask.answered') && ofPath('/a').some((r) => typeOf(r) === 'action.created'), 'ask.answered and action.created on /a');
			for (const got of ofPath('/a')) {
				const payload = new Webhook(secrets['/a']).verify(got.body, got.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
				expect(payload.data.boardId).toBe(boardA);
				expect(got.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
				// Signed with A's secret, not B's.
				expect(() => new Webhook(secrets['/b']).verify(got.body, got.headers as Record<string, string>)).toThrow();
			}
			const answer = JSON.parse(ofPath('/a').find((r) => typeOf(r) === 'ask.answered')!.body);
			expect(answer).toMatchObject({ type: 'ask.answered', data: { boardId: boardA, askId, outcome: 'action', agencyId: owner.user.agencyId } });
			expect(answer.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
			// Ids and outcome only: the ask's own words stay on the board (the action it made has its title, as every action).
			expect(answer.data.actionId).toEqual(expect.any(String));
			expect(JSON.stringify(answer)).not.toContain('broschyren');
			const created = JSON.parse(ofPath('/a').find((r) => typeOf(r) === 'action.created')!.body);
			expect(created.data).toEqual({ boardId: boardA, actionId: answer.data.actionId, title: 'Fler språk i broschyren', status: 'open', agencyId: owner.user.agencyId, dueDate: null, meetingId: null });
			await new Promise((r) => setTimeout(r, 500));
			expect(ofPath('/b')).toEqual([]);
		});

		it('an action recorded through the API (issue 15) is announced as any other: action.created to B’s receiver, signed', async () => {
			const made = await createApiToken(db.store, owner.user, { name: 'Ärendesystemet', scope: 'actions:write', days: '30' }, new Date(), { id: boardB, role: 'owner' });
			if (!made.ok) throw new Error(JSON.stringify(made.errors));
			const before = ofPath('/b').length;
			const response = await fetch(`${server.url}/api/v1/boards/${boardB}/actions`, {
				method: 'POST',
				headers: { authorization: `Bearer ${made.value.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ title: 'Svara ärendesystemet', agencyId: owner.user.agencyId, dueDate: '2027-02-01' })
			});
			expect(response.status).toBe(201);
			const { id } = await response.json();
			await receiver.waitFor(() => ofPath('/b').slice(before).some((r) => typeOf(r) === 'action.created'), 'action.created from the API on /b');
			const got = ofPath('/b').slice(before).find((r) => typeOf(r) === 'action.created')!;
			const payload = new Webhook(secrets['/b']).verify(got.body, got.headers as Record<string, string>) as { data: Record<string, unknown> };
			expect(payload.data).toMatchObject({ boardId: boardB, actionId: id, title: 'Svara ärendesystemet', dueDate: '2027-02-01' });
		});

		it('a receiver answering 500 twice gets the delivery a third time, then it is delivered (attempt 3), shown so on the page', async () => {
			const before = ofPath('/b').length;
			receiver.failTimes(2);
			expect((await postForm(server, `/boards/${boardB}/webhooks?/test`, { webhookId: ids['/b'] }, owner.cookie)).status).toBe(200);
			await receiver.waitFor(() => ofPath('/b').length >= before + 3, 'three attempts on /b');
			const attempts = ofPath('/b').slice(before);
			expect(attempts.map(typeOf)).toEqual(['webhook.test', 'webhook.test', 'webhook.test']);
			// One delivery: the same webhook-id and body every time, a fresh signature each time.
			expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
			expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
			for (const got of attempts) new Webhook(secrets['/b']).verify(got.body, got.headers as Record<string, string>);
			let delivery = await db.store.webhooks.get(String(attempts[0].headers['webhook-id']));
			for (let i = 0; i < 50 && delivery?.state !== 'delivered'; i++) {
				await new Promise((r) => setTimeout(r, 100));
				delivery = await db.store.webhooks.get(String(attempts[0].headers['webhook-id']));
			}
			expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
			const page = await fetchPage(server, `/boards/${boardB}/webhooks`, owner.cookie, 'en');
			expect(page.html).toContain('Delivered (HTTP 200)');
		});

		it('a delivery pending while the receiver is down survives a restart and arrives exactly once', async () => {
			await receiver.down();
			const before = receiver.received.length;
			expect((await postForm(server, `/boards/${boardA}/webhooks?/test`, { webhookId: ids['/a'] }, owner.cookie)).status).toBe(200);
			// Tried at least once (connection refused) and waiting for its next attempt.
			let pending = (await db.store.webhooks.deliveries(ids['/a'], 1))[0];
			for (let i = 0; i < 100 && !(pending?.eventType === 'webhook.test' && pending.attempts >= 1 && pending.state === 'pending'); i++) {
				await new Promise((r) => setTimeout(r, 50));
				pending = (await db.store.webhooks.deliveries(ids['/a'], 1))[0];
			}
			expect(pending).toMatchObject({ eventType: 'webhook.test', state: 'pending' });
			expect(pending.lastError).toMatch(/ECONNREFUSED/);
			const page = await fetchPage(server, `/boards/${boardA}/webhooks`, owner.cookie, 'en');
			expect(page.html).toMatch(/Retrying at [^<]+ECONNREFUSED/);

			await server.stop();
			await receiver.up();
			server = await startBuiltServer(env());
			await receiver.waitFor((r) => r.slice(before).some((x) => x.headers['webhook-id'] === pending.id), 'the pending delivery after the restart');
			await new Promise((r) => setTimeout(r, 1500));
			const copies = receiver.received.slice(before).filter((x) => x.headers['webhook-id'] === pending.id);
			expect(copies).toHaveLength(1);
			new Webhook(secrets['/a']).verify(copies[0].body, copies[0].headers as Record<string, string>);
			expect(await db.store.webhooks.get(pending.id)).toMatchObject({ state: 'delivered' });
		}, 60_000);

		it('a paused webhook gets nothing; deleting removes it and its deliveries', async () => {
			expect((await postForm(server, `/boards/${boardB}/webhooks?/active`, { webhookId: ids['/b'], active: 'false' }, owner.cookie)).status).toBe(200);
			const before = ofPath('/b').length;
			await postForm(server, `/boards/${boardB}/webhooks?/test`, { webhookId: ids['/b'] }, owner.cookie);
			await new Promise((r) => setTimeout(r, 800));
			expect(ofPath('/b')).toHaveLength(before);
			// An id that cannot be one is not found (never a database error).
			expect((await postForm(server, `/boards/${boardB}/webhooks?/delete`, { webhookId: 'a\u0000b' }, owner.cookie)).status).toBe(400);
			// Another board's owner form cannot reach it by id.
			expect((await postForm(server, `/boards/${boardA}/webhooks?/delete`, { webhookId: ids['/b'] }, owner.cookie)).status).toBe(400);
			expect((await postForm(server, `/boards/${boardB}/webhooks?/delete`, { webhookId: ids['/b'] }, owner.cookie)).status).toBe(200);
			expect(await db.store.webhooks.listForBoard(boardB)).toEqual([]);
			expect(await db.store.webhooks.deliveries(ids['/b'], 20)).toEqual([]);
		});
	});
}
