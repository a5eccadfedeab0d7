import { untrack } from 'svelte';
import type { BoardAgency, BoardPerson } from '$lib/domain/board-people';
import { docName } from '$lib/domain/doc-names';
import { floorView, type FloorView, type SpeakerEntry } from '$lib/domain/speaker-list';
import { browserSessions } from './browser-sessions';
import { DocView } from './doc-view.svelte';
import type { LiveSession } from './live-session';
import { readMeeting, type MeetingView } from './meeting-views';
import type { CollabUser } from './presence.svelte';
import type { SessionPool } from './session-pool';

export interface ProjectorInfo {
	meetingId: string;
	user: CollabUser;
	members: BoardPerson[];
	agencies: BoardAgency[];
}

/**
 * The meeting as the projector shows it (issue 14, point 4): only `meeting:<id>`, only read. It
 * follows the chair's current §, its decisions and the speaker list as they change; it never
 * writes, whatever the person's role, so a screen left open in the room cannot change anything.
 */
export class ProjectorRoom {
	#info: () => ProjectorInfo;
	#pool: () => SessionPool;
	#open = $state.raw<{ session: LiveSession; view: DocView<MeetingView> } | null>(null);

	constructor(info: () => ProjectorInfo, pool: () => SessionPool = browserSessions) {
		this.#info = info;
		this.#pool = pool;
	}

	open(): () => void {
		const { meetingId, user } = untrack(this.#info);
		const handle = this.#pool().acquire({ docName: docName({ kind: 'meeting', meetingId }), user });
		const current = { session: handle.session, view: new DocView(handle.session.doc, readMeeting) };
		this.#open = current;
		return () => {
			if (this.#open === current) this.#open = null;
			current.view.destroy();
			handle.release();
		};
	}

	get ready(): boolean {
		return !!this.#open?.session.connection.isReady;
	}

	get meeting(): MeetingView | undefined {
		return this.#open?.view.value;
	}

	/** The § the chair has set as current, with its number, or null. */
	get current() {
		const view = this.meeting;
		return view?.agenda.find((item) => item.id === view.currentItemId) ?? null;
	}

	get decisions() {
		const current = this.current;
		return current ? (this.meeting?.decisions ?? []).filter((d) => d.itemId === current.id) : [];
	}

	get floor(): FloorView {
		return floorView(this.meeting?.speakers ?? []);
	}

	nameOf(entry: SpeakerEntry): string {
		return this.#info().members.find((p) => p.id === entry.userId)?.name ?? entry.name;
	}

	agencyOf(entry: SpeakerEntry): BoardAgency | undefined {
		const member = this.#info().members.find((p) => p.id === entry.userId);
		return member?.agency ?? this.#info().agencies.find((a) => a.id === entry.agencyId);
	}
}
