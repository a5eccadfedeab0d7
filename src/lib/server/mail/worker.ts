import { randomUUID } from 'node:crypto';
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_MS, retryDelayMs } from '../../domain/mail.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../store/mail-types.js';
import { describeFailure, isPermanentFailure, type MailTransport } from './transport.js';
import { startPollLoop } from '../outbox/poll-loop.js';
import { mailWake } from './wake.js';

export interface MailWorkerOptions {
	pollMs: number;
	leaseMs: number;
	maxAttempts?: number;
	/** [0, 1): spreads retries of instances that failed together (tests pass a constant). */
	jitter?: () => number;
	/** The first retry's wait (MAIL_RETRY_BASE_MS unless given; tests retry at once). */
	retryBaseMs?: number;
}

export interface MailWorker {
	/** Sends what is due now, one claimed row at a time; resolves when nothing is due (or it stopped). */
	runOnce(): Promise<{ sent: number; failed: number }>;
	/**
	 * No new claim; a send in progress gets until its transport's timeouts or `graceMs` to finish,
	 * then its connection is cut (its lease ends and the message is sent again, same Message-ID).
	 */
	stop(graceMs?: number): Promise<void>;
	/** This instance's name in the outbox's lease_holder column. */
	readonly holder: string;
}

/**
 * The outbox's sender in this process (issue 14, point 6). Each instance runs one: a row is
 * claimed (leased) before it is sent and marked sent right after the SMTP server accepted it, so
 * instances never share a row and a restart finds every unsent row again. One row per claim: the
 * lease covers one send, whatever the number of messages due.
 */
export function startMailWorker(outbox: OutboxStore, transport: MailTransport, logger: Logger, options: MailWorkerOptions): MailWorker {
	const holder = `mail-${randomUUID()}`;
	const maxAttempts = options.maxAttempts ?? MAIL_MAX_ATTEMPTS;
	const jitter = options.jitter ?? Math.random;

	async function drain(): Promise<{ sent: number; failed: number }> {
		let sent = 0;
		let failed = 0;
		while (!loop.stopping) {
			const [row] = await outbox.claim(holder, options.leaseMs, 1);
			if (!row) break;
			const log = { mail: row.id, kind: row.kind, attempt: row.attempts };
			try {
				await transport.send(row);
			} catch (error) {
				failed++;
				const permanent = isPermanentFailure(error);
				const reason = describeFailure(error);
				const state = await outbox.markFailed(row.id, holder, { error: reason, retryMs: retryDelayMs(row.attempts, jitter(), options.retryBaseMs ?? MAIL_RETRY_BASE_MS), maxAttempts, permanent });
				if (state === 'failed') logger.error({ ...log, reason }, 'e-mail given up: it stays in the outbox as failed');
				else logger.warn({ ...log, reason, state }, 'e-mail not sent; it will be tried again');
				// The server is down or refusing: the rest wait for the next poll instead of each using up an attempt now.
				if (!permanent) break;
				continue;
			}
			sent++;
			if (await outbox.markSent(row.id, holder)) logger.info(log, 'e-mail sent');
			else logger.warn(log, 'e-mail sent after its lease ended: another instance may send it again (same Message-ID)');
		}
		return { sent, failed };
	}

	const loop = startPollLoop(drain, { pollMs: options.pollMs, wake: mailWake, logger, name: 'the mail worker' });
	logger.info({ holder, pollMs: options.pollMs, leaseMs: options.leaseMs }, 'e-mail is on: the outbox is sent over SMTP');

	return {
		holder,
		runOnce: loop.runOnce,
		async stop(graceMs = 10_000) {
			await loop.stop(graceMs);
			transport.close();
			// A send cut just now fails at once; let it record that before the store closes.
			await loop.settled(1000);
		}
	};
}
