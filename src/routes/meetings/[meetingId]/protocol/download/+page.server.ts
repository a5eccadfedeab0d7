import { redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as protocols from '$lib/server/services/protocols';
import type { PageServerLoad } from './$types';

const FORMATS: protocols.ProtocolFormat[] = ['pdf', 'docx', 'md'];

/**
 * Before an internal version with identity numbers downloads: where they are, and a tick that the
 * person knows (a plain GET form to the download, so it works without JavaScript). Without
 * identity numbers there is nothing to ask: straight to the file.
 */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const asked = event.url.searchParams.get('format') as protocols.ProtocolFormat;
	const format = FORMATS.includes(asked) ? asked : 'pdf';
	const state = await protocols.protocolState(event.locals.runtime.store, access, {
		version: 'internal',
		read: (name) => event.locals.runtime.live.readDoc(name)
	});
	const file = `/meetings/${access.meeting.id}/protocol.${format}`;
	if (state.personalData.length === 0) redirect(303, file);
	return { meeting: { id: access.meeting.id, title: access.meeting.title }, format, file, spots: state.personalData };
};
