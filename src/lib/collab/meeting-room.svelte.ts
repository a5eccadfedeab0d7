// Over 300 lines on purpose: the one place the meeting page's "may I change this" rules live, each a
// short getter over the same room state; split up, the rules would each need the whole room again.
import { untrack } from 'svelte';
import type * as Y from 'yjs';
import { docAccess, mayChangeOthersVoices, mayRecordReservation, mayResolveComments, type DocAccess } from '$lib/domain/permissions';
import { listThreads, type Thread } from '$lib/domain/comments-doc';
import { offeredToWritePerspective } from '$lib/domain/user-perspective';
import { docName } from '$lib/domain/doc-names';
import type { BoardRole } from '$lib/domain/roles';
import { MINUTES_FIELD } from '$lib/domain/minutes-doc';
import { leadsMeeting, setCurrentItem } from '$lib/domain/meeting-doc';
import { itemsWithoutPerspective, reservationsByDecision, type Author, type Perspective, type Reservation } from '$lib/domain/voices-doc';
import type { ActionMember } from '$lib/components/actions/types';
import type { BoardAgency, BoardPerson } from '$lib/components/meeting/types';
import { BoardRoom, type RoomOptions } from './board-room.svelte';
import { combinedStatus, type ConnectionStatus } from './connection-state.svelte';
import { DocView } from './doc-view.svelte';
import type { LiveSession } from './live-session';
import { readMeeting, readVoices, type MeetingView, type VoicesView } from './meeting-views';
import type { CollabUser, PresentPerson } from './presence.svelte';
import { browserSessions } from './browser-sessions';
import { watchRemoteChanges, type RemoteChangeListener } from './remote-change-watch';

/** What the meeting page knows about the meeting, the board and the person (its load data). */
export interface MeetingRoomInfo {
	boardId: string;
	meetingId: string;
	role: BoardRole;
	/**
	 * What the server lets this person do with the meeting's two documents now: the role, narrowed
	 * by the meeting's status (frozen while in adjustment, read-only once adjusted or cancelled).
	 */
	access: { meeting: DocAccess; voices: DocAccess; comments: DocAccess };
	user: CollabUser;
	author: Author;
	userAgencyId: string;
	agencies: BoardAgency[];
	members: BoardPerson[];
	/** meeting id → title, for the follow-up of actions raised in earlier meetings */
	meetingTitles: Record<string, string>;
}

interface Open {
	meeting: LiveSession;
	voices: LiveSession;
	meetingView: DocView<MeetingView>;
	voicesView: DocView<VoicesView>;
	/** `meeting:<id>:comments`: remarks on the minutes, by every member (comments-doc.ts). */
	comments: LiveSession;
	commentsView: DocView<Thread[]>;
}

/**
 * One meeting as the page sees it: the meeting document (`meeting:<id>`: agenda, § minutes,
 * decisions, attendance), the user perspectives (`meeting:<id>:voices`, which contributors write
 * while they only read the meeting), the comments on the minutes (`meeting:<id>:comments`) and the board's actions (`board`, a BoardRoom). It holds
 * their views, readiness, the connection, and every "may I change this" rule of the page,
 * derived from `$lib/domain/permissions`: the role says what the person may do, the connection
 * whether the server takes it right now. Browser only: `open()` in an effect.
 */
export class MeetingRoom {
	readonly board: BoardRoom;
	#info: () => MeetingRoomInfo;
	#options: RoomOptions;
	#open = $state.raw<Open | null>(null);

	constructor(info: () => MeetingRoomInfo, options: RoomOptions = {}) {
		this.#info = info;
		this.#options = options;
		this.board = new BoardRoom(() => {
			const { boardId, role, user, userAgencyId, agencies, members, meetingTitles } = this.#info();
			return { boardId, role, user, userAgencyId, agencies, members: actionMembers(members), meetingTitles };
		}, options);
	}

