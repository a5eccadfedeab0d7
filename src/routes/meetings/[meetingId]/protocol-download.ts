import type { RequestEvent } from '@sveltejs/kit';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as protocols from '$lib/server/services/protocols';

/** One handler for the three downloads: the member's guard, then the service. */
export async function download(event: RequestEvent<{ meetingId: string }>, format: protocols.ProtocolFormat): Promise<Response> {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const { store, config } = event.locals.runtime;
	return protocols.protocolDownload(store, access, format, {
		version: protocols.versionFrom(event.url.searchParams),
		timeZone: validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)),
		origin: config.origin ?? event.url.origin
	});
}
