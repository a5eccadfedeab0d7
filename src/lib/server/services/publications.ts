import type { BoardLanguage } from '../../domain/board-language.js';
import type { Protocol } from '../../domain/protocol/protocol-model.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { publicVersion } from '../../domain/protocol/render-protocol.js';
import { isPathDate, isSlug, localDate, mayPublish, nextPathDate, parseSlug, publicationPath, publishRefusal, suggestSlug } from '../../domain/publication.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';
import { parseSealed } from './protocols.js';
import { identityNumbersIn } from './personal-data-guard.js';

/**
 * Publishing the public version of an adjusted protocol (issue 10, point 9). The rules are in
 * domain/publication.ts; the store's SQL functions log every publish and unpublish as a meeting
 * event and keep an address with the meeting it was first given to.
 */

/** What the meeting page shows about publishing (only owners see the buttons). */
export async function control(store: Store, access: { role: BoardRole; meeting: Meeting; board: Board }) {
	const { role, meeting, board } = access;
	if (meeting.status !== 'adjusted') return null;
	const [sealed, slug, publication] = await Promise.all([
		store.protocols.get(meeting.id),
		store.publications.slug(board.id),
		store.publications.forMeeting(meeting.id)
	]);
	if (!sealed) return null;
	return {
		mayPublish: mayPublish(role),
		hash: sealed.hash,
		hasSlug: slug !== null,
		path: publication && slug ? publicationPath(slug, publication.pathDate) : null,
		published: publication !== null && publication.unpublishedAt === null
	};
}

/** The address date of a sealed protocol: its meeting's date in the protocol's own time zone. */
function meetingDate(canonical: string, meeting: Meeting): string {
	const header = (JSON.parse(canonical) as Protocol).header;
	return localDate(header.startsAt, header.timeZone) || meeting.startsAt.toISOString().slice(0, 10);
}

export async function publish(store: Store, user: User, meeting: Meeting, at = new Date()): Promise<Result<{ path: string }>> {
	const [role, sealed, slug] = await Promise.all([
		store.boards.role(meeting.boardId, user.id),
		store.protocols.get(meeting.id),
		store.publications.slug(meeting.boardId)
	]);
	const refusal = publishRefusal({ role, adjusted: sealed !== null, slug });
	if (refusal || !sealed || !slug) return fail({ _form: refusal ?? 'publish_error_not_adjusted' });
	// Never an identity number in public: the adjusted protocol cannot change, so it stays unpublished.
	const spots = identityNumbersIn(publicVersion(parseSealed(sealed.canonical)));
	if (spots.length) return { ok: false, errors: { _form: 'guard_error_public_refused' }, personalData: spots };
	const date = meetingDate(sealed.canonical, meeting);
	// Two tries: another meeting of the same day may take the address between reading and writing.
	for (let attempt = 0; attempt < 2; attempt++) {
		const earlier = await store.publications.forMeeting(meeting.id);
		const pathDate = earlier?.pathDate ?? nextPathDate(date, (await store.publications.listForBoard(meeting.boardId)).map((p) => p.pathDate));
		if (!pathDate) return fail({ _form: 'error_invalid' });
		const outcome = await store.publications.publish(meeting.id, pathDate, user.id, at);
		if (outcome === 'published') {
			// Issue 15: the board's webhooks hear of it (queued here, posted by the worker).
			await emitWebhookEvent(store, 'protocol.published', { boardId: meeting.boardId, meetingId: meeting.id, hash: sealed.hash, path: publicationPath(slug, pathDate) }, { at });
		}
		if (outcome === 'published' || outcome === 'already') return ok({ path: publicationPath(slug, pathDate) });
		if (outcome === 'no-slug') return fail({ _form: 'publish_error_no_slug' });
		if (outcome === 'not-adjusted') return fail({ _form: 'publish_error_not_adjusted' });
	}
	return fail({ _form: 'error_invalid' });
}

export async function unpublish(store: Store, user: User, meeting: Meeting, at = new Date()): Promise<Result<true>> {
	if (!mayPublish(await store.boards.role(meeting.boardId, user.id))) return fail({ _form: 'publish_error_not_owner' });
	return (await store.publications.unpublish(meeting.id, user.id, at)) ? ok(true) : fail({ _form: 'publish_error_not_published' });
}

/** The board's public address form: its slug, or one suggested from its name. */
export async function slugForm(store: Store, access: { board: Board; role: BoardRole }) {
	const slug = await store.publications.slug(access.board.id);
	const suggested = suggestSlug(access.board.name);
	return { slug, suggestion: slug ?? (isSlug(suggested) ? suggested : ''), mayChange: access.role === 'owner' };
}

export async function setSlug(store: Store, access: { board: Board; role: BoardRole }, input: string): Promise<Result<{ slug: string }>> {
	if (access.role !== 'owner') return fail({ slug: 'publish_error_not_owner' });
	const slug = parseSlug(input);
	if (!slug) return fail({ slug: 'publish_error_slug_invalid' });
	const outcome = await store.publications.setSlug(access.board.id, slug);
	if (outcome === 'taken') return fail({ slug: 'publish_error_slug_taken' });
	if (outcome === 'locked') return fail({ slug: 'publish_error_slug_locked' });
	if (outcome === 'not-found') return fail({ slug: 'error_invalid' });
	return ok({ slug });
}

export type PublicPage =
	| { kind: 'not-found' }
	| { kind: 'gone' }
	| { kind: 'published'; protocol: Protocol; hash: string; publishedAt: Date; language: BoardLanguage };

/**
 * The page at /p/<slug>/<pathDate>, for anyone: the public version of the sealed protocol (never
 * the internal one), 'gone' when taken down, 'not-found' when no meeting ever had the address.
 */
export async function publicPage(store: Store, slug: string, pathDate: string): Promise<PublicPage> {
	if (!isSlug(slug) || !isPathDate(pathDate)) return { kind: 'not-found' };
	const boardId = await store.publications.boardIdBySlug(slug);
	if (!boardId) return { kind: 'not-found' };
	const publication = await store.publications.find(boardId, pathDate);
	if (!publication) return { kind: 'not-found' };
	if (publication.unpublishedAt !== null) return { kind: 'gone' };
	const [sealed, board] = await Promise.all([store.protocols.get(publication.meetingId), store.boards.get(boardId)]);
	if (!sealed || !board) return { kind: 'not-found' };
	const protocol = publicVersion(parseSealed(sealed.canonical));
	// Published before the guard refused it: still never shown with an identity number in it.
	if (identityNumbersIn(protocol).length) return { kind: 'gone' };
	// Its labels in the board's language, as on paper and in the downloads.
	return {
		kind: 'published',
		protocol,
		hash: sealed.hash,
		publishedAt: publication.publishedAt,
		language: board.language
	};
}
