import * as Y from 'yjs';
import { loadSafely, rulesForDoc } from '../../../../server/collab/safe-load.js';
import { LANGUAGE_TAGS } from '../../domain/board-language.js';
import { docName } from '../../domain/doc-names.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { adjusterIds as adjusterIdsOf } from '../../domain/adjustment.js';
import { renderProtocol, type RenderInput } from '../../domain/protocol/render-protocol.js';
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
export async function renderInput(store: Pick<Store, 'boards' | 'agencies' | 'docs'>, source: CurrentProtocolSource, read: DocReader = storedDocReader(store)): Promise<RenderInput> {
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
	return {
		meetingDoc,
		voicesDoc,
		boardDoc,
		meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, timeZone, place: meeting.place, boardName: board.name },
		people: Object.fromEntries(people.map((p) => [p.id, { name: p.name, agencyName: p.agency.name }])),
		agencies: Object.fromEntries(allAgencies.map((a) => [a.id, { name: a.name }])),
		adjusterIds: justering ? adjusterIdsOf(justering) : [],
		locale: LANGUAGE_TAGS[board.language]
	};
}

/** The meeting's protocol rendered from its documents now (a draft until it is adjusted). */
export async function currentProtocol(store: Pick<Store, 'boards' | 'agencies' | 'docs'>, source: CurrentProtocolSource, read?: DocReader): Promise<Protocol> {
	return renderProtocol(await renderInput(store, source, read));
}
