import type { BoardPurgeCounts, BoardRetention } from './types.js';

type Row = Record<string, unknown>;

const days = (v: unknown): number | null => (v == null ? null : Number(v));

/** A boards row's retention columns. */
export const toRetention = (r: Row): BoardRetention => ({
	draftsDays: days(r.retain_drafts_days),
	historyDays: days(r.retain_history_days),
	auditDays: days(r.retain_audit_days)
});

export const retentionColumns = (r: BoardRetention) => ({
	retain_drafts_days: r.draftsDays,
	retain_history_days: r.historyDays,
	retain_audit_days: r.auditDays
});

/** samtavla_purge_board's jsonb (text or parsed), or null when nothing was due. */
export function toPurgeCounts(value: unknown): BoardPurgeCounts | null {
	if (value == null) return null;
	const o = (typeof value === 'string' ? JSON.parse(value) : value) as Row | null;
	if (o == null) return null;
	const n = (k: string) => Number(o[k] ?? 0);
	return {
		meetings: n('meetings'),
		protocols: n('protocols'),
		addenda: n('addenda'),
		members: n('members'),
		invites: n('invites'),
		actions: n('actions'),
		updates: n('updates'),
		snapshots: n('snapshots')
	};
}

export function toCounts<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> {
	const o = (typeof value === 'string' ? JSON.parse(value) : value) as Row;
	return Object.fromEntries(keys.map((k) => [k, Number(o?.[k] ?? 0)])) as Record<K, number>;
}
