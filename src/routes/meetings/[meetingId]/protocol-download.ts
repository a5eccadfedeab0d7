import type { RequestEvent } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as protocols from '$lib/server/services/protocols';
import { acknowledged, type PersonalDataSpot } from '$lib/server/services/personal-data-guard';
import { audit } from '$lib/server/web/audit';

/** One handler for the three downloads: the member's guard, then the service. */
export async function download(event: RequestEvent<{ meetingId: string }>, format: protocols.ProtocolFormat): Promise<Response> {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const { store, config } = event.locals.runtime;
	const version = protocols.versionFrom(event.url.searchParams);
	let personalData: PersonalDataSpot[] | null = null;
	const response = await protocols.protocolDownload(store, access, format, {
		version,
		// A draft as its approvers see it: what was typed a moment ago, not only what is stored.
		read: (name) => event.locals.runtime.live.readDoc(name),
		origin: config.origin ?? event.url.origin,
		// Ticked on the page that asks (protocol/download): the person knows it has identity numbers.
		acknowledged: acknowledged(event.url.searchParams.get('personalData')),
		onAcknowledged: async (spots) => void (personalData = spots)
	});
	// The internal version carries what the public one leaves out: who took a copy is logged,
	// with where its identity numbers are when the person went ahead knowing.
	if (version === 'internal' && response.ok) await auditInternalExport(event, access.meeting, format, personalData);
	return response;
}

/** An internal version left the app (a download, or the print view, which prints). */
export async function auditInternalExport(
	event: RequestEvent,
	meeting: { id: string; boardId: string; status: string },
	format: protocols.ProtocolFormat | 'print',
	personalData: PersonalDataSpot[] | null = null
): Promise<void> {
	const details = { format, status: meeting.status, ...(personalData ? { personalData: { acknowledged: true, spots: personalData } } : {}) };
	await audit(event, { kind: 'internal-export', boardId: meeting.boardId, meetingId: meeting.id, details });
}
