import { CollabSession } from './collab-session.svelte';
import { SessionPool } from './session-pool';

let pool: SessionPool | null = null;

/** The one pool of real sessions in the browser, created on first use (rooms open in onMount/effects). */
export function browserSessions(): SessionPool {
	return (pool ??= new SessionPool((options) => new CollabSession(options)));
}
