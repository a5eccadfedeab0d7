import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { loadConfig, type SmtpConfig } from '../../src/lib/server/config';
import { createLogger } from '../../src/lib/server/logger';
import { startMailWorker, type MailWorker } from '../../src/lib/server/mail/worker';
import { smtpTransport } from '../../src/lib/server/mail/transport';
import type { NewMail, OutboxStore } from '../../src/lib/server/store/mail-types';
import { startTestApp } from './helpers';
import { smtpError, startSmtp, type Decide, type TestSmtp } from './mail-harness';

/**
 * The mail worker against a real SMTP server (issue 14, point 8): each queued row arrives once;
 * a failing server is retried and the message delivered once; a refused address is given up and
 * kept; two workers share the outbox without sending a row twice; a worker stopped mid-send loses
 * nothing and sends nothing twice. The app runs with e-mail off, so only the workers made here send.
 */
describe('mail worker', () => {
	let app: Awaited<ReturnType<typeof startTestApp>>;
	let outbox: OutboxStore;
	const workers: MailWorker[] = [];
	const servers: TestSmtp[] = [];
	const logger = createLogger('silent');

	beforeAll(async () => {
		app = await startTestApp();
		outbox = app.runtime.store.outbox;
	});
	afterEach(async () => {
		for (const w of workers.splice(0)) await w.stop(0);
		for (const s of servers.splice(0)) await s.close();
	});
	afterAll(async () => {
		await app?.close();
	});

	async function smtp(decide?: Decide): Promise<{ server: TestSmtp; config: SmtpConfig }> {
		const server = await startSmtp(decide);
		servers.push(server);
		return { server, config: loadConfig({ ...server.env, MAIL_POLL_MS: '3600000', MAIL_LEASE_MS: '1000' }).smtp! };
	}

	function worker(config: SmtpConfig, options: { retryBaseMs?: number; store?: OutboxStore } = {}): MailWorker {
		const w = startMailWorker(options.store ?? outbox, smtpTransport(config), logger, { ...config, retryBaseMs: options.retryBaseMs ?? 0, jitter: () => 0 });
		workers.push(w);
		return w;
	}

	/** Leaves nothing due from an earlier test (each starts from an empty queue). */
	async function drain(): Promise<void> {
		for (const row of await outbox.claim('drain', 3_600_000, 1000)) await outbox.markSent(row.id, 'drain');
	}

	async function queue(overrides: Partial<NewMail> = {}): Promise<NewMail> {
		const id = newId();
		const mail: NewMail = {
			id,
			kind: 'invitation',
			recipient: `p-${id}@example.org`,
			userId: null,
			dedupeKey: `test:${id}`,
			content: {
				to: `p-${id}@example.org`,
				subject: `Prov ${id} — åäö`,
				text: `Hej!\n\nhttps://samtavla.test/invite/${id}\n`,
				html: `<p>Hej!</p><p><a href="https://samtavla.test/invite/${id}">Öppna</a></p>`,
				headers: { 'List-Unsubscribe': `<https://samtavla.test/unsubscribe/${id}/one-click>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
				attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' }]
			},
			unsubscribeHash: null,
			createdAt: new Date(),
			...overrides
		};
		expect(await outbox.enqueue(mail)).toBe('queued');
		return mail;
	}

	it('a queued message arrives once, as rendered, with its stable Message-ID and unsubscribe headers', async () => {
		await drain();
		const { server, config } = await smtp();
		const mail = await queue();
		const w = worker(config);
		expect(await w.runOnce()).toEqual({ sent: 1, failed: 0 });
		const [got] = await server.waitFor(1);
		expect(got.messageId).toBe(`<${mail.id}@samtavla.test>`);
		expect(got.subject).toBe(mail.content.subject);
		expect(got.from?.value).toEqual([{ name: 'Samtavla', address: 'noreply@samtavla.test' }]);
		expect(got.to && !Array.isArray(got.to) ? got.to.value[0].address : null).toBe(mail.recipient);
		expect(got.text).toBe(mail.content.text);
		expect(got.html).toContain(`https://samtavla.test/invite/${mail.id}`);
		const lines = new Map(got.headerLines.map((h) => [h.key, h.line.replace(/\r\n\s+/g, ' ')]));
		expect(lines.get('list-unsubscribe')).toBe(`List-Unsubscribe: <https://samtavla.test/unsubscribe/${mail.id}/one-click>`);
		expect(lines.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(got.headers.get('auto-submitted')).toBe('auto-generated');
		expect(got.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([
			['meeting.ics', 'text/calendar', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n']
		]);
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'sent', attempts: 1 });
		// Nothing more is due: another run sends nothing.
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect(server.received).toHaveLength(1);
	});

	it('a server that fails and then recovers: retried with its error kept meanwhile, delivered once', async () => {
		await drain();
		const { server, config } = await smtp((attempt) => {
			if (attempt === 1) throw smtpError(451, 'Try again later');
		});
		const mail = await queue();
		const w = worker(config);
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 1 });
		const waiting = await outbox.get(mail.id);
		expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
		expect(waiting?.lastError).toMatch(/451/);
		expect(await w.runOnce()).toEqual({ sent: 1, failed: 0 });
		expect((await server.waitFor(1)).map((m) => m.messageId)).toEqual([`<${mail.id}@samtavla.test>`]);
		expect(server.attempts()).toBe(2);
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
	});

	it('with an hour between retries, a failed message waits (and the rest of the queue with it)', async () => {
		await drain();
		const { server, config } = await smtp(() => {
			throw smtpError(421, 'Service not available');
		});
		const first = await queue();
		const second = await queue();
		const w = worker(config, { retryBaseMs: 3_600_000 });
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect((await outbox.get(first.id))?.state).toBe('pending');
		expect((await outbox.get(second.id))?.state).toBe('pending');
		expect(server.received).toHaveLength(0);
		await drain();
	});

	it('an address the server refuses (5xx) is given up at once and stays in the outbox as failed', async () => {
		await drain();
		const { server, config } = await smtp(() => {
			throw smtpError(550, 'No such user here');
		});
		const mail = await queue();
		const w = worker(config);
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'failed', attempts: 1 });
		expect((await outbox.get(mail.id))?.lastError).toMatch(/550/);
		expect((await outbox.list('failed')).map((r) => r.id)).toContain(mail.id);
		expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect(server.attempts()).toBe(1);
	});

	it('two workers on one outbox: every message arrives exactly once', async () => {
		await drain();
		const { server, config } = await smtp();
		const queued = [];
		for (let i = 0; i < 12; i++) queued.push(await queue());
		const [a, b] = [worker(config), worker(config)];
		const results = await Promise.all([a.runOnce(), b.runOnce()]);
		expect(results[0].sent + results[1].sent).toBe(12);
		const got = await server.waitFor(12);
		expect(got.map((m) => m.messageId).sort()).toEqual(queued.map((m) => `<${m.id}@samtavla.test>`).sort());
		expect(server.received).toHaveLength(12);
	});

	it('stopped mid-send (the server never took the message): the next worker sends it, once', async () => {
		await drain();
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const { server, config } = await smtp(async (attempt) => {
			if (attempt === 1) {
				await held;
				throw smtpError(451, 'connection went away');
			}
		});
		const mail = await queue();
		const first = worker(config);
		const run = first.runOnce().catch(() => ({ sent: 0, failed: 0 }));
		while (server.attempts() < 1) await new Promise((r) => setTimeout(r, 10));
		expect((await outbox.get(mail.id))?.state).toBe('sending');
		await first.stop(50);
		await run;
		release();
		// Whatever the stopped worker could record, the row is not lost: pending again, or still
		// 'sending' until its lease (1 s here) ends.
		expect(['pending', 'sending']).toContain((await outbox.get(mail.id))?.state);
		const second = worker(config);
		while (server.received.length < 1) {
			await second.runOnce();
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(server.received.map((m) => m.messageId)).toEqual([`<${mail.id}@samtavla.test>`]);
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'sent' });
		expect(await second.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect(server.received).toHaveLength(1);
	});

	it('a crash after the server took the message but before it was marked: sent again with the same Message-ID, then marked', async () => {
		await drain();
		const { server, config } = await smtp();
		const mail = await queue();
		// The process "dies" right after the SMTP server's 250: the mark never reaches the database.
		const dying: OutboxStore = { ...outbox, markSent: async () => Promise.reject(new Error('process died')) };
		const first = worker(config, { store: dying });
		await expect(first.runOnce()).rejects.toThrow('process died');
		await first.stop(0);
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'sending', attempts: 1 });
		const second = worker(config);
		while ((await outbox.get(mail.id))?.state !== 'sent') {
			await second.runOnce();
			await new Promise((r) => setTimeout(r, 50));
		}
		const got = await server.waitFor(2);
		// The one duplicate the outbox allows (see the migration): one Message-ID, so one message to a mail client.
		expect(got.map((m) => m.messageId)).toEqual([`<${mail.id}@samtavla.test>`, `<${mail.id}@samtavla.test>`]);
		expect(await outbox.get(mail.id)).toMatchObject({ state: 'sent', attempts: 2 });
		expect(await second.runOnce()).toEqual({ sent: 0, failed: 0 });
	});
});
