import * as Y from 'yjs';
import type { LiveSession } from './live-session';
import { readMeeting, readVoices, type MeetingView, type VoicesView } from './meeting-views';
import type { PresentPerson } from './presence.svelte';
import { meetingChanges, presenceChanges, voicesChanges, type RemoteChange } from './remote-changes';

export interface WatchedMeeting {
	meeting: LiveSession;
	voices: LiveSession;
}

export type RemoteChangeListener = (changes: RemoteChange[]) => void;

/** Text typed into minutes (an XML fragment) is not structure: such a transaction is skipped unread. */
const isMinutes = (type: Y.AbstractType<Y.YEvent<any>>) => type instanceof Y.XmlFragment || type instanceof Y.XmlText;
const onlyMinutes = (transaction: Y.Transaction) => [...transaction.changed.keys()].every(isMinutes);

/**
 * Tells `listener` what other people change in a meeting, and only that:
 * - a transaction this tab made (`transaction.local`) moves the baseline silently, so a person is
 *   never told about their own edits, even when theirs and others' interleave; so does one written
 *   only by this person's other tabs or devices (their clients' presence carries the same user id;
 *   a removal writes no new content and cannot be traced, so it is still told);
 * - nothing is told before a document's first sync with the server: loading the device copy and
 *   the server's state is not news. After a reconnect, what others changed meanwhile is;
 * - arrivals and departures only while the meeting is synced: the provider drops everyone's
 *   presence when our own connection drops and gets it back on reconnect, neither is news.
 * Reads the views with the same domain readers as the page (DocView), on structural
 * transactions only. Returns the stop.
 */
export function watchRemoteChanges({ meeting, voices }: WatchedMeeting, listener: RemoteChangeListener): () => void {
	let meetingView = read(readMeeting, meeting.doc);
	let voicesView = read(readVoices, voices.doc);
	// Presence refreshes its list in its own 'change' listener, registered when the session was
	// made, before this one: reading `people` here sees the new list.
	let people: PresentPerson[] = [...meeting.presence.people];

	const tell = (changes: RemoteChange[]) => {
		if (changes.length > 0) listener(changes);
	};

	const onMeeting = (transaction: Y.Transaction) => {
		if (onlyMinutes(transaction)) return;
		const next = read(readMeeting, meeting.doc);
		if (!next) return;
		const before = meetingView;
		meetingView = next;
		if (before && isOthers(transaction, meeting) && meeting.connection.everSynced) tell(meetingChanges(before, next));
	};

	const onVoices = (transaction: Y.Transaction) => {
		const next = read(readVoices, voices.doc);
		if (!next) return;
		const before = voicesView;
		voicesView = next;
		if (before && isOthers(transaction, voices) && voices.connection.everSynced) tell(voicesChanges(before, next, meetingView?.agenda ?? []));
	};

	const onPresence = () => {
		const before = people;
		people = [...meeting.presence.people];
		if (meeting.connection.synced) tell(presenceChanges(before, people));
	};

	meeting.doc.on('afterTransaction', onMeeting);
	voices.doc.on('afterTransaction', onVoices);
	meeting.provider.awareness.on('change', onPresence);
	return () => {
		meeting.doc.off('afterTransaction', onMeeting);
		voices.doc.off('afterTransaction', onVoices);
		meeting.provider.awareness.off('change', onPresence);
	};
}

/** Not this tab's, and not only this person's other clients' (whose new content it carries). */
function isOthers(transaction: Y.Transaction, session: LiveSession): boolean {
	if (transaction.local) return false;
	const states = session.provider.awareness.getStates();
	const userOf = (client: number) => (states.get(client) as { user?: { id?: unknown } } | undefined)?.user?.id;
	const self = userOf(session.doc.clientID);
	const writers = [...transaction.afterState].filter(([client, clock]) => (transaction.beforeState.get(client) ?? 0) !== clock);
	return self === undefined || writers.length === 0 || writers.some(([client]) => userOf(client) !== self);
}

/** A half-synced entry can make a reader throw; the last good view stays the baseline. */
function read<T extends MeetingView | VoicesView>(reader: (doc: Y.Doc) => T, doc: Y.Doc): T | null {
	try {
		return reader(doc);
	} catch {
		return null;
	}
}
