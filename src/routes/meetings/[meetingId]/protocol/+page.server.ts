import { requireMeetingMember } from '$lib/server/services/guards';
import * as protocols from '$lib/server/services/protocols';
import { auditInternalExport } from '../protocol-download';
import type { PageServerLoad } from './$types';

/** The protocol's print view, for members of the board (internal by default, `?version=public`). */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const version = protocols.versionFrom(event.url.searchParams);
	const view = await protocols.printView(event.locals.runtime.store, access, {
		version,
		// A draft as its approvers see it: what was typed a moment ago, not only what is stored.
		read: (name) => event.locals.runtime.live.readDoc(name)
	});
	if (version === 'internal') await auditInternalExport(event, access.meeting, 'print');
	return view;
};
