import type { Protocol } from '../../domain/protocol/protocol-model.js';
import { parseProtocolHash, publicationPath } from '../../domain/publication.js';
import { hashFromPdf, looksLikePdf, MAX_PDF_BYTES } from '../protocol/pdf-hash.js';
import type { Store } from '../store/types.js';
import { printedAddenda } from '../../domain/addendum.js';

/**
 * Anyone may check a protocol (issue 10, point 5), without an account: by its hash, or by a PDF
 * made by Samtavla, whose hash is read from its document information (pdf-hash.ts). The answer
 * describes the meeting as the sealed protocol states it (the hash covers exactly that), the
 * approvals with the approvers' names, and the published public version if there is one.
 */
export interface Approver {
	name: string | null;
	role: 'chair' | 'adjuster' | 'other';
	at: string;
}

export type Verification =
	| {
			kind: 'match';
			hash: string;
			boardName: string;
			meetingTitle: string;
			startsAt: string;
			timeZone: string;
			place: string;
			sealedAt: Date;
			approvers: Approver[];
			publicPath: string | null;
			/** The protocol's approved addenda (number, approval, hash; never their text: this page is public). */
			addenda: VerifiedAddendum[];
			/** When the hash asked about was an approved addendum's: that addendum (`hash` is then its protocol's). */
			addendum: VerifiedAddendum | null;
	  }
	| { kind: 'no-match'; hash: string }
	| { kind: 'malformed' };

export interface VerifiedAddendum {
	number: number;
	hash: string;
	approvedAt: string;
}

/** What /verify's form was given, as the hash to look up or why there is none. */
export type VerifyInput = { ok: true; hash: string } | { ok: false; error: 'empty' | 'malformed' | 'too_large' | 'not_samtavla' };

interface StoredApproval {
	by: string;
	at: string;
	version: string | null;
	withdrawnAt: string | null;
}

function approvalsOf(value: unknown): StoredApproval[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((a) => {
		if (!a || typeof a !== 'object') return [];
		const { by, at, version, withdrawnAt } = a as Record<string, unknown>;
		if (typeof by !== 'string' || typeof at !== 'string') return [];
		return [{ by, at, version: typeof version === 'string' ? version : null, withdrawnAt: typeof withdrawnAt === 'string' ? withdrawnAt : null }];
	});
}

/** Chair and adjusters as the meeting's stored justering names them (adjustment.ts), read defensively. */
function rolesOf(adjustment: unknown): { chairId: string | null; adjusterIds: string[] } {
	const a = adjustment && typeof adjustment === 'object' ? (adjustment as Record<string, unknown>) : {};
	const appointment = a.appointment && typeof a.appointment === 'object' ? (a.appointment as Record<string, unknown>) : {};
	const ids = Array.isArray(appointment.adjusterIds) ? appointment.adjusterIds.filter((id): id is string => typeof id === 'string') : [];
	return { chairId: typeof a.chairId === 'string' ? a.chairId : null, adjusterIds: ids };
}

export async function verifyHash(store: Store, input: string): Promise<Verification> {
	const asked = parseProtocolHash(input);
	if (!asked) return { kind: 'malformed' };
	let sealed = await store.protocols.findByHash(asked);
	let addendum: VerifiedAddendum | null = null;
	if (!sealed) {
		// An addendum carries a hash of its own; it verifies once approved, as part of its protocol.
		const found = await store.addenda.findByHash(asked);
		if (found?.approvedAt) {
			sealed = await store.protocols.get(found.meetingId);
			addendum = { number: found.number, hash: found.hash, approvedAt: found.approvedAt };
		}
	}
	if (!sealed) return { kind: 'no-match', hash: asked };
	const hash = sealed.hash;
	const header = (JSON.parse(sealed.canonical) as Protocol).header;
	const [meeting, publication, addenda] = await Promise.all([
		store.meetings.get(sealed.meetingId),
		store.publications.forMeeting(sealed.meetingId),
		store.addenda.list(sealed.meetingId)
	]);
	const roles = rolesOf(meeting?.adjustment);
	// The approvals in force when it was sealed: not withdrawn, and of this version when they say so.
	const standing = approvalsOf(sealed.approvals).filter((a) => a.withdrawnAt === null);
	const ofThisVersion = standing.filter((a) => a.version === hash);
	const approvals = ofThisVersion.length ? ofThisVersion : standing;
	const approvers = await Promise.all(
		approvals.map(async (a): Promise<Approver> => ({
			// An erased account has no name any more (''): shown as an unknown person, like a missing one.
			name: (await store.users.get(a.by))?.displayName || null,
			role: a.by === roles.chairId ? 'chair' : roles.adjusterIds.includes(a.by) ? 'adjuster' : 'other',
			at: a.at
		}))
	);
	approvers.sort((x, y) => (x.role === 'chair' ? 0 : 1) - (y.role === 'chair' ? 0 : 1) || x.at.localeCompare(y.at));
	let publicPath: string | null = null;
	if (publication && publication.unpublishedAt === null) {
		const slug = await store.publications.slug(publication.boardId);
		if (slug) publicPath = publicationPath(slug, publication.pathDate);
	}
	return {
		kind: 'match',
		hash,
		boardName: header.boardName,
		meetingTitle: header.meetingTitle,
		startsAt: header.startsAt,
		timeZone: header.timeZone,
		place: header.place,
		sealedAt: sealed.sealedAt,
		approvers,
		publicPath,
		addenda: printedAddenda(addenda).map(({ number, hash, approvedAt }) => ({ number, hash, approvedAt })),
		addendum
	};
}

/** The verify form: a pasted hash wins over a file; a file must be a PDF carrying Samtavla's hash. */
export async function readVerifyForm(form: FormData): Promise<VerifyInput> {
	const typed = form.get('hash');
	if (typeof typed === 'string' && typed.trim() !== '') {
		const hash = parseProtocolHash(typed);
		return hash ? { ok: true, hash } : { ok: false, error: 'malformed' };
	}
	const file = form.get('pdf');
	if (!(file instanceof File) || file.size === 0) return { ok: false, error: 'empty' };
	if (file.size > MAX_PDF_BYTES) return { ok: false, error: 'too_large' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (!looksLikePdf(bytes)) return { ok: false, error: 'not_samtavla' };
	const hash = hashFromPdf(bytes);
	return hash ? { ok: true, hash } : { ok: false, error: 'not_samtavla' };
}
