import { boardLanguage } from '../../domain/board-language.js';
import { isMailKind, type MailKind } from '../../domain/mail.js';
import { date, jsonRows, type Row } from './rows.js';
import type { MailContent, MailState, NewMail, OutboxRow } from './mail-types.js';

/** The one argument of samtavla_mail_enqueue (both adapters send the same JSON). */
export const enqueueArg = (m: NewMail) => ({
	id: m.id,
	kind: m.kind,
	recipient: m.recipient,
	user_id: m.userId,
	dedupe_key: m.dedupeKey,
	content: m.content,
	unsubscribe_hash: m.unsubscribeHash,
	created_at: m.createdAt.toISOString()
});

const STATES: readonly MailState[] = ['pending', 'sending', 'sent', 'failed'];

const mailKind = (value: unknown): MailKind => {
	if (!isMailKind(value)) throw new TypeError(`unknown mail kind ${String(value)}`);
	return value;
};

/** A mail_outbox row, from to_jsonb (claim, SQL reads) or PostgREST (Supabase reads): the same keys. */
export function toOutboxRow(r: Row): OutboxRow {
	const content = typeof r.content === 'string' ? (JSON.parse(r.content) as MailContent) : (r.content as MailContent);
	const state = String(r.state) as MailState;
	if (!STATES.includes(state)) throw new TypeError(`unknown outbox state ${state}`);
	return {
		id: String(r.id),
		kind: mailKind(r.kind),
		recipient: String(r.recipient),
		userId: r.user_id == null ? null : String(r.user_id),
		dedupeKey: r.dedupe_key == null ? null : String(r.dedupe_key),
		content,
		createdAt: date(r.created_at),
		state,
		attempts: Number(r.attempts),
		nextAttemptAt: date(r.next_attempt_at),
		leaseHolder: r.lease_holder == null ? null : String(r.lease_holder),
		lastError: r.last_error == null ? null : String(r.last_error),
		sentAt: r.sent_at == null ? null : date(r.sent_at)
	};
}

export const toOutboxRows = (value: unknown, fn: string): OutboxRow[] => jsonRows(value, fn).map(toOutboxRow);

export const toRecipient = (r: Row) => ({ userId: String(r.id), email: String(r.email), language: boardLanguage(r.language) });

/** samtavla_mail_prune's answer. */
export function toPruned(value: unknown): { sent: number; failed: number; links: number } {
	const r = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null;
	if (!r || typeof r !== 'object') throw new TypeError(`samtavla_mail_prune: unexpected result ${JSON.stringify(value)}`);
	return { sent: Number(r.sent ?? 0), failed: Number(r.failed ?? 0), links: Number(r.links ?? 0) };
}

export const pruneArgs = (c: { sentBefore: Date; failedBefore: Date; linksBefore: Date }) => ({
	p_sent_before: c.sentBefore.toISOString(),
	p_failed_before: c.failedBefore.toISOString(),
	p_links_before: c.linksBefore.toISOString()
});

export const OUTBOX_COLUMNS = 'id, kind, recipient, user_id, dedupe_key, content, state, attempts, next_attempt_at, lease_holder, last_error, created_at, sent_at';

/** A row of actionsDue; due_date comes back as a date (drivers) or a string (PostgREST). */
export const toDueAction = (r: Row) => ({
	boardId: String(r.board_id),
	actionId: String(r.id),
	title: String(r.title),
	dueDate: r.due_date instanceof Date ? r.due_date.toISOString().slice(0, 10) : String(r.due_date).slice(0, 10),
	assigneeId: String(r.assignee_id)
});
