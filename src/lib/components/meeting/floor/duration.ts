import { m } from '$lib/paraglide/messages.js';

/** "2 min 05 s": read out whole by a screen reader, unlike "2:05". */
export function duration(totalSeconds: number): string {
	const seconds = Math.max(0, Math.round(totalSeconds));
	return m.floor_duration({ minutes: Math.floor(seconds / 60), seconds: String(seconds % 60).padStart(2, '0') });
}
