import type { SqlExecutor } from './executor.js';
import type { MailPrefsStore, OutboxStore } from '../mail-types.js';
import { isMailKind } from '../../../domain/mail.js';
import { enqueueArg, pruneArgs, toDueAction, toOutboxRow, toOutboxRows, toPruned, toRecipient } from '../mail-rows.js';

/** The e-mail outbox through its store functions (migration mail_outbox); reads as plain selects. */
export function outbox(db: SqlExecutor): OutboxStore {
	return {
		async enqueue(mail) {
			const [row] = await db.query('select samtavla_mail_enqueue(p_message => $1::text::jsonb) as result', [JSON.stringify(enqueueArg(mail))]);
			return row.result as 'queued' | 'duplicate' | 'opted-out';
		},
		async claim(holder, leaseMs, limit) {
			const [row] = await db.query('select samtavla_mail_claim(p_holder => $1, p_lease_ms => $2, p_limit => $3) as rows', [holder, leaseMs, limit]);
			return toOutboxRows(row.rows, 'samtavla_mail_claim');
		},
		async markSent(id, holder) {
			const [row] = await db.query('select samtavla_mail_sent(p_id => $1, p_holder => $2) as marked', [id, holder]);
			return row.marked === true;
		},
		async markFailed(id, holder, f) {
			const [row] = await db.query(
				'select samtavla_mail_failed(p_id => $1, p_holder => $2, p_error => $3, p_retry_ms => $4, p_max_attempts => $5, p_permanent => $6) as state',
				[id, holder, f.error, f.retryMs, f.maxAttempts, f.permanent]
			);
			return (row.state ?? null) as Awaited<ReturnType<OutboxStore['markFailed']>>;
		},
		async get(id) {
			const [row] = await db.query('select to_jsonb(o) as r from mail_outbox o where id = $1', [id]);
			return row ? toOutboxRow(row.r as Record<string, unknown>) : null;
		},
		async list(state, limit = 1000) {
			const rows = await db.query('select to_jsonb(o) as r from mail_outbox o where state = $1 order by created_at, id limit $2', [state, limit]);
			return rows.map((row) => toOutboxRow(row.r as Record<string, unknown>));
		},
		async prune(cutoffs) {
			const a = pruneArgs(cutoffs);
			const [row] = await db.query('select samtavla_mail_prune(p_sent_before => $1, p_failed_before => $2, p_links_before => $3) as pruned', [
				a.p_sent_before,
				a.p_failed_before,
				a.p_links_before
			]);
			return toPruned(row.pruned);
		}
	};
}

/** People's language and per-kind opt-outs (migration mail_outbox). */
export function mailPrefs(db: SqlExecutor): MailPrefsStore {
	return {
		async recipients(userIds) {
			if (userIds.length === 0) return [];
			return (await db.query('select id, email, language from users where id = any($1::text[])', [userIds])).map(toRecipient);
		},
		async setLanguage(userId, language) {
			await db.query('update users set language = $2 where id = $1', [userId, language]);
		},
		async optOuts(address) {
			const rows = await db.query('select kind from mail_opt_outs where address = lower($1) order by kind', [address]);
			return rows.map((r) => r.kind).filter(isMailKind);
		},
		async setOptOut(address, kind, optedOut, at) {
			if (optedOut) {
				await db.query('insert into mail_opt_outs (address, kind, created_at) values (lower($1), $2, $3) on conflict do nothing', [address, kind, at]);
			} else {
				await db.query('delete from mail_opt_outs where address = lower($1) and kind = $2', [address, kind]);
			}
		},
		async forget(userId, address) {
			return db.transaction(async (tx) => {
				const gone = await tx.query('delete from mail_outbox where user_id = $1 or lower(recipient) = lower($2) returning id', [userId, address]);
				await tx.query('delete from mail_opt_outs where address = lower($1)', [address]);
				await tx.query('delete from mail_unsubscribe_links where lower(address) = lower($1)', [address]);
				return gone.length;
			});
		},
		async actionsDue(from, to) {
			const rows = await db.query(
				`select board_id, id, title, due_date::text as due_date, assignee_id from actions
				 where status <> 'done' and assignee_id is not null and due_date between $1::date and $2::date order by due_date, board_id, id`,
				[from, to]
			);
			return rows.map(toDueAction);
		},
		async unsubscribeTarget(tokenHash) {
			const [row] = await db.query(
				'select recipient, kind from mail_outbox where unsubscribe_hash = $1 union all select address, kind from mail_unsubscribe_links where token_hash = $1 limit 1',
				[tokenHash]
			);
			return row && isMailKind(row.kind) ? { address: String(row.recipient), kind: row.kind } : null;
		}
	};
}
