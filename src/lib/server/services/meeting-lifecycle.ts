// Over 300 lines for now: every lifecycle step (moves, appointment, approval and sealing, objections,
// answers, addenda) shares justeringNow/versionNow and one store-at-revision pattern. Next split when it
// grows: addenda into services/addenda.ts.
import * as v from 'valibot';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { docName } from '../../domain/doc-names.js';
import { listAgenda, meetingRoles, meetingStatus } from '../../domain/meeting-doc.js';
import { LIFECYCLE_STATUSES, allowedMoves, mayMoveMeeting, meetingActor, type LifecycleStatus, type MeetingActor } from '../../domain/meeting-lifecycle.js';
import * as Y from 'yjs';
import {
	ANSWER_OUTCOMES,
	adjusterIds,
	answer,
	appoint,
	appointedFor,
	approve,
	newAdjustment,
	object,
	pendingApprovers,
	reopen,
	type AdjustmentResult,
	type AdjustmentState
} from '../../domain/adjustment.js';
import { PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import { addendumPending, approveAddendum, writeAddendum } from '../../domain/addendum.js';
import { canonicalJson, protocolHash } from '../../domain/protocol/canonical.js';
import type { Protocol } from '../../domain/protocol/protocol-model.js';
import { currentProtocol } from '../protocol/current-protocol.js';
import { acknowledged, identityNumbersIn, type PersonalDataSpot } from './personal-data-guard.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { CONTROL_CHARS_ERROR, hasControlChars } from '../../domain/control-chars.js';
import type { BoardRole } from '../../domain/roles.js';
import type { LiveConnections, LiveDocs } from '../runtime.js';
import type { Meeting, MeetingChange, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * The meeting's lifecycle on the server (issue 10, points 2–3): moves between statuses and the
 * chair's appointment of adjusters, decided by the domain's rules (meeting-lifecycle.ts,
 * adjustment.ts) on what the store holds now, stored at the revision they were decided on, and
 * then told to every socket on the meeting's documents (which may turn read-only).
 */
export interface LifecycleDeps {
	store: Store;
	live: Pick<LiveConnections, 'refreshMeeting'> & LiveDocs;
}

/** Longest reason for cancelling a meeting (it goes into the calendar entry). */
export const MAX_CANCEL_REASON = 500;

/**
 * The justering as it stands, with the chair and secretary it applies to. Until the minutes are
 * sent for adjustment these are whoever the meeting document names now (editors choose them
 * there); from then on the ones recorded when they were sent, which nobody can change under the
 * adjusters (the document is frozen, and the record is the server's).
 */
export async function justeringNow(live: LiveDocs, meeting: Meeting): Promise<AdjustmentState> {
	const stored = readAdjustment(meeting.adjustment);
	if (stored && (meeting.status === 'in_adjustment' || meeting.status === 'adjusted')) return stored;
	const doc = await live.readDoc(docName({ kind: 'meeting', meetingId: meeting.id }));
	const roles = meetingRoles(doc);
	doc.destroy();
	return { ...(stored ?? newAdjustment(roles)), chairId: roles.chairId, secretaryId: roles.secretaryId };
}

export function actorIn(state: AdjustmentState, userId: string, role: BoardRole | null): MeetingActor {
	return meetingActor(userId, role, { chairId: state.chairId, secretaryId: state.secretaryId, adjusterIds: adjusterIds(state) });
}

/**
 * Before the status moved into SQL, editors set it in the meeting document. A meeting never moved
 * since takes that status over once (recorded as an event), so nobody's "held" meeting turns back
 * into "planned". Returns the meeting as it now stands.
 */
export async function adoptDocumentStatus(deps: LifecycleDeps, meeting: Meeting): Promise<Meeting> {
	if (meeting.statusChangedAt !== null || meeting.status !== 'planned') return meeting;
	const doc = await deps.live.readDoc(docName({ kind: 'meeting', meetingId: meeting.id }));
	const written = meetingStatus(doc);
	doc.destroy();
	if (written === 'planned') return meeting;
	const at = new Date();
	const event = { kind: 'adopted', actorId: meeting.createdBy, at, detail: { from: 'planned', to: written } };
	const revision = await deps.store.meetings.change(meeting.id, { revision: meeting.revision, status: written, bumpSequence: false, event });
	return revision === null ? ((await deps.store.meetings.get(meeting.id)) ?? meeting) : { ...meeting, status: written, statusChangedAt: at, revision };
}

/** What the meeting page shows of the lifecycle, and offers this person. */
export async function lifecycleView(deps: LifecycleDeps, user: User, meeting: Meeting, role: BoardRole) {
	const state = await justeringNow(deps.live, meeting);
	const actor = actorIn(state, user.id, role);
	// While in adjustment: the version now (what an approval or objection refers to), the § an
	// objection can be tied to, and who has yet to approve this version.
	let reading: { version: string; items: Array<{ id: string; number: number; title: string }>; pending: string[] } | null = null;
	if (meeting.status === 'in_adjustment') {
		const { hash } = await versionNow(deps, meeting);
		const doc = await deps.live.readDoc(docName({ kind: 'meeting', meetingId: meeting.id }));
		const items = listAgenda(doc).map(({ id, number, title }) => ({ id, number, title }));
		doc.destroy();
		reading = { version: hash, items, pending: pendingApprovers(state, hash) };
	}
	const sealed = meeting.status === 'adjusted' ? await deps.store.protocols.get(meeting.id) : null;
	return {
		reading,
		sealedHash: sealed?.hash ?? null,
		status: meeting.status,
		cancelReason: meeting.cancelReason,
		moves: allowedMoves(meeting.status, actor, appointedFor(state)),
		actor,
		chairId: state.chairId,
		secretaryId: state.secretaryId,
		appointment: state.appointment,
		approvals: state.approvals,
		objections: state.objections
	};
}

const MoveSchema = v.object({ to: v.picklist(LIFECYCLE_STATUSES), reason: v.optional(v.string(), ''), personalData: v.optional(v.string(), '') });

/** Moves the meeting to another status, if this person may (mayMoveMeeting) and nobody moved it meanwhile. */
export async function moveMeeting(
	deps: LifecycleDeps,
	user: User,
	meeting: Meeting,
	raw: unknown,
	now = new Date()
): Promise<Result<{ status: LifecycleStatus; personalData?: { acknowledged: true; spots: PersonalDataSpot[] } }>> {
	const parsed = v.safeParse(MoveSchema, raw);
	if (!parsed.success) return fail({ _form: 'error_meeting_move_not_possible' });
	const { to } = parsed.output;
	const reason = parsed.output.reason.trim();
	const role = await deps.store.boards.role(meeting.boardId, user.id);
	const from = meeting.status;
	const state = await justeringNow(deps.live, meeting);
	const verdict = mayMoveMeeting({ from, to, actor: actorIn(state, user.id, role), appointed: appointedFor(state) });
	if (!verdict.ok) return fail({ _form: verdict.reason });

	if (to === 'cancelled') {
		if (reason === '') return fail({ reason: 'lc_error_cancel_reason_required' });
		if (reason.length > MAX_CANCEL_REASON) return fail({ reason: 'error_too_long' });
		if (hasControlChars(reason, true)) return fail({ reason: CONTROL_CHARS_ERROR });
	}

	const at = now.toISOString();
	let adjustment: AdjustmentState | undefined;
	let detail: Record<string, unknown> = to === 'cancelled' ? { from, to, reason } : { from, to };
	let acknowledgedSpots: PersonalDataSpot[] | null = null;
	// Sending for adjustment records the chair and secretary the justering applies to.
	if (to === 'in_adjustment') {
		adjustment = state;
		// The protocol as its adjusters will read it: identity numbers in it need a conscious yes,
		// which the meeting's history keeps (where, never what).
		const spots = identityNumbersIn((await versionNow(deps, meeting)).protocol);
		if (spots.length && !acknowledged(parsed.output.personalData)) return { ok: false, errors: { _form: 'guard_error_send_needs_ack' }, personalData: spots };
		if (spots.length) acknowledgedSpots = spots;
		if (spots.length) detail = { ...detail, personalData: { acknowledged: true, spots } };
	}
	if (from === 'in_adjustment' && to === 'held') {
		const reopened = reopen(state, { by: user.id, at, status: from });
		if (!reopened.ok) return fail({ _form: reopened.reason });
		adjustment = reopened.state;
	}

	const change: MeetingChange = {
		revision: meeting.revision,
		status: to,
		// The reason stays with a cancelled meeting; reinstating it clears it.
		cancelReason: to === 'cancelled' ? reason : from === 'cancelled' ? '' : undefined,
		adjustment,
		// Cancelling and reinstating change the calendar entry (STATUS:CANCELLED).
		bumpSequence: to === 'cancelled' || from === 'cancelled',
		event: { kind: 'moved', actorId: user.id, at: now, detail }
	};
	if ((await deps.store.meetings.change(meeting.id, change)) === null) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	return ok({ status: to, ...(acknowledgedSpots ? { personalData: { acknowledged: true as const, spots: acknowledgedSpots } } : {}) });
}

const AppointSchema = v.object({
	adjusterIds: v.pipe(v.array(v.string()), v.maxLength(2)),
	dueDate: v.string()
});

/** The chair appoints one or two adjusters and the date adjustment is due (adjustment.ts, `appoint`). */
export async function appointAdjusters(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<{ adjusterIds: string[] }>> {
	const parsed = v.safeParse(AppointSchema, raw);
	if (!parsed.success) return fail({ adjusterIds: 'error_adjust_adjuster_count' });
	const ids = parsed.output.adjusterIds.filter((id) => id !== '');
	const state = await justeringNow(deps.live, meeting);
	const memberIds = (await deps.store.boards.members(meeting.boardId)).map((m) => m.user.id);
	const result = appoint(state, { by: user.id, at: now.toISOString(), status: meeting.status, adjusterIds: ids, dueDate: parsed.output.dueDate, memberIds });
	if (!result.ok) return fail({ [result.reason === 'error_adjust_due_date_invalid' ? 'dueDate' : result.reason.startsWith('error_adjust_adjuster') ? 'adjusterIds' : '_form']: result.reason });
	const change: MeetingChange = {
		revision: meeting.revision,
		adjustment: result.state,
		bumpSequence: false,
		event: { kind: 'appointed', actorId: user.id, at: now, detail: { adjusterIds: ids, dueDate: parsed.output.dueDate } }
	};
	if ((await deps.store.meetings.change(meeting.id, change)) === null) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	return ok({ adjusterIds: ids });
}

/**
 * The protocol as it stands now, rendered from the documents in memory (what was typed a moment
 * ago), in the board's language and zone, and its version: the hash every approver approves.
 * The two documents read are kept for sealing.
 */
export async function versionNow(deps: LifecycleDeps, meeting: Meeting) {
	const board = await deps.store.boards.get(meeting.boardId);
	if (!board) throw new Error(`meeting ${meeting.id} has no board`);
	const docs = new Map<string, Y.Doc>();
	const read = async (name: string) => {
		const doc = await deps.live.readDoc(name);
		docs.set(name, doc);
		return doc;
	};
	const protocol: Protocol = await currentProtocol(deps.store, { meeting, board, timeZone: PROTOCOL_TIME_ZONES[board.language] }, read);
	const state = (kind: 'meeting' | 'voices') => {
		const doc = docs.get(docName({ kind, meetingId: meeting.id }));
		return doc ? Y.encodeStateAsUpdate(doc) : new Uint8Array();
	};
	const result = { protocol, hash: protocolHash(protocol), meetingState: state('meeting'), voicesState: state('voices') };
	for (const doc of docs.values()) doc.destroy();
	return result;
}

/** Stores a changed justering at the revision it was decided on, and tells the meeting's sockets. */
async function storeJustering(deps: LifecycleDeps, meeting: Meeting, result: AdjustmentResult, event: MeetingChange['event']): Promise<Result<AdjustmentState>> {
	if (!result.ok) return fail({ _form: result.reason });
	const change: MeetingChange = { revision: meeting.revision, adjustment: result.state, bumpSequence: false, event };
	if ((await deps.store.meetings.change(meeting.id, change)) === null) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	return ok(result.state);
}

const ReadingSchema = v.object({ version: v.string() });

/**
 * The chair or an adjuster approves the version they read. When the chair and every adjuster
 * have approved the same version, the protocol is adjusted: sealed (canonical form, hash, both
 * documents' states, the approvals) in the same step, and the documents lock for everyone.
 */
export async function approveProtocol(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<{ adjusted: boolean; hash: string }>> {
	const parsed = v.safeParse(ReadingSchema, raw);
	if (!parsed.success) return fail({ _form: 'error_adjust_version_stale' });
	const state = await justeringNow(deps.live, meeting);
	const current = await versionNow(deps, meeting);
	const at = now.toISOString();
	const result = approve(state, { by: user.id, at, status: meeting.status, version: parsed.output.version, currentVersion: current.hash });
	if (!result.ok) return fail({ _form: result.reason === 'error_adjust_version_stale' ? 'lc_error_version_changed' : result.reason });
	if (pendingApprovers(result.state, current.hash).length > 0) {
		const stored = await storeJustering(deps, meeting, result, { kind: 'approved', actorId: user.id, at: now, detail: { version: current.hash } });
		return stored.ok ? ok({ adjusted: false, hash: current.hash }) : stored;
	}
	const approvals = result.state.approvals.filter((a) => a.withdrawnAt === null && a.version === current.hash);
	const sealed = await deps.store.protocols.seal(
		{
			meetingId: meeting.id,
			hash: current.hash,
			format: current.protocol.format,
			canonical: canonicalJson(current.protocol),
			meetingState: current.meetingState,
			voicesState: current.voicesState,
			approvals,
			sealedAt: now
		},
		meeting.revision,
		result.state,
		user.id
	);
	if (!sealed) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	await emitWebhookEvent(deps.store, 'meeting.adjusted', { boardId: meeting.boardId, meetingId: meeting.id, hash: current.hash, adjustedAt: at }, { at: now });
	return ok({ adjusted: true, hash: current.hash });
}

const ObjectionSchema = v.object({ version: v.string(), itemId: v.string(), problem: v.string(), suggestion: v.optional(v.string(), '') });

/** The chair or an adjuster objects to a § (or to the header: itemId '') of the version they read. */
export async function objectToProtocol(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<AdjustmentState>> {
	const parsed = v.safeParse(ObjectionSchema, raw);
	if (!parsed.success) return fail({ problem: 'error_adjust_problem_required' });
	const { version, itemId, problem, suggestion } = parsed.output;
	const state = await justeringNow(deps.live, meeting);
	const current = await versionNow(deps, meeting);
	const doc = await deps.live.readDoc(docName({ kind: 'meeting', meetingId: meeting.id }));
	const itemIds = [...doc.getMap('agenda').keys()];
	doc.destroy();
	const result = object(state, {
		by: user.id,
		at: now.toISOString(),
		status: meeting.status,
		version,
		currentVersion: current.hash,
		itemId: itemId === '' ? null : itemId,
		itemIds,
		problem,
		suggestion
	});
	if (!result.ok) {
		const field = result.reason === 'error_adjust_version_stale' ? null : result.reason === 'error_adjust_item_unknown' ? 'itemId' : result.reason.startsWith('error_adjust') ? '_form' : 'problem';
		if (field === null) return fail({ _form: 'lc_error_version_changed' });
		return fail({ [field]: result.reason === 'error_adjust_problem_required' ? result.reason : result.reason });
	}
	return storeJustering(deps, meeting, result, { kind: 'objected', actorId: user.id, at: now, detail: { itemId: itemId || null } });
}

const AnswerSchema = v.object({ objectionId: v.string(), outcome: v.picklist(ANSWER_OUTCOMES), reason: v.optional(v.string(), '') });

/** The secretary answers an objection: corrected, or not changed with a reason. */
export async function answerObjection(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<AdjustmentState>> {
	const parsed = v.safeParse(AnswerSchema, raw);
	if (!parsed.success) return fail({ outcome: 'error_invalid' });
	const state = await justeringNow(deps.live, meeting);
	const result = answer(state, { by: user.id, at: now.toISOString(), status: meeting.status, ...parsed.output });
	if (!result.ok && (result.reason === 'error_adjust_reason_required' || result.reason === 'error_too_long')) return fail({ reason: result.reason });
	return storeJustering(deps, meeting, result, { kind: 'answered', actorId: user.id, at: now, detail: { objectionId: parsed.output.objectionId, outcome: parsed.output.outcome } });
}

/** The chair or the secretary writes an addendum to the adjusted protocol (never an edit of it). */
export async function writeProtocolAddendum(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<{ number: number }>> {
	const parsed = v.safeParse(v.object({ text: v.string() }), raw);
	if (!parsed.success) return fail({ text: 'error_addendum_text_required' });
	const sealed = meeting.status === 'adjusted' ? await deps.store.protocols.get(meeting.id) : null;
	const state = await justeringNow(deps.live, meeting);
	const existing = await deps.store.addenda.list(meeting.id);
	const result = writeAddendum(state, { by: user.id, at: now.toISOString(), status: sealed ? 'adjusted' : meeting.status, text: parsed.output.text, protocolHash: sealed?.hash ?? '', existing });
	if (!result.ok) return fail({ [result.reason === 'error_addendum_not_adjusted' || result.reason === 'error_addendum_not_writer' ? '_form' : 'text']: result.reason });
	if (!(await deps.store.addenda.add(meeting.id, result.addendum))) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	return ok({ number: result.addendum.number });
}

/** The chair or an adjuster approves an addendum; the last approval makes it final. */
export async function approveProtocolAddendum(deps: LifecycleDeps, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<{ approved: boolean }>> {
	const parsed = v.safeParse(v.object({ number: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/)) }), raw);
	if (!parsed.success) return fail({ _form: 'error_addendum_unknown' });
	const addendum = (await deps.store.addenda.list(meeting.id)).find((a) => a.number === Number(parsed.output.number));
	if (!addendum) return fail({ _form: 'error_addendum_unknown' });
	const state = await justeringNow(deps.live, meeting);
	const result = approveAddendum(state, addendum, { by: user.id, at: now.toISOString() });
	if (!result.ok) return fail({ _form: result.reason });
	if (result.addendum === addendum) return ok({ approved: addendum.approvedAt !== null });
	if (!(await deps.store.addenda.approve(meeting.id, result.addendum, addendum.revision, user.id, now))) return fail({ _form: 'lc_error_changed_meanwhile' });
	await deps.live.refreshMeeting(meeting.id);
	return ok({ approved: result.addendum.approvedAt !== null });
}

/** The addenda as the meeting page shows them, with who has yet to approve each. */
export async function addendaView(deps: LifecycleDeps, meeting: Meeting) {
	if (meeting.status !== 'adjusted') return [];
	const state = await justeringNow(deps.live, meeting);
	return (await deps.store.addenda.list(meeting.id)).map(({ revision: _revision, ...a }) => ({ ...a, pending: addendumPending(state, a) }));
}
