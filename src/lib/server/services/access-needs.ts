import * as v from 'valibot';
import { AccessNeedsSchema, missingNeeds, mergeMissing, type AccessNeeds, type MissingNeed } from '../../domain/venue.js';
import { fieldErrors } from '../../domain/schemas.js';
import { docName } from '../../domain/doc-names.js';
import { meetingRoles } from '../../domain/meeting-doc.js';
import type { BoardRole } from '../../domain/roles.js';
import type { LiveDocs } from '../runtime.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Access needs (issue 12, point 11): a person states them once, on their account; they are shown
 * to that person and used for one thing, telling whoever can change a meeting's venue that it does
 * not work for someone, before the meeting.
 *
 * Who is told what (GDPR: data minimisation, and needs can reveal health): the board's owners see
 * which need is missing and whose, since they manage the membership and are the ones to contact
 * the person; the meeting's chair (from the meeting document) who is not an owner sees only which
 * need is missing ("a member needs …"), which is all it takes to change the venue or offer the
 * online link. Nobody else sees anything, and no one sees needs the venue does meet.
 */

export async function myNeeds(store: Store, user: User): Promise<AccessNeeds & { stated: boolean }> {
	const stored = await store.accessNeeds.get(user.id);
	return { needs: stored?.needs ?? [], interpretingLanguage: stored?.interpretingLanguage ?? '', stated: stored !== null && stored.needs.length > 0 };
}

/** Saves the person's own needs; none ticked removes the row (nothing kept that says nothing). */
export async function saveNeeds(store: Store, user: User, raw: unknown, now = new Date()): Promise<Result<AccessNeeds>> {
	const parsed = v.safeParse(AccessNeedsSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	if (parsed.output.needs.length === 0) await store.accessNeeds.clear(user.id);
	else await store.accessNeeds.set(user.id, parsed.output, now);
	return ok(parsed.output);
}

export async function clearNeeds(store: Store, user: User): Promise<void> {
	await store.accessNeeds.clear(user.id);
}

export interface VenueWarning {
	meetingId: string;
	title: string;
	startsAt: Date;
	venueName: string;
	missing: MissingNeed[];
	/** Whose needs are not met: for the board's owners only; null for a chair who is not an owner. */
	people: string[] | null;
	hasOnlineLink: boolean;
}

/** A meeting not yet held: still planned, and not long past its start. */
const WARN_AFTER_START_MS = 24 * 60 * 60 * 1000;
const notYetHeld = (m: Meeting, now: Date) => m.status === 'planned' && m.startsAt.getTime() > now.getTime() - WARN_AFTER_START_MS;

/**
 * The warnings `viewer` is to see about `meetings` (of the viewer's board): empty for anyone who is
 * neither an owner nor the meeting's chair. Reads the meeting document only for a non-owner and
 * only for meetings that have a gap, to learn whether the viewer chairs it.
 */
export async function venueWarnings(
	deps: { store: Store; live: Pick<LiveDocs, 'readWith'> },
	viewer: { user: User; role: BoardRole; board: Board },
	meetings: Meeting[],
	now = new Date()
): Promise<VenueWarning[]> {
	const { store } = deps;
	const upcoming = meetings.filter((m) => notYetHeld(m, now));
	if (upcoming.length === 0) return [];
	const [venues, needs] = await Promise.all([store.venues.forBoardMeetings(viewer.board.id), store.accessNeeds.forBoard(viewer.board.id)]);
	if (needs.length === 0) return [];
	const owner = viewer.role === 'owner';
	const names = owner ? new Map((await store.boards.members(viewer.board.id)).map((x) => [x.user.id, x.user.displayName])) : new Map<string, string>();

	const warnings: VenueWarning[] = [];
	for (const meeting of upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
		const venue = venues.get(meeting.id);
		if (!venue) continue;
		const gaps = needs.map((n) => ({ userId: n.userId, missing: missingNeeds(n, venue) })).filter((g) => g.missing.length > 0);
		if (gaps.length === 0) continue;
		if (!owner && !(await chairs(deps.live, meeting.id, viewer.user.id))) continue;
		warnings.push({
			meetingId: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			venueName: venue.name,
			missing: mergeMissing(gaps.map((g) => g.missing)),
			people: owner ? gaps.map((g) => names.get(g.userId) ?? '').filter(Boolean) : null,
			hasOnlineLink: meeting.onlineUrl !== ''
		});
	}
	return warnings;
}

async function chairs(live: Pick<LiveDocs, 'readWith'>, meetingId: string, userId: string): Promise<boolean> {
	return live.readWith([docName({ kind: 'meeting', meetingId })], ([doc]) => meetingRoles(doc).chairId === userId);
}
