import { parseDocName, type DocRef } from '../../domain/doc-names.js';
import { docAccess, type DocAccess } from '../../domain/permissions.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Store } from '../store/types.js';

export type DocAccessDecision =
	| { status: 'not-found' }
	| { status: 'forbidden' }
	| { status: 'ok'; ref: DocRef; boardId: string; access: Exclude<DocAccess, 'none'> };

/** The access decision with the member's board role (what the collab server keeps per socket). */
export type DocMembership = Exclude<DocAccessDecision, { status: 'ok' }> | (Extract<DocAccessDecision, { status: 'ok' }> & { role: BoardRole });

/** Which board owns a document, the user's role on it, and what that role may do with the document. */
export async function resolveDocMembership(store: Store, userId: string, name: string): Promise<DocMembership> {
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
	const role = await store.boards.role(boardId, userId);
	const access = docAccess(role, ref.kind);
	return access === 'none' || role === null ? { status: 'forbidden' } : { status: 'ok', ref, boardId, access, role };
}

/** Which board owns a document, and what this user may do with it. */
export async function resolveDocAccess(store: Store, userId: string, name: string): Promise<DocAccessDecision> {
	const decision = await resolveDocMembership(store, userId, name);
	if (decision.status !== 'ok') return decision;
	const { role: _role, ...access } = decision;
	return access;
}
