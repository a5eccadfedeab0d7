import { docAccess } from '$lib/domain/permissions';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { ConnectionState } from './connection-state.svelte';
import type { LiveSession, SessionOptions } from './live-session';
import { Presence } from './presence.svelte';
import { SessionPool } from './session-pool';
import type { BoardRole } from '$lib/domain/roles';
import type { BoardPerson } from '$lib/components/meeting/types';
import type { MeetingRoomInfo } from './meeting-room.svelte';

/**
 * A live session without a network, for specs of rooms: a real Y.Doc and a ConnectionState the
 * spec drives (`connection.setSynced(true)`, `denyWrites()`, `closedFor(…)`), as the websocket
 * provider would. Not imported by the app.
 */
export class FakeSession implements LiveSession {
	readonly doc = new Y.Doc();
	readonly connection = new ConnectionState(true);
	readonly provider: { awareness: Awareness };
	readonly presence: Presence;
	destroyed = false;

	constructor(readonly options: SessionOptions) {
		this.provider = { awareness: new Awareness(this.doc) };
		this.presence = new Presence(this.provider.awareness, options.user.id, options.members);
	}

	/** The server's state arrived. */
	sync(): this {
		this.connection.connected();
		this.connection.setSynced(true);
		return this;
	}

	destroy(): void {
		this.destroyed = true;
		this.presence.destroy();
		this.provider.awareness.destroy();
		this.doc.destroy();
	}
}

/** A pool of fake sessions (closed at once on the last release) and every session it opened, by document name. */
export function fakePool(): { pool: SessionPool; opened: Map<string, FakeSession> } {
	const opened = new Map<string, FakeSession>();
	const pool = new SessionPool((options) => {
		const session = new FakeSession(options);
		opened.set(options.docName, session);
		return session;
	}, 0);
	return { pool, opened };
}

/** The page data a MeetingRoom is built from, for `userId` in `role` among `members` (specs only). */
export function fakeRoomInfo(
	role: BoardRole,
	userId: string,
	members: BoardPerson[],
	meetingTitles: Record<string, string> = { m1: 'Ledningsgruppen' }
): MeetingRoomInfo {
	const me = members.find((p) => p.id === userId) ?? members[0];
	const agency = me.agency;
	return {
		boardId: 'b1',
		meetingId: 'm1',
		role,
		// As the server decides it for a meeting that is not yet frozen: the role alone.
		access: { meeting: docAccess(role, 'meeting'), voices: docAccess(role, 'voices'), comments: docAccess(role, 'comments') },
		user: { id: me.id, name: me.name, color: agency.color, agency: agency.name },
		author: { id: me.id, name: me.name, agencyId: agency.id, agencyName: agency.name },
		userAgencyId: agency.id,
		agencies: [agency],
		members,
		meetingTitles
	};
}
