import type * as Y from 'yjs';
import { docName } from '../../domain/doc-names.js';
import { listAgenda } from '../../domain/meeting-doc.js';
import { compareProtocols, type MeetingComparison } from '../../domain/history/compare.js';
import { groupVersions, type HistoryPerson, type Version } from '../../domain/history/versions.js';
import { mayRestore, restoreItem, restoreMeeting } from '../../domain/history/restore.js';
import { PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import type { Protocol } from '../../domain/protocol/protocol-model.js';
import type { BoardRole } from '../../domain/roles.js';
import { currentProtocol, type DocReader } from '../protocol/current-protocol.js';
import { DocumentSealedError, type LiveDocs, type LiveDocWriter } from '../runtime.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { meetingDocAccess } from './doc-access.js';
import { keptLog, laterRows, stateAt, type KeptLog } from './history-log.js';
import { fail, ok, type Result } from './result.js';

/**
 * The history panel of a meeting (issue 11, point 6): its versions, one version rendered and
 * compared with now, and restoring a § or the whole meeting from it. The meeting is its two
 * documents, `meeting:<id>` and `meeting:<id>:voices`; a version is the state of both after every
 * update up to its id (one id sequence spans both). "View a version" reuses the protocol renderer
 * with a DocReader that hands it the rebuilt documents; the board's actions are read as they are now.
 */
export interface HistoryDeps {
	store: Store;
	live: LiveDocs & LiveDocWriter;
}

export interface MeetingAccess {
	user: User;
	board: Board;
	role: BoardRole;
	meeting: Meeting;
}


export interface VersionRow {
	id: number;
	from: string;
	at: string;
	updates: number;
	people: HistoryPerson[];
	agencies: string[];
	endedBy: string | null;
}

export interface HistoryList {
	meeting: { id: string; title: string };
	/** Newest first. */
	versions: VersionRow[];
	/** The log does not reach back to the start: history begins at `startsAt` (null: unknown). */
	incomplete: boolean;
	startsAt: string | null;
	canRestore: boolean;
	adjusted: boolean;
}

interface MeetingLog {
	logs: KeptLog[];
	versions: Version[];
}

const docNames = (meetingId: string) => [docName({ kind: 'meeting', meetingId }), docName({ kind: 'voices', meetingId })] as const;

/** Status changes that start a new version: every lifecycle event that moves the meeting on. */
const STATUS_KINDS = new Set(['moved', 'adopted', 'adjusted', 'sealed', 'cancelled', 'reinstated']);

async function meetingLog({ store, live }: HistoryDeps, meetingId: string): Promise<MeetingLog> {
	await Promise.all(docNames(meetingId).map((name) => live.storePending(name)));
	const [logs, events] = await Promise.all([Promise.all(docNames(meetingId).map((name) => keptLog(store, name))), store.meetings.events(meetingId)]);
	const rows = logs.flatMap(laterRows);
	const changes = events.filter((e) => STATUS_KINDS.has(e.kind) || typeof e.detail.to === 'string').map((e) => ({ kind: e.kind, at: e.at }));
	return { logs, versions: groupVersions(rows, changes) };
}

async function names(store: Store, boardId: string, versions: Version[]) {
	const [members, agencies] = await Promise.all([store.boards.members(boardId), store.agencies.list()]);
	const people = new Map(members.map((m) => [m.user.id, m.user.displayName]));
	// Authors who left the board are looked up once each; erased ones stay nameless (their agency shows).
	for (const id of new Set(versions.flatMap((v) => v.authors.map((a) => a.userId)).filter((id): id is string => id !== null && !people.has(id)))) {
		const user = await store.users.get(id);
		if (user) people.set(id, user.displayName);
	}
	const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
	return {
		person: (userId: string | null, agencyId: string | null, source: HistoryPerson['source']): HistoryPerson => ({
			userId,
			name: userId ? (people.get(userId) ?? null) : null,
			agencyName: agencyId ? (agencyNames.get(agencyId) ?? null) : null,
			source
		}),
		agency: (id: string) => agencyNames.get(id) ?? id
	};
}

function restorable(access: MeetingAccess): boolean {
	return mayRestore(access.role) && access.meeting.status !== 'adjusted' && meetingDocAccess(access.meeting, 'meeting', access.user.id, access.role) === 'write';
}

export async function listVersions(deps: HistoryDeps, access: MeetingAccess): Promise<HistoryList> {
	const log = await meetingLog(deps, access.meeting.id);
	const { logs } = log;
	const incomplete = logs.some((l) => !l.complete);
	const firstRow = logs.flatMap((l) => l.rows).sort((a, b) => a.id - b.id)[0];
	const starts = incomplete ? logs.map((l) => l.baseAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] : firstRow?.at;
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title },
		versions: (await listVersionsFrom(deps.store, access, log)).reverse(),
		incomplete,
		startsAt: starts?.toISOString() ?? null,
		canRestore: restorable(access),
		adjusted: access.meeting.status === 'adjusted'
	};
}

