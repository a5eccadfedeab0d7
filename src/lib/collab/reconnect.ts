import { isPermanentClose } from '$lib/domain/collab-protocol';

/**
 * y-websocket backs off 0.2–2.5 s with no jitter, so after a server restart every browser comes
 * back in the same instant. We take reconnecting over and spread it out: the first retry lands
 * 0.5–3 s after the loss, later ones over a window that doubles up to 15 s.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const window = Math.min(2500 * 2 ** Math.max(0, Math.min(attempt, 3)), 15_000);
	return Math.round(500 + random() * window);
}

/** After the browser says it is back online: soon, but not all devices of a room at once. */
export function onlineDelay(random: () => number = Math.random): number {
	return Math.round(200 + random() * 1300);
}

/**
 * Whether y-websocket may reconnect after the server closed the socket. 44xx codes need the
 * person (sign in again) or are final. A frame too large (1009) is retried: our own frames stay
 * far below the limit (presence is a name and a caret, capped by the server), so it was most
 * likely caused by someone else's presence echoed back — stopping for good would let any member
 * disconnect everyone. CollabSession lets its delay keep growing while 1009s repeat, so a frame
 * of ours that really is too large is retried slowly rather than in a tight loop.
 */
export function shouldReconnect(event: { code: number }): boolean {
	return !isPermanentClose(event.code);
}
