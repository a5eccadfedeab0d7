import { createContext } from 'svelte';

/** Says something to screen readers (a polite live region on the meeting page). */
export type Announce = (message: string) => void;

export const [getAnnounce, setAnnounce] = createContext<Announce>();
