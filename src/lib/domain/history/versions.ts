/**
 * Versions of a meeting for its history panel (issue 11, point 6), from the authored update log of
 * its two documents. Pure: the rows come from the store, the status changes from the meeting's
 * events. A version is the state after its last update; it ends
 *  - after QUIET_MS without edits (a pause in the writing is a natural point to look back to),
 *  - at the latest SPAN_MS after it began, so an hour of continuous typing is not one version,
 *  - at every status change (start, end, sent for adjustment …): the state each status began with.
 * Each version names who changed the meeting since the version before, and their agencies.
 */
export const QUIET_MS = 2 * 60_000;
export const SPAN_MS = 10 * 60_000;

export interface LogRow {
	/** Ids are one sequence over every document: ordering by id orders the two documents' rows. */
	id: number;
	at: Date;
	authorId: string | null;
	agencyId: string | null;
	source: 'member' | 'server' | 'legacy';
}

export interface VersionAuthor {
	/** null: the server itself (`source` 'server'), or stored before authors were kept ('legacy'). */
	userId: string | null;
	agencyId: string | null;
	source: LogRow['source'];
}

export interface Version {
	/** The id of its last update: the meeting "at this version" is every update up to it. */
	id: number;
	/** When it began and ended (its first and last update). */
	from: Date;
	at: Date;
	/** Who changed the meeting since the version before, in order of their first change. */
	authors: VersionAuthor[];
	/** Their agencies, each once, in the same order. */
	agencyIds: string[];
	updates: number;
	/** The status change that ended it (the state the new status began with), if one did. */
	endedBy: { kind: string; at: Date } | null;
}

export interface StatusChange {
	kind: string;
	at: Date;
}

export function groupVersions(rows: readonly LogRow[], statusChanges: readonly StatusChange[] = [], options = { quietMs: QUIET_MS, spanMs: SPAN_MS }): Version[] {
	const sorted = [...rows].sort((a, b) => a.id - b.id);
	const changes = [...statusChanges].sort((a, b) => a.at.getTime() - b.at.getTime());
	const versions: Version[] = [];
	let open: Version | null = null;
	for (const row of sorted) {
		if (open) {
			const change = changes.find((c) => c.at > open!.at && c.at <= row.at);
			const quiet = row.at.getTime() - open.at.getTime() > options.quietMs;
			const long = row.at.getTime() - open.from.getTime() >= options.spanMs;
			if (change || quiet || long) {
				open.endedBy = change ? { kind: change.kind, at: change.at } : null;
				versions.push(open);
				open = null;
			}
		}
		open ??= { id: row.id, from: row.at, at: row.at, authors: [], agencyIds: [], updates: 0, endedBy: null };
		open.id = row.id;
		open.at = row.at > open.at ? row.at : open.at;
		open.updates++;
		const author: VersionAuthor = { userId: row.authorId, agencyId: row.agencyId, source: row.source };
		if (!open.authors.some((a) => a.userId === author.userId && a.agencyId === author.agencyId && a.source === author.source)) open.authors.push(author);
		if (row.agencyId && !open.agencyIds.includes(row.agencyId)) open.agencyIds.push(row.agencyId);
	}
	if (open) {
		// The last version is ended by a status change made after it, if any (it began that status).
		const change = changes.find((c) => c.at > open!.at);
		open.endedBy = change ? { kind: change.kind, at: change.at } : null;
		versions.push(open);
	}
	return versions;
}

/** A person as the panel names them; a former member keeps the agency the log recorded (null name). */
export interface HistoryPerson {
	userId: string | null;
	name: string | null;
	agencyName: string | null;
	source: LogRow['source'];
}
