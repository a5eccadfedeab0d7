import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { BoardRole } from '../../domain/roles.js';
import { hasControlChars } from '../../domain/control-chars.js';
import type { Board, Meeting, User } from '../store/types.js';

/**
 * Route guards shared by load functions and form actions. They throw SvelteKit's redirect/error,
 * so a route reads as "who may see this" first. The UI's checks only shape the page: the services
 * and the collab server check permissions again.
 */

/** A same-site path to come back to, or the fallback: never another origin (`//x`, `/\x`, `https:`). */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/boards'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	try {
		const url = new URL(value, 'http://samtavla.invalid');
		if (url.origin !== 'http://samtavla.invalid') return fallback;
		// Dot segments can collapse into a protocol-relative path: "/.//evil.com" → "//evil.com".
		if (url.pathname.startsWith('//')) return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): User {
	const user = event.locals.user;
	// The database is down: who this is could not be checked, so "sign in" would be the wrong answer.
	if (!user && event.locals.storeUnavailable) error(503, event.locals.storeUnavailable);
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/signin?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

/** The board and the user's role on it; 404 when it does not exist, 403 for non-members. */
export async function requireBoardMember(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	boardId: string
): Promise<{ user: User; board: Board; role: BoardRole }> {
	const user = requireUser(event);
	// A control character in the address is a bad request, not a database error (NUL fails there).
	if (hasControlChars(boardId)) error(400, 'bad request');
	const { store } = event.locals.runtime;
	const board = await store.boards.get(boardId);
	if (!board) error(404, 'not found');
	const role = await store.boards.role(boardId, user.id);
	if (!role) error(403, 'forbidden');
	return { user, board, role };
}

export async function requireMeetingMember(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	meetingId: string
): Promise<{ user: User; board: Board; role: BoardRole; meeting: Meeting }> {
	requireUser(event);
	if (hasControlChars(meetingId)) error(400, 'bad request');
	const meeting = await event.locals.runtime.store.meetings.get(meetingId);
	if (!meeting) error(404, 'not found');
	const access = await requireBoardMember(event, meeting.boardId);
	return { ...access, meeting };
}

/**
 * The meeting for a member of its board, or for its guest (issue 14): a guest's role is their
 * link's, on this meeting only. Everyone else as requireMeetingMember answers them.
 */
export async function requireMeetingParticipant(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	meetingId: string
): Promise<{ user: User; role: BoardRole; meeting: Meeting; guest: boolean }> {
	const guest = event.locals.guest;
	if (!guest) {
		const { user, role, meeting } = await requireMeetingMember(event, meetingId);
		return { user, role, meeting, guest: false };
	}
	const user = requireUser(event);
	if (guest.meetingId !== meetingId) error(403, 'forbidden');
	const meeting = await event.locals.runtime.store.meetings.get(meetingId);
	if (!meeting) error(404, 'not found');
	return { user, role: guest.role, meeting, guest: true };
}
