import { createContext } from 'svelte';
import type { BoardRoom } from './board-room.svelte';
import type { MeetingRoom } from './meeting-room.svelte';

/**
 * The page's rooms, handed to every component below it: components read views and capabilities
 * from them instead of taking the documents and rules as props or opening documents themselves.
 * The meeting page sets both (its MeetingRoom and that room's board); the board page the board.
 */
export const [getMeetingRoom, setMeetingRoom] = createContext<MeetingRoom>();
export const [getBoardRoom, setBoardRoom] = createContext<BoardRoom>();
