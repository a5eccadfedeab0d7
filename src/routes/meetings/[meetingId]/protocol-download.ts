import type { RequestEvent } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as protocols from '$lib/server/services/protocols';
import { acknowledged } from '$lib/server/services/personal-data-guard';

/** One handler for the three downloads: the member's guard, then the service. */
export async function download(event: RequestEvent<{ meetingId: string }>, format: protocols.ProtocolFormat): Promise<Response> {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const { store, config } = event.locals.runtime;
	return protocols.protocolDownload(store, access, format, {
		version: protocols.versionFrom(event.url.searchParams),
		// A draft as its approvers see it: what was typed a moment ago, not only what is stored.
		read: (name) => event.locals.runtime.live.readDoc(name),
		origin: config.origin ?? event.url.origin,
		// Ticked on the page that asks (protocol/download): the person knows it has identity numbers.
		acknowledged: acknowledged(event.url.searchParams.get('personalData'))
	});
}
