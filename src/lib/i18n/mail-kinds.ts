import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { MailKind } from '$lib/domain/mail';

/** Each kind of e-mail named as a plural ("invitations"), for the footer, the unsubscribe page and /account. */
export function mailKindName(kind: MailKind, locale?: Locale): string {
	const o = locale ? { locale } : undefined;
	return {
		invitation: m.mail_kind_invitation,
		meetingCreated: m.mail_kind_meetingCreated,
		meetingChanged: m.mail_kind_meetingChanged,
		meetingCancelled: m.mail_kind_meetingCancelled,
		actionAssigned: m.mail_kind_actionAssigned,
		adjustmentRequested: m.mail_kind_adjustmentRequested,
		protocolAdjusted: m.mail_kind_protocolAdjusted,
		actionDueSoon: m.mail_kind_actionDueSoon,
		actionOverdue: m.mail_kind_actionOverdue,
		signInLink: m.mail_kind_signInLink,
		agendaPublished: m.mail_kind_agendaPublished,
		askAnswered: m.mail_kind_askAnswered,
		weeklyDigest: m.mail_kind_weeklyDigest
	}[kind]({}, o);
}
