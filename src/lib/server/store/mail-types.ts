import type { MailKind } from '../../domain/mail.js';
import type { BoardLanguage } from '../../domain/board-language.js';

/** A message as rendered and queued: everything the worker needs to send it, nothing looked up later. */
export interface MailContent {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
	headers: Record<string, string>;
	/** Text attachments (the meeting's iCal event). */
	attachments: Array<{ filename: string; contentType: string; content: string }>;
}

export interface NewMail {
	/** Also the Message-ID's local part: every attempt sends the same Message-ID. */
	id: string;
	kind: MailKind;
	recipient: string;
	userId: string | null;
	/** One message per event, recipient and kind: queueing the same key again is dropped. */
	dedupeKey: string | null;
	content: MailContent;
	/** SHA-256 (hex) of the unsubscribe token in the message's link, or null when it has none. */
	unsubscribeHash: string | null;
	createdAt: Date;
}

export type MailState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxRow extends Omit<NewMail, 'unsubscribeHash'> {
	state: MailState;
	attempts: number;
	/** pending: not before this; sending: when the claim's lease ends. */
	nextAttemptAt: Date;
	leaseHolder: string | null;
	lastError: string | null;
	sentAt: Date | null;
}

export type EnqueueResult = 'queued' | 'duplicate' | 'opted-out';

/** The outbox (migration mail_outbox): queued by services, claimed and marked by the mail worker. */
export interface OutboxStore {
	enqueue(mail: NewMail): Promise<EnqueueResult>;
	/** Up to `limit` due rows, now held by `holder` for `leaseMs` (see the migration for the guarantee). */
	claim(holder: string, leaseMs: number, limit: number): Promise<OutboxRow[]>;
	/** False when `holder` no longer holds the row. */
	markSent(id: string, holder: string): Promise<boolean>;
	/** The row's new state ('pending' again after `retryMs`, or 'failed'); null when `holder` no longer holds it. */
	markFailed(id: string, holder: string, failure: { error: string; retryMs: number; maxAttempts: number; permanent: boolean }): Promise<MailState | null>;
	get(id: string): Promise<OutboxRow | null>;
	/** Rows in one state, oldest first (operators, tests). */
	list(state: MailState, limit?: number): Promise<OutboxRow[]>;
	/**
	 * Retention (MAIL_RETENTION_DAYS, the daily upkeep): sent rows sent before `sentBefore` and
	 * failed rows queued before `failedBefore` go; their unsubscribe links are kept (address and
	 * kind only) until `linksBefore`. Pending and sending rows stay. How many of each went.
	 */
	prune(cutoffs: { sentBefore: Date; failedBefore: Date; linksBefore: Date }): Promise<{ sent: number; failed: number; links: number }>;
}

/** What a person chose about e-mail: the language it is written in, the kinds they unsubscribed from. */
export interface MailPrefsStore {
	/** Address, language and id of each of these users that exists, in no particular order. */
	recipients(userIds: string[]): Promise<Array<{ userId: string; email: string; language: BoardLanguage }>>;
	setLanguage(userId: string, language: BoardLanguage): Promise<void>;
	/** The kinds the address unsubscribed from. */
	optOuts(address: string): Promise<MailKind[]>;
	setOptOut(address: string, kind: MailKind, optedOut: boolean, at: Date): Promise<void>;
	/**
	 * An erased account (GDPR article 17): its messages (queued ones are then never sent, sent ones
	 * held its address and words) and its address's choices go. Returns how many messages went.
	 */
	forget(userId: string, address: string): Promise<number>;
	/** Actions not done, with an assignee, due between `from` and `to` (YYYY-MM-DD, inclusive), by due date. */
	actionsDue(from: string, to: string): Promise<Array<{ boardId: string; actionId: string; title: string; dueDate: string; assigneeId: string }>>;
	/** The address and kind an unsubscribe link was sent for, by the SHA-256 of its token (its message, or the link kept after it went). */
	unsubscribeTarget(tokenHash: string): Promise<{ address: string; kind: MailKind } | null>;
}
