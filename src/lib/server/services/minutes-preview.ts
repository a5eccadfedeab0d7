import { docName } from '../../domain/doc-names.js';
import { MINUTES_FIELD } from '../../domain/minutes-doc.js';
import { minutesTree, type MinutesTree } from '../../domain/minutes-tree.js';
import type { DocAccess } from '../../domain/permissions.js';
import type { Meeting } from '../store/types.js';
import type { LiveDocs } from '../runtime.js';

/** Where the meeting page places the notes' headings (under its h2 "Notes"), as its editor does. */
const NOTES_OUTLINE_LEVEL = 3;

/**
 * The meeting's notes as they stand now, for the page's HTML: what a person sees before the live
 * document has come over the websocket (issue 13). Read through the collab server (the copy in
 * memory, with what was typed a moment ago; else as stored; never copied) — the same text the socket will send,
 * which also has the document loaded by the time the browser asks for it. Only for a person the
 * socket would let read the document (`access`, as the page's guard and the collab gate decide it).
 */
export async function notesPreview(live: Pick<LiveDocs, 'readWith'>, meeting: Pick<Meeting, 'id'>, access: DocAccess): Promise<MinutesTree | null> {
	if (access === 'none') return null;
	return live.readWith([docName({ kind: 'meeting', meetingId: meeting.id })], ([doc]) => minutesTree(doc.getXmlFragment(MINUTES_FIELD), NOTES_OUTLINE_LEVEL));
}
