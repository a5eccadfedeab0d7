import { untrack } from 'svelte';
import { docAccess } from '$lib/domain/permissions';
import { docName } from '$lib/domain/doc-names';
import { FALLBACK_COLOR } from '$lib/domain/collab-identity';
import type { BoardRole } from '$lib/domain/roles';
import {
	createAction,
	followUpFor,
	listActions,
	setActionOutcome,
	setActionStatus,
	updateAction,
	type Action,
	type ActionStatus,
	type NewAction
} from '$lib/domain/board-doc';
import type { ActionAgency, ActionMember } from '$lib/components/actions/types';
import { listAsks, listFeedback, type Ask, type Feedback } from '$lib/domain/board-voices-doc';
import type { ConnectionStatus } from './connection-state.svelte';
import { DocView } from './doc-view.svelte';
import type { LiveSession } from './live-session';
import type { CollabUser } from './presence.svelte';
import type { SessionPool } from './session-pool';
import { browserSessions } from './browser-sessions';

/** What the page knows about the board and the person (from its load data; may be reloaded). */
export interface BoardRoomInfo {
	boardId: string;
	role: BoardRole | null;
	user: CollabUser;
	userAgencyId: string;
	agencies: ActionAgency[];
	members: ActionMember[];
	/** meeting id → title, to say where an action was raised */
	meetingTitles: Record<string, string>;
	/** the person's agency is a user association: they may tell how a done action worked (issue 12) */
	mayGiveFeedback?: boolean;
}

export interface RoomOptions {
	/** where sessions come from: the browser's pool, or a fake one in specs */
	pool?: SessionPool;
	/** the server says our role changed: reload the page's data (SvelteKit's invalidateAll) */
	onMembershipChange?: () => void;
	/** also open the board's voices (`board:<id>:voices`: asks and feedback on effects; the board page) */
	voices?: boolean;
}

interface BoardVoices {
	asks: Ask[];
	feedback: Feedback[];
}
const readVoices = (doc: Parameters<typeof listAsks>[0]): BoardVoices => ({ asks: listAsks(doc), feedback: listFeedback(doc) });

/**
 * The board's action items (`board:<id>`) as the page sees them: the live list, readiness, the
 * connection and what the person may do with them. Every component that shows actions reads this
 * one room (from context), so the page keeps one connection to the board document.
 * Browser only: `open()` in an effect, and call what it returns on unmount.
 */
export class BoardRoom {
	#info: () => BoardRoomInfo;
	#pool: () => SessionPool;
	#onMembershipChange: (() => void) | undefined;
	#session = $state.raw<LiveSession | null>(null);
	#view = $state.raw<DocView<Action[]> | null>(null);
	#voicesSession = $state.raw<LiveSession | null>(null);
	#voicesView = $state.raw<DocView<BoardVoices> | null>(null);
	#withVoices: boolean;

	constructor(info: () => BoardRoomInfo, options: RoomOptions = {}) {
		this.#info = info;
		this.#withVoices = options.voices ?? false;
		this.#pool = () => options.pool ?? browserSessions();
		this.#onMembershipChange = options.onMembershipChange;
	}

	/** Opens `board:<boardId>` (shared with any other room asking for it); returns the closer. */
	open(): () => void {
		const { boardId, user } = untrack(this.#info);
		const handle = this.#pool().acquire({ docName: docName({ kind: 'board', boardId }), user, onMembershipChange: this.#onMembershipChange });
		const view = new DocView(handle.session.doc, listActions);
		this.#session = handle.session;
		this.#view = view;
		const closeVoices = this.#withVoices ? this.#openVoices(boardId, user) : () => {};
		return () => {
			if (this.#view === view) {
				this.#view = null;
				this.#session = null;
			}
			view.destroy();
			handle.release();
			closeVoices();
		};
	}

	#openVoices(boardId: string, user: CollabUser): () => void {
		const handle = this.#pool().acquire({ docName: docName({ kind: 'boardVoices', boardId }), user, onMembershipChange: this.#onMembershipChange });
		const view = new DocView(handle.session.doc, readVoices);
		this.#voicesSession = handle.session;
		this.#voicesView = view;
		return () => {
			if (this.#voicesView === view) {
				this.#voicesView = null;
				this.#voicesSession = null;
			}
			view.destroy();
			handle.release();
		};
	}

