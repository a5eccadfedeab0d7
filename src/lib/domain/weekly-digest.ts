/**
 * The weekly digest per agency (issue 14, point 7): once a week each member gets, per board, what
 * their own agency has to do and what others have to do for it, from the action register's rows.
 * Pure: the mail service (services/mail.ts `weeklyDigests`) reads the rows and renders the result.
 */

/** One open action as the digest needs it (a subset of the register's row). */
export interface DigestAction {
	id: string;
	boardId: string;
	title: string;
	dueDate: string | null;
	overdue: boolean;
	/** The responsible agency's name (null: an agency that no longer exists). */
	agencyName: string | null;
	/** The agency that raised it, to which it is owed (null: none, or gone). */
	raisedByAgencyName: string | null;
	assigneeName: string | null;
}

export interface AgencyCount {
	agency: string;
	count: number;
}

export interface BoardDigest {
	boardId: string;
	/** Open actions our agency is responsible for, soonest due first (no date last). */
	owe: DigestAction[];
	/** Open actions other agencies have towards ours (raised by us). */
	owed: DigestAction[];
	/** Who waits on us: our open actions by the agency that raised them (other than ours). */
	waitingOnUs: AgencyCount[];
	/** Whom we wait on: what is owed to us, by the responsible agency. */
	weWaitOn: AgencyCount[];
	/** Ours and owed to us, past their due date. */
	overdue: DigestAction[];
}

const byDue = (a: DigestAction, b: DigestAction) =>
	(a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

function countBy(actions: DigestAction[], key: (a: DigestAction) => string | null, except: string | null): AgencyCount[] {
	const counts = new Map<string, number>();
	for (const a of actions) {
		const agency = key(a);
		if (!agency || agency === except) continue;
		counts.set(agency, (counts.get(agency) ?? 0) + 1);
	}
	return [...counts].map(([agency, count]) => ({ agency, count })).sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency));
}

/**
 * Per board: `ours` are the open actions of the reader's agency, `owedToUs` those raised by it with
 * another agency responsible (the register's "my agency" and "owed to my agency"). A board with
 * neither gets no digest (nothing to say is not sent). Boards in the order of `boardIds`.
 */
export function digestsByBoard(boardIds: string[], ours: DigestAction[], owedToUs: DigestAction[], ourAgencyName: string | null): BoardDigest[] {
	const out: BoardDigest[] = [];
	for (const boardId of boardIds) {
		const owe = ours.filter((a) => a.boardId === boardId).sort(byDue);
		const owed = owedToUs.filter((a) => a.boardId === boardId).sort(byDue);
		if (owe.length === 0 && owed.length === 0) continue;
		out.push({
			boardId,
			owe,
			owed,
			waitingOnUs: countBy(owe, (a) => a.raisedByAgencyName, ourAgencyName),
			weWaitOn: countBy(owed, (a) => a.agencyName, ourAgencyName),
			overdue: [...owe, ...owed].filter((a) => a.overdue).sort(byDue)
		});
	}
	return out;
}

/** The digest goes out on Mondays (by the date in the board's country, as the reminders). */
export function isDigestDay(today: string): boolean {
	return new Date(`${today}T12:00:00Z`).getUTCDay() === 1;
}

/** ISO 8601 week of a date (YYYY-MM-DD), e.g. '2031-W20': one digest per member, board and week. */
export function isoWeek(today: string): string {
	const d = new Date(`${today}T12:00:00Z`);
	const weekday = (d.getUTCDay() + 6) % 7;
	// The Thursday of this week decides the year the week belongs to.
	d.setUTCDate(d.getUTCDate() - weekday + 3);
	const year = d.getUTCFullYear();
	const firstThursday = new Date(Date.UTC(year, 0, 4, 12));
	firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
	const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
	return `${year}-W${String(week).padStart(2, '0')}`;
}
