import { untrack } from 'svelte';
import type * as Y from 'yjs';
import { docName } from '$lib/domain/doc-names';
import { currentOrFirst } from '$lib/domain/easy-view';
import type { AgendaItem, Decision } from '$lib/domain/meeting-doc';
import { askForFloor, floorView, withdrawAsk } from '$lib/domain/speaker-list';
import { addPerspective, perspectiveText, setText, type Author, type Perspective } from '$lib/domain/voices-doc';
import { browserSessions } from './browser-sessions';
import { combinedStatus, type ConnectionStatus } from './connection-state.svelte';
import { DocView } from './doc-view.svelte';
import type { LiveSession } from './live-session';
import type { SessionPool } from './session-pool';
import { readMeeting, readVoices, type MeetingView, type VoicesView } from './meeting-views';
import type { CollabUser } from './presence.svelte';

export interface EasyRoomInfo {
	meetingId: string;
	user: CollabUser;
	author: Author;
	/** What the server lets this person do with the perspectives now (a viewer, or a closed meeting: read). */
	mayWriteVoices: boolean;
}

interface Open {
	meeting: LiveSession;
	voices: LiveSession;
	meetingView: DocView<MeetingView>;
	voicesView: DocView<VoicesView>;
}

/**
 * The meeting as easy mode shows it (issue 14): one § at a time, the one the chair is on, with its
 * decisions and the perspectives on it, and the person's own perspective to write. It opens only
 * the meeting's document and its voices, never the board's: a guest of one meeting may open
 * nothing else, and easy mode needs nothing else. Browser only: `open()` in an effect.
 */
export class EasyRoom {
	#info: () => EasyRoomInfo;
	#pool: SessionPool | undefined;
	#open = $state.raw<Open | null>(null);

	constructor(info: () => EasyRoomInfo, pool?: SessionPool) {
		this.#info = info;
		this.#pool = pool;
	}

	open(): () => void {
		const { meetingId, user } = untrack(this.#info);
		const pool = this.#pool ?? browserSessions();
		const meeting = pool.acquire({ docName: docName({ kind: 'meeting', meetingId }), user });
		const voices = pool.acquire({ docName: docName({ kind: 'voices', meetingId }), user });
		const current: Open = {
			meeting: meeting.session,
			voices: voices.session,
			meetingView: new DocView(meeting.session.doc, readMeeting),
			voicesView: new DocView(voices.session.doc, readVoices)
		};
		this.#open = current;
		return () => {
			if (this.#open === current) this.#open = null;
			current.meetingView.destroy();
			current.voicesView.destroy();
			meeting.release();
			voices.release();
		};
	}

	get ready(): boolean {
		return !!this.#open && this.#open.meeting.connection.isReady && this.#open.voices.connection.isReady;
	}

	get status(): ConnectionStatus {
		const open = this.#open;
		return open ? combinedStatus([open.meeting.connection.status, open.voices.connection.status]) : 'connecting';
	}

	/** The § shown: the chair's current one, else the first (null: no agenda yet). */
	get item(): AgendaItem | null {
		const view = this.#open?.meetingView.value;
		return view ? currentOrFirst(view.agenda, view.currentItemId) : null;
	}

	/** Whether the chair has set a current § (else the first is shown, and the page says so). */
	get followsChair(): boolean {
		const view = this.#open?.meetingView.value;
		return !!view && view.currentItemId !== null && view.agenda.some((i) => i.id === view.currentItemId);
	}

	get decisions(): Decision[] {
		const item = this.item;
		return item ? (this.#open?.meetingView.value.decisions ?? []).filter((d) => d.itemId === item.id) : [];
	}

	get perspectives(): Perspective[] {
		const item = this.item;
		return item ? (this.#open?.voicesView.value.perspectives ?? []).filter((p) => p.itemId === item.id) : [];
	}

	/** The person's own perspective on the shown §, if they wrote one. */
	get mine(): Perspective | null {
		const { author } = this.#info();
		return this.perspectives.find((p) => p.authorId === author.id) ?? null;
	}

	get canWrite(): boolean {
		return this.#info().mayWriteVoices && !!this.#open?.voices.connection.canWrite;
	}

	/**
	 * The person's place on the speaker list: 'speaking', their 1-based place in the queue, or null
	 * (not on it). A guest is on it under their own id like any member (speaker-list.ts).
	 */
	get floor(): 'speaking' | number | null {
		const view = floorView(this.#open?.meetingView.value.speakers ?? []);
		const id = this.#info().user.id;
		if (view.speaking?.userId === id) return 'speaking';
		const place = view.queue.findIndex((e) => e.userId === id);
		return place < 0 ? null : place + 1;
	}

	/** Whether the person may ask for the floor: those who may write a perspective (the server judges the ask). */
	get canAskForFloor(): boolean {
		return this.#info().mayWriteVoices && !!this.#open?.meeting.connection.canWrite;
	}

	/** Asks for the floor in the person's own recorded name and agency (the server refuses any other). */
	askForFloor(): boolean {
		const open = this.#open;
		if (!open || !this.canAskForFloor || this.floor !== null) return false;
		const { id, name, agencyId } = this.#info().author;
		askForFloor(open.meeting.doc, { userId: id, name, agencyId });
		return true;
	}

	/** Takes back the person's waiting ask (a turn already given is the chair's to end). */
	withdrawFromFloor(): boolean {
		const open = this.#open;
		if (!open || !this.canAskForFloor) return false;
		const id = this.#info().user.id;
		const mine = floorView(open.meetingView.value.speakers).queue.find((e) => e.userId === id);
		return !!mine && withdrawAsk(open.meeting.doc, mine.id);
	}

	/** Saves the person's perspective on the shown §: a new one, or their earlier one changed. */
	savePerspective(text: string): boolean {
		const open = this.#open;
		const item = this.item;
		const value = text.trim();
		if (!open || !item || !value || !this.canWrite) return false;
		const mine = this.mine;
		const doc: Y.Doc = open.voices.doc;
		if (mine) setText(perspectiveText(doc, mine.id), value);
		else addPerspective(doc, item.id, this.#info().author, value);
		return true;
	}
}
