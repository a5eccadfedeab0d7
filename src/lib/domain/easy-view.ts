import type { AgendaItem } from './meeting-doc.js';

/**
 * Easy mode shows one § at a time: the one the chair has made current, so a guest never has to
 * find their place in the agenda; before the chair has chosen, the first §.
 */
export function currentOrFirst(agenda: readonly AgendaItem[], currentItemId: string | null): AgendaItem | null {
	return agenda.find((item) => item.id === currentItemId) ?? agenda[0] ?? null;
}
