import type { PasswordProblem } from './password-policy.js';
import { MEETING_MOVE_REFUSALS } from './meeting-lifecycle.js';
import { ADJUSTMENT_REFUSALS } from './adjustment.js';
import { MEETING_DETAILS_REFUSALS } from './meeting-details.js';
import { PUBLICATION_REFUSALS } from './publication.js';
import { ADDENDUM_REFUSALS } from './addendum.js';
import { HISTORY_REFUSALS } from './history/restore.js';
import { DELETION_REFUSALS, RETENTION_REFUSALS } from './board-upkeep.js';
import { VENUE_ERRORS } from './venue.js';
import { FOLLOW_ON_REFUSALS } from './carry-over.js';
import { ASK_REFUSALS } from './board-voices-doc.js';
import { BACKLOG_REFUSALS } from './backlog.js';
import { GUEST_REFUSALS } from './guests.js';
import { WEBHOOK_REFUSALS } from './webhooks.js';

/**
 * Every message key a service or an input schema can answer with (a field's error, or `_form`).
 * They are message keys (src/lib/i18n/messages), so the person reads them in their own language;
 * `error-keys.spec.ts` checks each one against the catalogue in Swedish, English and Danish.
 */
export const ERROR_KEYS = [
	// input schemas (domain/schemas.ts)
	'error_invalid',
	// the API's request bodies (web/api-handler.ts)
	'api_error_json_required',
	'api_error_body_too_large',
	'error_email_required',
	'error_email_invalid',
	'error_password_required',
	'error_name_required',
	'error_too_long',
	'error_agency_required',
	'error_agency_name_required',
	'error_agency_kind_required',
	'error_board_name_required',
	'error_title_required',
	'error_date_required',
	'error_url_invalid',
	'error_role_required',
	'error_days_invalid',
	'access_error_uses_invalid',
	'access_error_control_chars',
	// accounts
	'error_password_too_short',
	'error_password_too_long',
	'error_password_common',
	'error_password_like_account',
	'error_email_taken',
	'error_too_many_attempts',
	'web_signin_failed',
	// boards, invites, members
	'error_not_allowed',
	'error_invite_unknown',
	'error_invite_expired',
	'error_invite_revoked',
	'access_error_invite_used_up',
	'access_error_invite_removed',
	'srv_error_not_member',
	'srv_error_last_owner',
	// the meeting's lifecycle (domain/meeting-lifecycle.ts)
	...MEETING_MOVE_REFUSALS,
	// justering (domain/adjustment.ts)
	...ADJUSTMENT_REFUSALS,
	// the lifecycle's services (services/meeting-lifecycle.ts)
	'lc_error_cancel_reason_required',
	'lc_error_changed_meanwhile',
	'lc_error_version_changed',
	// changing a meeting's details (domain/meeting-details.ts)
	...MEETING_DETAILS_REFUSALS,
	// publishing (domain/publication.ts)
	...PUBLICATION_REFUSALS,
	// addenda (domain/addendum.ts)
	...ADDENDUM_REFUSALS,
	// restoring from the history (domain/history/restore.ts)
	...HISTORY_REFUSALS,
	// erasing one's account (services/erasure.ts)
	'erase_error_password',
	'erase_error_confirm',
	'erase_error_last_owner',
	// board deletion and retention (domain/board-upkeep.ts)
	...DELETION_REFUSALS,
	...RETENTION_REFUSALS,
	// carrying items over, the board's template, series (domain/carry-over.ts)
	...FOLLOW_ON_REFUSALS,
	// the board's backlog, written and removed on the board page (domain/backlog.ts)
	...BACKLOG_REFUSALS,
	// the personal-data guard (services/personal-data-guard.ts)
	'guard_error_send_needs_ack',
	'guard_error_public_refused',
	// venues and access needs (domain/venue.ts)
	...VENUE_ERRORS,
	// asks, answers and feedback on effects (domain/board-voices-doc.ts)
	...ASK_REFUSALS,
	// the agenda sent by e-mail (services/agenda-mail.ts)
	'mail_agenda_error_status',
	// guests of one meeting (domain/guests.ts)
	...GUEST_REFUSALS,
	...WEBHOOK_REFUSALS,
	// one-time sign-in links (services/sign-in-links.ts)
	'signin_link_error_unusable'
] as const;

export type ErrorKey = (typeof ERROR_KEYS)[number];

/** The key for a password the policy refuses (the template type fails to compile if one is missing above). */
export const passwordErrorKey = (problem: PasswordProblem): ErrorKey => `error_password_${problem}`;

export function isErrorKey(value: string): value is ErrorKey {
	return (ERROR_KEYS as readonly string[]).includes(value);
}
