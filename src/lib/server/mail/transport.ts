import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.js';
import type { OutboxRow } from '../store/mail-types.js';

/** What the worker needs of an SMTP connection: send one queued row, and let go at shutdown. */
export interface MailTransport {
	send(row: OutboxRow): Promise<void>;
	close(): void;
}

/**
 * Every attempt of a row sends this Message-ID, so a message sent twice (a crash right after the
 * server accepted it, see the migration mail_outbox) is one message to mail clients and providers.
 */
export function messageIdOf(rowId: string, from: SmtpConfig['from']): string {
	const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
	return `<${rowId}@${domain}>`;
}

/**
 * Nodemailer over SMTP. One pooled connection: a burst of messages reuses it, and `close()` cuts a
 * send in progress at shutdown (its row's lease then ends and it is sent again). The timeouts fit
 * inside the lease, so a send that hangs fails before another instance may take its message.
 */
export function smtpTransport(smtp: SmtpConfig): MailTransport {
	const timeout = Math.min(60_000, Math.max(300, Math.floor(smtp.leaseMs / 3)));
	const transporter = nodemailer.createTransport({
		pool: true,
		maxConnections: 1,
		host: smtp.host,
		port: smtp.port,
		secure: smtp.tls === 'implicit',
		requireTLS: smtp.tls === 'starttls',
		ignoreTLS: smtp.tls === 'none',
		auth: smtp.auth ? { user: smtp.auth.user, pass: smtp.auth.password } : undefined,
		connectionTimeout: timeout,
		greetingTimeout: timeout,
		socketTimeout: timeout
	});
	return {
		async send(row) {
			const c = row.content;
			await transporter.sendMail({
				from: smtp.from.name ? { name: smtp.from.name, address: smtp.from.address } : smtp.from.address,
				to: row.recipient,
				subject: c.subject,
				text: c.text,
				html: c.html,
				messageId: messageIdOf(row.id, smtp.from),
				date: row.createdAt,
				headers: { ...c.headers, 'Auto-Submitted': 'auto-generated', 'X-Samtavla-Kind': row.kind },
				attachments: c.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))
			});
		},
		close() {
			transporter.close();
		}
	};
}

/**
 * A failure no retry can mend: the server refused the recipient or the message (5xx), or would
 * not take the credentials. Connection trouble and 4xx answers are worth another try.
 */
export function isPermanentFailure(error: unknown): boolean {
	const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
	if (code === 'EAUTH') return false; // a rotated password is fixed by an operator; keep the message until then
	return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** The error as one log- and database-safe line: the server's answer, never the message itself. */
export function describeFailure(error: unknown): string {
	if (!(error instanceof Error)) return String(error).slice(0, 500);
	const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
	return [code, responseCode, error.message].filter((p) => p !== undefined && p !== '').join(' ').replace(/\s+/g, ' ').slice(0, 500);
}
