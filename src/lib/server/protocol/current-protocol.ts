import * as Y from 'yjs';
import { loadSafely, rulesForDoc } from '../../../../server/collab/safe-load.js';
import { LANGUAGE_TAGS } from '../../domain/board-language.js';
import { docName } from '../../domain/doc-names.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { adjusterIds as adjusterIdsOf } from '../../domain/adjustment.js';
import { renderProtocol, type RenderInput } from '../../domain/protocol/render-protocol.js';
import { carriedTo } from '../../domain/carry-over.js';
import { listAgenda } from '../../domain/meeting-doc.js';
import type { Protocol } from '../../domain/protocol/protocol-model.js';
import type { Board, Meeting, Store } from '../store/types.js';
import { boardPeople } from '../services/people.js';

/**
 * The protocol of a meeting as its documents say now (issue 10, point 6): the meeting, its
 * voices and the board's actions, read through a `DocReader`, with the board's members and
 * agencies from the store, in the board's language.
 *
 * The reader is injected: by default the stored documents (snapshot and updates, loaded the one
 * safe way the collab server loads them); the live in-memory documents can be passed instead.
 */
export type DocReader = (docName: string) => Promise<Y.Doc>;

const ORIGIN = 'protocol-read';

/** Reads a document as stored: a fresh Y.Doc with its snapshot and later updates applied safely. */
export function storedDocReader(store: Pick<Store, 'docs'>): DocReader {
	return async (name) => {
		const doc = new Y.Doc();
		await loadSafely(doc, await store.docs.load(name), rulesForDoc(name), ORIGIN);
		return doc;
	};
}

export interface CurrentProtocolSource {
	meeting: Meeting;
	board: Board;
	/** The IANA zone the protocol prints its time in. */
	timeZone: string;
}

/** What renderProtocol needs for the meeting, read from the store and the documents. */
export async function renderInput(store: Pick<Store, 'boards' | 'agencies' | 'docs' | 'meetings'>, source: CurrentProtocolSource, read: DocReader = storedDocReader(store)): Promise<RenderInput> {
	const { meeting, board, timeZone } = source;
	const justering = readAdjustment(meeting.adjustment);
	const [meetingDoc, voicesDoc, boardDoc, { people }, allAgencies] = await Promise.all([
		read(docName({ kind: 'meeting', meetingId: meeting.id })),
		read(docName({ kind: 'voices', meetingId: meeting.id })),
		read(docName({ kind: 'board', boardId: board.id })),
		boardPeople(store, board.id),
		// Actions may be owed by an agency with no member on the board: every agency is named.
		store.agencies.list()
	]);
	const carriedTargets = await carriedMeetings(store, board.id, meetingDoc);
	return {
		meetingDoc,
		voicesDoc,
		boardDoc,
		meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, timeZone, place: meeting.place, boardName: board.name },
		people: Object.fromEntries(people.map((p) => [p.id, { name: p.name, agencyName: p.agency.name }])),
		agencies: Object.fromEntries(allAgencies.map((a) => [a.id, { name: a.name }])),
		adjusterIds: justering ? adjusterIdsOf(justering) : [],
		locale: LANGUAGE_TAGS[board.language],
		carriedTargets
	};
}

/**
 * The meetings the agenda's items were carried to (issue 12, point 6), with the title and start
 * the protocol prints. Resolved here, where the protocol is rendered for the screen, the
 * downloads and the seal alike, so an approved draft and its sealed form agree; the renderer
 * stays pure. Only meetings of the same board: a mark is written by a client and must not name
 * another board's meeting into this protocol.
 */
async function carriedMeetings(store: Pick<Store, 'meetings'>, boardId: string, meetingDoc: Y.Doc): Promise<Record<string, { title: string; startsAt: Date }>> {
	const ids = new Set<string>();
	try {
		for (const item of listAgenda(meetingDoc)) {
			const mark = carriedTo(meetingDoc, item.id);
			if (mark?.kind === 'meeting') ids.add(mark.meetingId);
		}
	} catch {
		// An agenda the renderer cannot read either: it names what it skipped.
	}
	const found = (await Promise.all([...ids].map((id) => store.meetings.get(id)))).filter((m): m is Meeting => m !== null && m.boardId === boardId);
	return Object.fromEntries(found.map((m) => [m.id, { title: m.title, startsAt: m.startsAt }]));
}

/** The meeting's protocol rendered from its documents now (a draft until it is adjusted). */
export async function currentProtocol(store: Pick<Store, 'boards' | 'agencies' | 'docs' | 'meetings'>, source: CurrentProtocolSource, read?: DocReader): Promise<Protocol> {
	return renderProtocol(await renderInput(store, source, read));
}
