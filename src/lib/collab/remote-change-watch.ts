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
 *   never told about their own edits, even when theirs and others' interleave;
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
		if (before && !transaction.local && meeting.connection.everSynced) tell(meetingChanges(before, next));
	};

	const onVoices = (transaction: Y.Transaction) => {
		const next = read(readVoices, voices.doc);
		if (!next) return;
		const before = voicesView;
		voicesView = next;
		if (before && !transaction.local && voices.connection.everSynced) tell(voicesChanges(before, next, meetingView?.agenda ?? []));
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

/** A half-synced entry can make a reader throw; the last good view stays the baseline. */
function read<T extends MeetingView | VoicesView>(reader: (doc: Y.Doc) => T, doc: Y.Doc): T | null {
	try {
		return reader(doc);
	} catch {
		return null;
	}
}