	/** This room shows the board's voices (the board page): actions carry anchors and feedback. */
	get hasVoices(): boolean {
		return this.#withVoices;
	}

	/** The board's asks and feedback are live (else the page shows what it was loaded with). */
	get voicesReady(): boolean {
		return this.#voicesSession?.connection.isReady ?? false;
	}

	/** Every ask with its answer, oldest first (live; empty until `voicesReady`). */
	get asks(): Ask[] {
		return this.#voicesView?.value.asks ?? [];
	}

	/** Every feedback entry on actions' effects (live; empty until `voicesReady`). */
	get feedback(): Feedback[] {
		return this.#voicesView?.value.feedback ?? [];
	}

	feedbackOn(actionId: string): Feedback[] {
		return this.feedback.filter((f) => f.actionId === actionId);
	}

	get session(): LiveSession | null {
		return this.#session;
	}

	get info(): BoardRoomInfo {
		return this.#info();
	}

	/** Every action of the board, soonest due first; replaced (not mutated) on each change. */
	get actions(): Action[] {
		return this.#view?.value ?? [];
	}

	/** The follow-up of a meeting (domain rule `followUpFor`), recomputed whenever the actions change. */
	followUp(meetingId: string): Action[] {
		void this.actions;
		return this.#session ? followUpFor(this.#session.doc, meetingId) : [];
	}

	/** The actions raised under one agenda item. */
	ofItem(itemId: string): Action[] {
		return this.actions.filter((action) => action.itemId === itemId);
	}

	/** Something true to show (the server's state, or offline this device's copy). */
	get ready(): boolean {
		return this.#session?.connection.isReady ?? false;
	}

	get status(): ConnectionStatus {
		return this.#session?.connection.status ?? 'connecting';
	}

	/** The role allows changing actions (owner, editor); the server has the last word. */
	get mayEditActions(): boolean {
		return docAccess(this.#info().role, 'board') === 'write';
	}

	/** … and the connection accepts it right now. */
	get canEditActions(): boolean {
		return this.mayEditActions && !!this.#session?.connection.canWrite;
	}

	/** The role allows it but the server said it drops our changes (role lowered while connected). */
	get deniedByServer(): boolean {
		return this.mayEditActions && !!this.#session?.connection.readOnly;
	}

	/** Adds an action raised by the person's agency; null when the board is not open. */
	create(input: Omit<NewAction, 'raisedByAgencyId' | 'createdBy'> & { raisedByAgencyId?: string | null }): string | null {
		if (!this.#session) return null;
		const { userAgencyId, user } = this.#info();
		// Raised by another agency when the writer says so (on behalf of a user association).
		return createAction(this.#session.doc, { ...input, raisedByAgencyId: input.raisedByAgencyId || userAgencyId, createdBy: user.id });
	}

	update(id: string, changes: Omit<Parameters<typeof updateAction>[2], 'raisedByAgencyId'> & { raisedByAgencyId?: string | null }): void {
		const { raisedByAgencyId, ...rest } = changes;
		const raisedBy = raisedByAgencyId === null ? this.#info().userAgencyId : raisedByAgencyId;
		if (this.#session) updateAction(this.#session.doc, id, raisedBy === undefined ? rest : { ...rest, raisedByAgencyId: raisedBy });
	}

	setOutcome(id: string, outcome: string): void {
		if (this.#session) setActionOutcome(this.#session.doc, id, outcome);
	}

	setStatus(id: string, status: ActionStatus): void {
		if (this.#session) setActionStatus(this.#session.doc, id, status, this.#info().user.id);
	}

	agency(id: string | null | undefined): ActionAgency | undefined {
		return id ? this.#info().agencies.find((agency) => agency.id === id) : undefined;
	}

	personName(userId: string | null | undefined): string | undefined {
		return userId ? this.#info().members.find((person) => person.userId === userId)?.name : undefined;
	}
}

/** The presence entry for the board document, from what the board page is given. */
export function collabUserFor(
	userId: string,
	userAgencyId: string,
	members: Array<{ userId: string; name: string }>,
	agencies: Array<{ id: string; name: string; color: string }>
): CollabUser {
	const agency = agencies.find((a) => a.id === userAgencyId);
	return {
		id: userId,
		name: members.find((p) => p.userId === userId)?.name ?? '',
		color: agency?.color ?? FALLBACK_COLOR,
		agency: agency?.name ?? ''
	};
}