/** The meeting's two documents as they were at version `versionId` (null: no such version). */
async function docsAt(log: MeetingLog, versionId: number): Promise<Map<string, Y.Doc> | null> {
	if (!log.versions.some((v) => v.id === versionId)) return null;
	const docs = await Promise.all(log.logs.map((l) => stateAt(l, versionId)));
	return new Map(log.logs.map((l, i) => [l.name, docs[i]]));
}

export interface VersionView {
	version: VersionRow;
	protocol: Protocol;
	comparison: MeetingComparison;
	canRestore: boolean;
	adjusted: boolean;
	/** § numbers in the version, by item id (the restore buttons name them). */
	items: Array<{ id: string; number: number; title: string }>;
}

export async function versionView(deps: HistoryDeps, access: MeetingAccess, versionId: number): Promise<VersionView | null> {
	const { meeting, board } = access;
	const log = await meetingLog(deps, meeting.id);
	const then = await docsAt(log, versionId);
	if (!then) return null;
	const [meetingName] = docNames(meeting.id);
	const now = new Map<string, Y.Doc>(await Promise.all(docNames(meeting.id).map(async (n) => [n, await deps.live.readDoc(n)] as const)));
	// Rebuilt (or live) meeting and voices; the board document (actions) as it is now, for both.
	const reader = (docs: Map<string, Y.Doc>): DocReader => async (name) => docs.get(name) ?? deps.live.readDoc(name);
	const source = { meeting, board, timeZone: PROTOCOL_TIME_ZONES[board.language] };
	const [protocolThen, protocolNow] = await Promise.all([currentProtocol(deps.store, source, reader(then)), currentProtocol(deps.store, source, reader(now))]);
	const thenAgenda = listAgenda(then.get(meetingName)!);
	const comparison = compareProtocols(
		{ protocol: protocolThen, itemIds: thenAgenda.map((i) => i.id) },
		{ protocol: protocolNow, itemIds: listAgenda(now.get(meetingName)!).map((i) => i.id) }
	);
	for (const doc of [...then.values(), ...now.values()]) doc.destroy();
	const list = await listVersionsFrom(deps.store, access, log);
	return {
		version: list.find((v) => v.id === versionId)!,
		protocol: protocolThen,
		comparison,
		canRestore: restorable(access),
		adjusted: meeting.status === 'adjusted',
		items: thenAgenda.map(({ id, number, title }) => ({ id, number, title }))
	};
}

async function listVersionsFrom(store: Store, access: MeetingAccess, log: MeetingLog): Promise<VersionRow[]> {
	const named = await names(store, access.board.id, log.versions);
	return log.versions.map((v) => ({
		id: v.id,
		from: v.from.toISOString(),
		at: v.at.toISOString(),
		updates: v.updates,
		people: v.authors.map((a) => named.person(a.userId, a.agencyId, a.source)),
		agencies: v.agencyIds.map(named.agency),
		endedBy: v.endedBy?.kind ?? null
	}));
}

/**
 * Restores § `itemId` (or, with null, the whole meeting document) as it was at the version: a new
 * change, in the restoring person's name, through the collab server's write path. Refused for
 * anyone but owners and editors who may write the meeting document in its status, and always once
 * the meeting is adjusted.
 */
export async function restore(deps: HistoryDeps, access: MeetingAccess, versionId: number, itemId: string | null): Promise<Result<{ restored: 'item' | 'meeting' }>> {
	if (access.meeting.status === 'adjusted') return fail({ _form: 'history_error_adjusted' });
	if (!restorable(access)) return fail({ _form: 'history_error_not_allowed' });
	const log = await meetingLog(deps, access.meeting.id);
	const then = await docsAt(log, versionId);
	if (!then) return fail({ _form: 'history_error_no_such_version' });
	const [meetingName] = docNames(access.meeting.id);
	const thenDoc = then.get(meetingName)!;
	if (itemId !== null && !listAgenda(thenDoc).some((i) => i.id === itemId)) return fail({ _form: 'history_error_no_such_item' });
	const author = { userId: access.user.id, agencyId: access.user.agencyId };
	try {
		await deps.live.changeDoc(meetingName, author, (doc) => {
			if (itemId === null) restoreMeeting(doc, thenDoc);
			else doc.transact(() => restoreItem(doc, thenDoc, itemId));
		});
	} catch (error) {
		if (error instanceof DocumentSealedError) return fail({ _form: 'history_error_adjusted' });
		throw error;
	} finally {
		for (const doc of then.values()) doc.destroy();
	}
	return ok({ restored: itemId === null ? 'meeting' : 'item' });
}
