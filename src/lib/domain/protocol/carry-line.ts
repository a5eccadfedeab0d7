import { longDate } from './decision-lines.js';
import type { ProtocolItem } from './protocol-model.js';

/**
 * The line a carried § prints under its heading (issue 12, point 6), the same words in every
 * format (screen, print, PDF, Word, Markdown): "Flyttad till mötet Januarimötet den 15 januari
 * 2027." or that it went to the items to take up later. Labels come from the caller.
 */
export interface CarryLabels {
	locale: string;
	/** The title as stored and the date written out in the protocol's language. */
	carriedToMeeting: (title: string, date: string) => string;
	carriedToBacklog: string;
}

/** The line, or null for an item that was not carried anywhere. */
export function carryLine(item: Pick<ProtocolItem, 'carriedTo'>, labels: CarryLabels): string | null {
	const to = item.carriedTo;
	if (!to) return null;
	if (to.kind === 'backlog') return labels.carriedToBacklog;
	return labels.carriedToMeeting(to.meetingTitle, longDate(to.date, labels.locale));
}