	/** Opens the meeting's two documents and the board's; returns the closer. */
	open(): () => void {
		const { meetingId, user } = untrack(this.#info);
		const pool = this.#options.pool ?? browserSessions();
		const onMembershipChange = this.#options.onMembershipChange;
		// Who is here is shown by the board's membership list, never by the name a state carries.
		const members = (id: string) => {
			// Untracked: the first call runs inside the page's effect, which must not re-run on new data.
			const person = untrack(() => this.#info().members.find((p) => p.id === id));
			return person && { id: person.id, name: person.name, agency: person.agency.name, color: person.agency.color };
		};
		const meeting = pool.acquire({ docName: docName({ kind: 'meeting', meetingId }), user, members, onMembershipChange });
		const voices = pool.acquire({ docName: docName({ kind: 'voices', meetingId }), user, onMembershipChange });
		const comments = pool.acquire({ docName: docName({ kind: 'comments', meetingId }), user, onMembershipChange });
		const closeBoard = this.board.open();
		const current: Open = {
			meeting: meeting.session,
			voices: voices.session,
			meetingView: new DocView(meeting.session.doc, readMeeting),
			voicesView: new DocView(voices.session.doc, readVoices),
			comments: comments.session,
			commentsView: new DocView(comments.session.doc, listThreads)
		};
		this.#open = current;
		return () => {
			if (this.#open === current) this.#open = null;
			current.meetingView.destroy();
			current.voicesView.destroy();
			current.commentsView.destroy();
			closeBoard();
			comments.release();
			meeting.release();
			voices.release();
		};
	}

	/** Tells `listener` what others change in the open meeting, never this tab's own edits; returns the stop. */
	watchRemoteChanges(listener: RemoteChangeListener): () => void {
		const { meeting, voices } = this.#opened();
		return untrack(() => watchRemoteChanges({ meeting, voices }, listener));
	}

	// ---- the documents and their views -------------------------------------------------------

	get isOpen(): boolean {
		return this.#open !== null;
	}

	/** The meeting document's session (for its minutes editors); null until opened. */
	get meetingSession(): LiveSession | null {
		return this.#open?.meeting ?? null;
	}

	get voicesSession(): LiveSession | null {
		return this.#open?.voices ?? null;
	}

	/** The meeting's agenda, decisions, status, roles and attendance; undefined until opened. */
	get meeting(): MeetingView | undefined {
		return this.#open?.meetingView.value;
	}

	get voices(): VoicesView | undefined {
		return this.#open?.voicesView.value;
	}

	/** The meeting document, for writing through the domain functions; only while open. */
	get meetingDoc(): Y.Doc {
		return this.#opened().meeting.doc;
	}

	get voicesDoc(): Y.Doc {
		return this.#opened().voices.doc;
	}

	#opened(): Open {
		if (!this.#open) throw new Error('The meeting room is not open');
		return this.#open;
	}

	/** The meeting's other notes (the root fragment the domain names). */
	get notes(): Y.XmlFragment | null {
		return this.#open?.meeting.doc.getXmlFragment(MINUTES_FIELD) ?? null;
	}

	get perspectivesByItem(): Map<string, Perspective[]> {
		const byItem = new Map<string, Perspective[]>();
		for (const p of this.voices?.perspectives ?? []) byItem.set(p.itemId, [...(byItem.get(p.itemId) ?? []), p]);
		return byItem;
	}

	/** Reservations by the decision they are made against (decision id → oldest first). */
	get reservationsByDecision(): Map<string, Reservation[]> {
		return reservationsByDecision(this.voices?.reservations ?? []);
	}

	/** Ids of agenda items nobody has given a user perspective on yet. */
	get withoutPerspective(): Set<string> {
		const open = this.#open;
		const view = this.meeting;
		if (!open || !view) return new Set();
		void this.voices; // re-read when perspectives change
		return new Set(itemsWithoutPerspective(open.voices.doc, view.agenda.map((item) => item.id)));
	}

	/** Every comment thread on the minutes and decisions, oldest first. */
	get threads(): Thread[] {
		return this.#open?.commentsView.value ?? [];
	}

	/** The comments document, for writing through comments-doc.ts; only while open. */
	get commentsDoc(): Y.Doc {
		return this.#opened().comments.doc;
	}

	/** Every member may comment (viewers too) until the meeting is adjusted or cancelled. */
	get mayComment(): boolean {
		return this.#info().access.comments === 'write';
	}

	get canComment(): boolean {
		return this.mayComment && !!this.#open?.comments.connection.canWrite;
	}

	/** Resolves and reopens threads: those who write the minutes (owners, editors). */
	get canResolveComments(): boolean {
		return this.canComment && mayResolveComments(this.role);
	}

	/** Changes to comments the server refused (someone else's, or a resolution without the role). */
	get commentsRefusedChanges(): number {
		return this.#open?.comments.connection.refusedChanges ?? 0;
	}

	// ---- readiness and connection ------------------------------------------------------------

	/** Shown once the server's state (or, offline, this device's copy) is in. */
	get meetingReady(): boolean {
		return this.#open?.meeting.connection.isReady ?? false;
	}

	get voicesReady(): boolean {
		return this.#open?.voices.connection.isReady ?? false;
	}

	/** One status for the meeting and its perspectives: the most urgent of the two. */
	get status(): ConnectionStatus {
		const open = this.#open;
		return open ? combinedStatus([open.meeting.connection.status, open.voices.connection.status, open.comments.connection.status]) : 'connecting';
	}

	/** Who is here (presence on the meeting document); before opening, the person alone. */
	get people(): PresentPerson[] {
		return this.#open?.meeting.presence.people ?? [{ ...this.#info().user, isSelf: true }];
	}

	// ---- capabilities --------------------------------------------------------------------------

	get role(): BoardRole {
		return this.#info().role;
	}

	/** The role, in the meeting's status, allows writing the meeting document (owner, editor; only the secretary in adjustment). */
	get mayEditMeeting(): boolean {
		return this.#info().access.meeting === 'write';
	}

	/** … and the connection allows it right now. */
	get canEditMeeting(): boolean {
		return this.mayEditMeeting && !!this.#open?.meeting.connection.canWrite;
	}

	/** The role, in the meeting's status, allows writing user perspectives (owner, editor, contributor; nobody from adjustment on). */
	get mayWriteVoices(): boolean {
		return this.#info().access.voices === 'write';
	}

	get canWriteVoices(): boolean {
		return this.mayWriteVoices && !!this.#open?.voices.connection.canWrite;
	}

	/** Asked for "your user perspective" by the role and agency (user associations' members, contributors); `canWriteVoices` says whether now. */
	get offeredPerspective(): boolean {
		return offeredToWritePerspective(this.role, this.agency(this.#info().userAgencyId)?.kind);
	}

	/** May change and remove other people's perspectives (the owner). */
	get mayChangeOthersVoices(): boolean {
		return mayChangeOthersVoices(this.role);
	}

	/**
	 * May record a reservation against a decision now: anyone who may write the voices document
	 * (contributors too, who cannot write the decision itself); each is their own entry there.
	 */
	get canRecordReservation(): boolean {
		return mayRecordReservation(this.#info().access.voices) && this.canWriteVoices;
	}

	/** May change or remove this entry of the voices document now (its author, or the owner). */
	canChangeVoice(authorId: string): boolean {
		return this.canWriteVoices && (authorId === this.user.id || this.mayChangeOthersVoices);
	}

	get mayEditActions(): boolean {
		return this.board.mayEditActions;
	}

	get canEditActions(): boolean {
		return this.board.canEditActions;
	}

	/** The § the chair has set as current (null: none, or not open yet). */
	get currentItemId(): string | null {
		return this.meeting?.currentItemId ?? null;
	}

	/** Leads the meeting through its agenda: may edit it and is its chair or secretary (or no chair is chosen). */
	get mayLeadMeeting(): boolean {
		const view = this.meeting;
		return this.mayEditMeeting && !!view && leadsMeeting(this.user.id, view);
	}

	/** … and the connection takes it right now. */
	get canSetCurrentItem(): boolean {
		return this.mayLeadMeeting && this.canEditMeeting;
	}

	/** Sets or clears the current §, for everyone in the meeting. */
	setCurrentItem(itemId: string | null): void {
		if (!this.canSetCurrentItem) return;
		setCurrentItem(this.meetingDoc, itemId);
	}

	/** The role allows editing the meeting but the server drops our changes (role lowered while connected). */
	get meetingDeniedByServer(): boolean {
		return this.mayEditMeeting && !!this.#open?.meeting.connection.readOnly;
	}

	get voicesDeniedByServer(): boolean {
		return this.mayWriteVoices && !!this.#open?.voices.connection.readOnly;
	}

	/** Changes to perspectives the server refused while it accepts others (someone else's entry). */
	get voicesRefusedChanges(): number {
		return this.#open?.voices.connection.refusedChanges ?? 0;
	}

	// ---- who ----------------------------------------------------------------------------------

	get meetingId(): string {
		return this.#info().meetingId;
	}

	get user(): CollabUser {
		return this.#info().user;
	}

	get author(): Author {
		return this.#info().author;
	}

	get members(): BoardPerson[] {
		return this.#info().members;
	}

	get agencies(): BoardAgency[] {
		return this.#info().agencies;
	}

	agency(id: string | null | undefined): BoardAgency | undefined {
		return id ? this.agencies.find((a) => a.id === id) : undefined;
	}

	memberName(id: string | null | undefined): string | null {
		return id ? (this.members.find((p) => p.id === id)?.name ?? null) : null;
	}
}

function actionMembers(members: BoardPerson[]): ActionMember[] {
	return members.map((p) => ({ userId: p.id, name: p.name, agencyId: p.agencyId }));
}
