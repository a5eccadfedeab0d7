import { randomUUID } from 'node:crypto';
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_MS, retryDelayMs } from '../../domain/mail.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../store/mail-types.js';
import { describeFailure, isPermanentFailure, type MailTransport } from './transport.js';
import { onMailQueued } from './wake.js';

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
	let stopping = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<{ sent: number; failed: number }> | null = null;
	let again = false;

	async function drain(): Promise<{ sent: number; failed: number }> {
		let sent = 0;
		let failed = 0;
		while (!stopping) {
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

	function runOnce(): Promise<{ sent: number; failed: number }> {
		if (running) {
			again = true;
			return running;
		}
		running = drain().finally(() => {
			running = null;
			if (again && !stopping) {
				again = false;
				void runOnce().catch(() => {});
			}
		});
		return running;
	}

	function schedule(): void {
		if (stopping) return;
		timer = setTimeout(() => {
			runOnce()
				.catch((error) => logger.error({ err: error }, 'the mail worker could not read the outbox; it tries again at the next poll'))
				.finally(schedule);
		}, options.pollMs);
		timer.unref?.();
	}

	onMailQueued(() => {
		if (!stopping) void runOnce().catch((error) => logger.error({ err: error }, 'the mail worker could not read the outbox'));
	});
	schedule();
	logger.info({ holder, pollMs: options.pollMs, leaseMs: options.leaseMs }, 'e-mail is on: the outbox is sent over SMTP');

	return {
		holder,
		runOnce,
		async stop(graceMs = 10_000) {
			stopping = true;
			onMailQueued(undefined);
			if (timer) clearTimeout(timer);
			const inFlight = running;
			if (inFlight) {
				let cut: ReturnType<typeof setTimeout> | undefined;
				await Promise.race([inFlight.catch(() => {}), new Promise<void>((resolve) => (cut = setTimeout(resolve, graceMs)))]);
				clearTimeout(cut);
			}
			transport.close();
			// A send cut just now fails at once; let it record that before the store closes.
			if (running) await Promise.race([running.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref?.())]);
		}
	};
}
