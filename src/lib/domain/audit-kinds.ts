/**
 * What the audit log records (issue 11, point 8), one kind per action that causes it. The log page
 * names each kind in the reader's language; the store keeps the kind as text, so a kind added
 * later never needs a migration.
 */
export const AUDIT_KINDS = [
	'sign-in',
	'sign-in-failed',
	'sign-out',
	'session-revoked',
	'account-created',
	'account-erased',
	'board-created',
	'role-changed',
	'member-removed',
	'invite-created',
	'invite-used',
	'invite-revoked',
	'meeting-created',
	'meeting-changed',
	'meeting-cancelled',
	'meeting-moved',
	'adjusters-appointed',
	'protocol-approved',
	'protocol-objected',
	'objection-answered',
	'addendum-written',
	'addendum-approved',
	'internal-export',
	'published',
	'unpublished',
	'data-exported',
	'board-deletion-requested',
	'board-deletion-cancelled',
	'board-purged',
	'retention-changed',
	'retention-applied',
	// Issue 12: what the follow-on features change outside the live documents' own history.
	'ask-answered',
	'venue-saved',
	'venue-changed',
	'venue-removed',
	'venue-restored',
	'template-saved',
	'item-carried',
	'suggestion-added',
	'series-created',
	'backlog-added',
	'backlog-removed',
	// Issue 15: API tokens made and revoked, and every request a token made (method, route, status).
	'api-token-created',
	'api-token-revoked',
	'api-request',
	// Issue 14: the agenda sent to the members by e-mail (how many, not to whom).
	'agenda-sent',
	// Issue 15: webhooks
	'webhook-created',
	'webhook-changed',
	'webhook-deleted'
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

export function isAuditKind(value: unknown): value is AuditKind {
	return typeof value === 'string' && (AUDIT_KINDS as readonly string[]).includes(value);
}

/** Kinds about a person's account rather than a board: shown in "my entries", never in a board's log. */
export const ACCOUNT_KINDS: readonly AuditKind[] = ['sign-in', 'sign-in-failed', 'sign-out', 'session-revoked', 'account-created', 'account-erased', 'data-exported'];
