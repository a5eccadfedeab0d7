import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ConnectionState } from './connection-state.svelte';
import type { CollabUser, MemberLookup, Presence } from './presence.svelte';

/** What a room needs to open one live document. */
export interface SessionOptions {
	docName: string;
	user: CollabUser;
	/** the board's membership by user id, so presence shows names from it and not from the wire */
	members?: MemberLookup;
	/** the server says our role on the board changed: the page reloads its data (role, access) */
	onMembershipChange?: () => void;
}

/**
 * One live document as rooms and components use it. `CollabSession` is the real one (websocket,
 * IndexedDB); specs give rooms a fake with a plain Y.Doc and a ConnectionState they drive.
 */
export interface LiveSession {
	readonly doc: Y.Doc;
	readonly connection: ConnectionState;
	readonly presence: Presence;
	/** what TipTap's caret extension reads other people's carets from */
	readonly provider: { readonly awareness: Awareness };
	destroy(): void;
}

export type OpenSession = (options: SessionOptions) => LiveSession;
