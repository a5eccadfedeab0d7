import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server for the e-mail tests, on a free port, plain (SMTP_TLS=none), taking any
 * sender and recipient. Every accepted message is parsed back with mailparser. `decide` may
 * refuse a message (an Error with `responseCode`) or hold it (a promise that settles later).
 */
export interface TestSmtp {
	port: number;
	env: Record<string, string>;
	/** Accepted messages, in order. */
	received: ParsedMail[];
	/** Messages the server was handed, accepted or not (for "was it tried"). */
	attempts(): number;
	/** Resolves once `count` messages have been accepted (polls; the test's own timeout bounds it). */
	waitFor(count: number): Promise<ParsedMail[]>;
	close(): Promise<void>;
}

export type Decide = (attempt: number, raw: Buffer, session: SMTPServerSession) => Promise<void> | void;

export async function startSmtp(decide: Decide = () => {}): Promise<TestSmtp> {
	const received: ParsedMail[] = [];
	let attempts = 0;
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks);
				const attempt = ++attempts;
				Promise.resolve()
					.then(() => decide(attempt, raw, session))
					.then(async () => {
						received.push(await simpleParser(raw));
						callback();
					})
					.catch((error: Error) => callback(error));
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_TLS: 'none', MAIL_FROM: 'Samtavla <noreply@samtavla.test>' },
		received,
		attempts: () => attempts,
		async waitFor(count) {
			while (received.length < count) await new Promise((r) => setTimeout(r, 25));
			return received.slice(0, count);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** An SMTP refusal as smtp-server sends it. */
export function smtpError(code: number, text: string): Error {
	return Object.assign(new Error(text), { responseCode: code });
}

/** The first http(s) link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
	const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
	if (!found) throw new Error(`no link starting with ${prefix} in:\n${text}`);
	return found;
}

/** The one address a message was sent to. */
export const toAddress = (mail: ParsedMail): string | undefined => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined);
