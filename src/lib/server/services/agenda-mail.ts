import { docName } from '../../domain/doc-names.js';
import { listAgenda } from '../../domain/meeting-doc.js';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import type { LiveDocs } from '../runtime.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import * as mail from './mail.js';
import { fail, ok, type Result } from './result.js';

/**
 * "Send the agenda to the members" on the meeting page (issue 14, point 7): owners and editors
 * send the agenda, read from the live meeting document, with the meeting's time and place; the
 * meeting keeps when it was last sent, so a later sending says it is an updated agenda.
 */
export interface AgendaMailDeps {
	store: Store;
	live: Pick<LiveDocs, 'readWith'>;
	config: mail.MailDeps['config'];
}

export interface AgendaAccess {
	user: User;
	board: Board;
	role: BoardRole;
	meeting: Meeting;
}

/** Sent before the meeting: once it runs, the agenda is the minutes' business. */
const maySendFor = (meeting: Meeting) => meeting.status === 'planned';

/** What the meeting page shows: whether this person may send it, when it was last sent, and whether e-mail is on. */
export function agendaMailView(config: mail.MailDeps['config'], access: AgendaAccess) {
	return {
		maySend: canCreateMeeting(access.role) && maySendFor(access.meeting),
		lastSentAt: access.meeting.agendaSentAt,
		mailEnabled: mail.mailEnabled(config)
	};
}

export async function sendAgenda(
	deps: AgendaMailDeps,
	origin: string,
	access: AgendaAccess,
	now = new Date()
): Promise<Result<{ sent: number; off: boolean; updated: boolean }>> {
	if (!canCreateMeeting(access.role)) return fail({ _form: 'error_not_allowed' });
	if (!maySendFor(access.meeting)) return fail({ _form: 'mail_agenda_error_status' });
	if (!mail.mailEnabled(deps.config)) return ok({ sent: 0, off: true, updated: false });
	const items = await deps.live.readWith([docName({ kind: 'meeting', meetingId: access.meeting.id })], ([doc]) =>
		// An internal § may be internal for the personal data in its title: e-mail leaves Samtavla, so
		// it goes without the title (members read it in the app).
		listAgenda(doc).map((item) => ({ number: item.number, title: item.internal ? '' : item.title, internal: item.internal }))
	);
	const updated = access.meeting.agendaSentAt !== null;
	const results = await mail.agendaPublished(deps, origin, { meeting: access.meeting, board: access.board, sender: access.user, items, updated }, now);
	const sent = results.filter((r) => r === 'queued').length;
	// Only a sending that sent something is one: "updated" means someone already has an agenda.
	if (sent > 0) await deps.store.meetings.markAgendaSent(access.meeting.id, now);
	return ok({ sent, off: false, updated });
}
