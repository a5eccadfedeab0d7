import { CollabSession } from '$lib/collab/collab-session.svelte';
import type { CollabUser } from '$lib/collab/presence.svelte';
import { docName } from '$lib/domain/doc-names';
import {
	createAction,
	followUpFor,
	listActions,
	setActionStatus,
	updateAction,
	type Action,
	type ActionStatus,
	type NewAction
} from '$lib/domain/board-doc';

/**
 * One live `board:<id>` document shared by every component on the page that shows its actions
 * (the meeting page mounts several: one per agenda item, and the follow-up). Without this each
 * would open its own websocket, IndexedDB copy and presence entry for the same document.
 */
export class BoardDoc {
	readonly session: CollabSession;
	#actions = $state.raw<Action[]>([]);
	#unobserve: () => void;

	constructor(boardId: string, user: CollabUser) {
		this.session = new CollabSession({ docName: docName({ kind: 'board', boardId }), user });
		const map = this.session.doc.getMap('actions');
		const refresh = () => {
			this.#actions = listActions(this.session.doc);
		};
		map.observeDeep(refresh);
		this.#unobserve = () => map.unobserveDeep(refresh);
		refresh();
	}

	/** Every action of the board, soonest due first; replaced (not mutated) on each change. */
	get actions(): Action[] {
		return this.#actions;
	}

	/** The follow-up of a meeting (domain rule `followUpFor`), recomputed whenever the actions change. */
	followUp(meetingId: string): Action[] {
		void this.#actions;
		return followUpFor(this.session.doc, meetingId);
	}

	/** Something to show: the server's state arrived, or this device's copy loaded. */
	get loaded(): boolean {
		return this.session.connection.synced || this.session.connection.storedLocally;
	}

	get status() {
		return this.session.connection.status;
	}

	/** The server said it drops our changes (the role only allows reading). */
	get deniedByServer(): boolean {
		return this.session.connection.readOnly;
	}

	create(input: NewAction): string {
		return createAction(this.session.doc, input);
	}

	update(id: string, changes: Parameters<typeof updateAction>[2]): void {
		updateAction(this.session.doc, id, changes);
	}

	setStatus(id: string, status: ActionStatus, by: string): void {
		setActionStatus(this.session.doc, id, status, by);
	}

	destroy(): void {
		this.#unobserve();
		this.session.destroy();
	}
}

interface Entry {
	board: BoardDoc;
	refs: number;
	closing: ReturnType<typeof setTimeout> | null;
}

const open = new Map<string, Entry>();

/**
 * The page's connection to `board:<boardId>`, opened by the first component that asks and closed
 * shortly after the last one lets go (the delay lets a component that is re-created in the same
 * update keep the connection). Browser only: call it in onMount and call `release` on unmount.
 */
export function acquireBoardDoc(boardId: string, user: CollabUser): { board: BoardDoc; release: () => void } {
	const key = `${user.id}:${boardId}`;
	let entry = open.get(key);
	if (!entry) {
		entry = { board: new BoardDoc(boardId, user), refs: 0, closing: null };
		open.set(key, entry);
	}
	if (entry.closing) {
		clearTimeout(entry.closing);
		entry.closing = null;
	}
	entry.refs++;
	const current = entry;
	let released = false;
	return {
		board: current.board,
		release: () => {
			if (released) return;
			released = true;
			current.refs--;
			if (current.refs > 0) return;
			current.closing = setTimeout(() => {
				if (current.refs > 0 || open.get(key) !== current) return;
				open.delete(key);
				current.board.destroy();
			}, 50);
		}
	};
}

/** The presence entry for the board document, from what the action components are given. */
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
		color: agency?.color ?? '#1f4e5f',
		agency: agency?.name ?? ''
	};
}
