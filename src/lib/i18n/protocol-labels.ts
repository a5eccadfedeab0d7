import type { DecisionKind, PresenceKind } from '$lib/domain/meeting-doc';
import { m } from '$lib/paraglide/messages.js';
import { LANGUAGE_TAGS, type BoardLanguage } from '$lib/domain/board-language';
import type { ProtocolLabels } from '$lib/domain/protocol/markdown';
import type { InternalReasonCategory } from '$lib/domain/protocol/protocol-model';

/**
 * The protocol's labels in one language (the board's, never the reader's): the same words on
 * screen, on paper and in every download. Shared by the print view (browser and server) and the
 * exports (src/lib/server/protocol/labels.ts adds what only PDF and Word need).
 */
export function protocolLabels(language: BoardLanguage): ProtocolLabels {
	const o = { locale: language };
	const how: Record<PresenceKind, string> = {
		on_site: m.prot_how_on_site({}, o),
		online: m.prot_how_online({}, o),
		phone: m.prot_how_phone({}, o)
	};
	const reasons: Record<InternalReasonCategory, () => string> = {
		personal_data: () => m.prot_reason_personal_data({}, o),
		negotiation: () => m.prot_reason_negotiation({}, o),
		security: () => m.prot_reason_security({}, o),
		other: () => m.prot_reason_other({}, o)
	};
	return {
		locale: LANGUAGE_TAGS[language],
		section: (number) => m.prot_section({ number }, o),
		dateTime: m.prot_date_time({}, o),
		place: m.prot_place({}, o),
		chair: m.prot_chair({}, o),
		secretary: m.prot_secretary({}, o),
		adjusters: m.prot_adjusters({}, o),
		present: m.prot_present({}, o),
		absent: m.prot_absent({}, o),
		excused: m.prot_excused({}, o),
		guests: m.prot_guests({}, o),
		presenter: m.prot_presenter({}, o),
		decisions: m.prot_decisions({}, o),
		actions: m.prot_actions({}, o),
		responsible: m.prot_responsible({}, o),
		due: m.prot_due({}, o),
		perspectives: m.prot_perspectives({}, o),
		notes: m.prot_notes({}, o),
		meetingActions: m.prot_meeting_actions({}, o),
		summaries: m.prot_summaries({}, o),
		how,
		reasonCategory: (category) => (reasons[category] ?? reasons.other)(),
		omittedItem: (section, reason) => m.prot_omitted_item({ section, reason }, o),
		internalItem: (reason) => m.prot_internal_reason({ reason }, o),
		addenda: m.lc_addenda_heading({}, o),
		addendumNumber: (number) => m.lc_addendum_number({ number }, o),
		addendumApproved: (when) => m.lc_addendum_approved({ when }, o),
		formerMember: (agency) => (agency ? m.erase_former_member({ agency }, o) : m.erase_former_member_unknown({}, o)),
		decisionKind: (kind) => decisionKindLabel(kind, language),
		reviewBy: (date) => m.dec_review_by({ date }, o),
		reservationBy: (who) => m.dec_reservation_by({ who }, o),
		carriedToMeeting: (title, date) => m.prot_carried_to_meeting({ title, date }, o),
		carriedToBacklog: m.prot_carried_to_backlog({}, o)
	};
}

/** The line that marks an internal § in the internal version. */
export const internalNote = (language: BoardLanguage) => (reason: string) => m.prot_internal_reason({ reason }, { locale: language });

/** How a decision was reached, in the given language (the protocol's, or the reader's on the page). */
export function decisionKindLabel(kind: DecisionKind, language?: BoardLanguage): string {
	const o = language ? { locale: language } : {};
	const labels: Record<DecisionKind, () => string> = {
		consensus: () => m.dec_kind_consensus({}, o),
		majority: () => m.dec_kind_majority({}, o),
		chair: () => m.dec_kind_chair({}, o)
	};
	return (labels[kind] ?? labels.consensus)();
}
