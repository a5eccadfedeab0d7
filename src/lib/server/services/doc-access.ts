import { parseDocName, type DocRef } from '../../domain/doc-names.js';
import { docAccess, type DocAccess } from '../../domain/permissions.js';
import type { Store } from '../store/types.js';

export type DocAccessDecision =
	| { status: 'not-found' }
	| { status: 'forbidden' }
	| { status: 'ok'; ref: DocRef; boardId: string; access: Exclude<DocAccess, 'none'> };

/** Which board owns a document, and what this user may do with it. */
export async function resolveDocAccess(store: Store, userId: string, name: string): Promise<DocAccessDecision> {
	const ref = parseDocName(name);
	if (!ref) return { status: 'not-found' };
	let boardId: string;
	if (ref.kind === 'board') {
		if (!(await store.boards.get(ref.boardId))) return { status: 'not-found' };
		boardId = ref.boardId;
	} else {
		const meeting = await store.meetings.get(ref.meetingId);
		if (!meeting) return { status: 'not-found' };
		boardId = meeting.boardId;
	}
	const access = docAccess(await store.boards.role(boardId, userId), ref.kind);
	return access === 'none' ? { status: 'forbidden' } : { status: 'ok', ref, boardId, access };
}
