import type { DecisionKind } from '../meeting-doc.js';
import type { ProtocolDecision } from './protocol-model.js';

/**
 * What the protocol prints under a decision's text (issue 12, point 5), the same words in every
 * format (screen, print, PDF, Word, Markdown): one line with how it was decided and when it is to
 * be looked at again, and each reservation with who made it. Labels come from the caller.
 */
export interface DecisionLabels {
	locale: string;
	decisionKind: (kind: DecisionKind) => string;
	/** "Utvärderas senast 31 mars 2027." */
	reviewBy: (date: string) => string;
	/** "Reservation av Maria Johansson, Brukarföreningen" (who is already a signature). */
	reservationBy: (who: string) => string;
}

/** A YYYY-MM-DD date written out in the protocol's language ("31 mars 2027"). */
export function longDate(date: string, locale: string): string {
	const parsed = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime())) return date;
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}

/** The line under the decision, or null when it has neither a kind nor a review date. */
export function decisionNote(decision: ProtocolDecision, labels: DecisionLabels): string | null {
	const parts: string[] = [];
	if (decision.kind) parts.push(`${labels.decisionKind(decision.kind)}.`);
	if (decision.reviewDate) parts.push(labels.reviewBy(longDate(decision.reviewDate, labels.locale)));
	return parts.length ? parts.join(' ') : null;
}
