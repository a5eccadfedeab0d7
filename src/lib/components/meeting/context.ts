import { createContext } from 'svelte';
import type * as Y from 'yjs';
import type { CollabSession } from '$lib/collab/collab-session.svelte';
import type { CollabUser } from '$lib/collab/presence.svelte';
import type { Author } from '$lib/domain/voices-doc';
import type { ActionMember } from '$lib/components/actions/types';
import type { BoardAgency, BoardPerson } from './types';

/**
 * What every part of the meeting board needs: the two live documents, who is looking and what
 * they may change. The page provides it with getters, so a role lowered mid-meeting (the server
 * says so on the socket) turns every control read-only at once.
 */
export interface MeetingBoard {
	readonly boardId: string;
	readonly meetingId: string;
	readonly meetingSession: CollabSession;
	readonly voicesSession: CollabSession;
	readonly meetingDoc: Y.Doc;
	readonly voicesDoc: Y.Doc;
	readonly user: CollabUser;
	readonly author: Author;
	readonly userAgencyId: string;
	readonly agencies: BoardAgency[];
	readonly members: BoardPerson[];
	/** the members as the action components take them */
	readonly actionMembers: ActionMember[];
	/** the role allows writing the meeting document (owner, editor) */
	readonly mayEditMeeting: boolean;
	/** … and the connection allows it right now */
	readonly canEditMeeting: boolean;
	readonly canWriteVoices: boolean;
	readonly canEditActions: boolean;
	/** may change and remove other people's perspectives (the owner) */
	readonly mayChangeOthersVoices: boolean;
	agency(id: string | null | undefined): BoardAgency | undefined;
	/** Says something to screen readers (a polite live region on the page). */
	announce(message: string): void;
}

export const [getMeetingBoard, setMeetingBoard] = createContext<MeetingBoard>();
