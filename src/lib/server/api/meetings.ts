import * as protocols from '../services/protocols.js';
import { isOmitted, type Protocol } from '../../domain/protocol/protocol-model.js';
import type { Meeting } from '../store/types.js';
import { record } from '../services/audit.js';
import { boardAccess, meetingAccess } from './access.js';
import type { ApiDeps } from './deps.js';
import { pageOf } from './paging.js';
import { ApiProblem } from './problem.js';

/**
 * Meetings and their protocols through the API (issue 15). A meeting's agenda, decisions and
 * attendance are read as its protocol is (services/protocols.ts `protocolState`, the internal
 * version a member reads): the live documents for a draft, the sealed record once adjusted.
 */
const meetingOut = (m: Meeting) => ({ id: m.id, boardId: m.boardId, title: m.title, startsAt: m.startsAt.toISOString(), place: m.place, status: m.status });

export async function listMeetings(deps: ApiDeps, boardId: string, query: { limit: number; cursor?: number; status?: Meeting['status']; from?: string; to?: string }, url: URL) {
	const { board } = await boardAccess(deps.store, deps.caller, boardId);
	deps.concerns(board.id);
	const from = query.from ? Date.parse(`${query.from}T00:00:00Z`) : -Infinity;
	const to = query.to ? Date.parse(`${query.to}T00:00:00Z`) + 86_400_000 : Infinity;
	const meetings = (await deps.store.meetings.listForBoard(board.id))
		.filter((m) => (!query.status || m.status === query.status) && m.startsAt.getTime() >= from && m.startsAt.getTime() < to)
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
	return pageOf(meetings.map(meetingOut), query, url);
}

const readLive = (deps: ApiDeps) => (name: string) => deps.live.readDoc(name);

export async function getMeeting(deps: ApiDeps, meetingId: string) {
	const access = await meetingAccess(deps.store, deps.caller, meetingId);
	deps.concerns(access.board.id);
	const { protocol } = await protocols.protocolState(deps.store, access, { version: 'internal', read: readLive(deps) });
	return { ...meetingOut(access.meeting), ...agendaAndAttendance(protocol) };
}

function agendaAndAttendance(protocol: Protocol) {
	const { header } = protocol;
	return {
		agenda: protocol.items.flatMap((item) =>
			isOmitted(item)
				? []
				: [
						{
							number: item.number,
							title: item.title,
							internal: item.internal,
							presenterAgency: item.presenterAgency,
							decisions: item.decisions.map((d) => ({ number: d.number, text: d.text, kind: d.kind ?? null, reviewDate: d.reviewDate ?? null, reservations: d.reservations ?? [] })),
							actions: item.actions
						}
					]
		),
		attendance: {
			present: header.present,
			absent: header.absent,
			excused: header.excused,
			guests: header.guests,
			chair: header.chair,
			secretary: header.secretary,
			adjusters: header.adjusters
		}
	};
}

const exportPath = (meetingId: string, format: protocols.ProtocolFormat) => `/api/v1/meetings/${meetingId}/protocol.${format}`;

export async function protocolInfo(deps: ApiDeps, meetingId: string, origin: string) {
	const access = await meetingAccess(deps.store, deps.caller, meetingId);
	deps.concerns(access.board.id);
	const internal = await protocols.protocolState(deps.store, access, { version: 'internal', read: readLive(deps) });
	const published = protocols.publicOf(internal);
	return {
		meetingId,
		adjusted: internal.adjusted,
		hash: internal.hash,
		draftVersion: internal.draftVersion,
		language: internal.language,
		verifyUrl: internal.hash ? `${origin}${protocols.verifyPath(internal.hash)}` : null,
		publicExportable: published.personalData.length === 0,
		exports: { pdf: exportPath(meetingId, 'pdf'), docx: exportPath(meetingId, 'docx'), md: exportPath(meetingId, 'md') }
	};
}

/**
 * A rendered export, as the page's download makes it. An internal version leaves the app: that is
 * logged as the page's downloads are (`internal-export`). A version with identity numbers in it is
 * refused here (a person is asked on the page; a script cannot be): 403 with the reason.
 */
export async function protocolExport(deps: ApiDeps, meetingId: string, format: protocols.ProtocolFormat, version: protocols.ProtocolVersion, origin: string): Promise<Response> {
	const access = await meetingAccess(deps.store, deps.caller, meetingId);
	deps.concerns(access.board.id);
	const response = await protocols.protocolDownload(deps.store, access, format, { version, origin, read: readLive(deps) });
	if (response.status === 303) throw new ApiProblem('forbidden');
	if (version === 'internal') {
		await record(deps.store, {
			kind: 'internal-export',
			actor: deps.caller.user,
			boardId: access.board.id,
			meetingId,
			details: { format, status: access.meeting.status, via: 'api', token: deps.caller.token.id }
		});
	}
	return response;
}
