import type { SupabaseClient } from '@supabase/supabase-js';
import type { MailPrefsStore, OutboxStore } from '../mail-types.js';
import { isMailKind } from '../../../domain/mail.js';
import { enqueueArg, OUTBOX_COLUMNS, pruneArgs, toDueAction, toOutboxRow, toOutboxRows, toPruned, toRecipient } from '../mail-rows.js';
import { dataOf, rowOf, rowsOf, rpc, selectAll } from './request.js';

/** The e-mail outbox through the same store functions as the SQL store, over PostgREST. */
export function outbox(db: SupabaseClient): OutboxStore {
	return {
		async enqueue(mail) {
			return (await rpc(db, 'samtavla_mail_enqueue', { p_message: enqueueArg(mail) })) as 'queued' | 'duplicate' | 'opted-out';
		},
		async claim(holder, leaseMs, limit) {
			return toOutboxRows(await rpc(db, 'samtavla_mail_claim', { p_holder: holder, p_lease_ms: leaseMs, p_limit: limit }), 'samtavla_mail_claim');
		},
		async markSent(id, holder) {
			return (await rpc(db, 'samtavla_mail_sent', { p_id: id, p_holder: holder })) === true;
		},
		async markFailed(id, holder, f) {
			const state = await rpc(db, 'samtavla_mail_failed', {
				p_id: id,
				p_holder: holder,
				p_error: f.error,
				p_retry_ms: f.retryMs,
				p_max_attempts: f.maxAttempts,
				p_permanent: f.permanent
			});
			return (state ?? null) as Awaited<ReturnType<OutboxStore['markFailed']>>;
		},
		async get(id) {
			const row = rowOf('select from mail_outbox', await db.from('mail_outbox').select(OUTBOX_COLUMNS).eq('id', id).maybeSingle());
			return row ? toOutboxRow(row) : null;
		},
		async list(state, limit = 1000) {
			const rows = rowsOf(
				'select from mail_outbox',
				await db.from('mail_outbox').select(OUTBOX_COLUMNS).eq('state', state).order('created_at').order('id').limit(limit)
			);
			return rows.map(toOutboxRow);
		},
		async prune(cutoffs) {
			return toPruned(await rpc(db, 'samtavla_mail_prune', pruneArgs(cutoffs)));
		}
	};
}

/** `ilike` on the whole address: its `%`, `_` and `\` taken literally. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** People's language and per-kind opt-outs over PostgREST. Addresses are kept in lower case. */
export function mailPrefs(db: SupabaseClient): MailPrefsStore {
	return {
		async recipients(userIds) {
			if (userIds.length === 0) return [];
			return rowsOf('select from users', await db.from('users').select('id, email, language').in('id', userIds)).map(toRecipient);
		},
		async setLanguage(userId, language) {
			dataOf('update users', await db.from('users').update({ language }).eq('id', userId));
		},
		async optOuts(address) {
			const rows = rowsOf('select from mail_opt_outs', await db.from('mail_opt_outs').select('kind').eq('address', address.toLowerCase()).order('kind'));
			return rows.map((r) => r.kind).filter(isMailKind);
		},
		async setOptOut(address, kind, optedOut, at) {
			const lower = address.toLowerCase();
			if (optedOut) {
				dataOf(
					'insert into mail_opt_outs',
					await db.from('mail_opt_outs').upsert({ address: lower, kind, created_at: at.toISOString() }, { onConflict: 'address,kind', ignoreDuplicates: true })
				);
			} else {
				dataOf('delete from mail_opt_outs', await db.from('mail_opt_outs').delete().eq('address', lower).eq('kind', kind));
			}
		},
		async forget(userId, address) {
			// Two requests, not one transaction: a retry after a failure between them finishes the job.
			const byUser = rowsOf('delete from mail_outbox', await db.from('mail_outbox').delete().eq('user_id', userId).select('id'));
			const byAddress = rowsOf('delete from mail_outbox', await db.from('mail_outbox').delete().ilike('recipient', escapeLike(address)).select('id'));
			dataOf('delete from mail_opt_outs', await db.from('mail_opt_outs').delete().eq('address', address.toLowerCase()));
			// Kept links are stored in lower case (samtavla_mail_prune).
			dataOf('delete from mail_unsubscribe_links', await db.from('mail_unsubscribe_links').delete().eq('address', address.toLowerCase()));
			return byUser.length + byAddress.length;
		},
		async actionsDue(from, to) {
			const rows = await selectAll('select from actions', (first, last) =>
				db
					.from('actions')
					.select('board_id, id, title, due_date, assignee_id', { count: 'exact' })
					.neq('status', 'done')
					.not('assignee_id', 'is', null)
					.gte('due_date', from)
					.lte('due_date', to)
					.order('due_date')
					.order('board_id')
					.order('id')
					.range(first, last)
			);
			return rows.map(toDueAction);
		},
		async unsubscribeTarget(tokenHash) {
			const row = rowOf('select from mail_outbox', await db.from('mail_outbox').select('recipient, kind').eq('unsubscribe_hash', tokenHash).maybeSingle());
			if (row) return isMailKind(row.kind) ? { address: String(row.recipient), kind: row.kind } : null;
			// Its message went (retention); the link was kept.
			const kept = rowOf('select from mail_unsubscribe_links', await db.from('mail_unsubscribe_links').select('address, kind').eq('token_hash', tokenHash).maybeSingle());
			return kept && isMailKind(kept.kind) ? { address: String(kept.address), kind: kept.kind } : null;
		}
	};
}
