import type { AttendanceStatus, ItemStatus } from '$lib/domain/meeting-doc';
import { floorView } from '$lib/domain/speaker-list';
import type { Perspective } from '$lib/domain/voices-doc';
import type { MeetingView, VoicesView } from './meeting-views';
import type { PresentPerson } from './presence.svelte';

/**
 * What changed in a meeting between two consecutive views, as descriptors a screen reader can be
 * told about ("a decision under § 3"). Only the structure of the meeting counts: items, their
 * order and status, decisions, attendance, guests, the meeting's roles, perspectives,
 * summaries and who is here. Text typed into the minutes is not in these views at all, so typing
 * never yields a change. Pure: which changes are someone else's is the watcher's business.
 */
export type RemoteChange =
	| { kind: 'item-added'; item: number; title: string }
	| { kind: 'item-removed'; title: string }
	/** title, presenter or planned time */
	| { kind: 'item-changed'; item: number; title: string }
	| { kind: 'item-status'; item: number; title: string; status: ItemStatus }
	| { kind: 'agenda-reordered' }
	| { kind: 'decision-added'; item: number }
	| { kind: 'decision-changed'; item: number; decision: number }
	| { kind: 'decision-removed'; item: number }
	/** one change for everyone marked in one go ("everyone from the association present") */
	| { kind: 'attendance'; userIds: string[]; status: AttendanceStatus | null }
	| { kind: 'guest-added'; name: string }
	| { kind: 'guest-removed'; name: string }
	| { kind: 'role'; role: 'chair' | 'secretary'; userId: string | null }
	| { kind: 'perspective-added'; item: number; authorId: string; authorName: string; agencyName: string }
	| { kind: 'perspective-changed'; item: number; authorId: string; authorName: string; agencyName: string }
	| { kind: 'perspective-removed'; item: number; authorId: string; authorName: string; agencyName: string }
	| { kind: 'summary-changed'; authorId: string; authorName: string; agencyName: string }
	/** the speaker list (issue 14, point 5): someone asked, someone was given the floor, a turn ended */
	| { kind: 'floor-asked'; userId: string; name: string }
	| { kind: 'floor-given'; userId: string; name: string }
	| { kind: 'floor-ended' }
	| { kind: 'arrived'; userId: string; name: string }
	| { kind: 'left'; userId: string; name: string };

export type RemoteChangeKind = RemoteChange['kind'];

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((entry) => [entry.id, entry]));

/** The agenda, decisions, attendance, guests and roles that differ between two views. */
export function meetingChanges(before: MeetingView, after: MeetingView): RemoteChange[] {
	return [
		...agendaChanges(before, after),
		...decisionChanges(before, after),
		...attendanceChanges(before.attendance, after.attendance),
		...guestChanges(before, after),
		...floorChanges(before, after),
		...(before.chairId !== after.chairId ? [{ kind: 'role', role: 'chair', userId: after.chairId } as const] : []),
		...(before.secretaryId !== after.secretaryId ? [{ kind: 'role', role: 'secretary', userId: after.secretaryId } as const] : [])
	];
}

function agendaChanges(before: MeetingView, after: MeetingView): RemoteChange[] {
	const old = byId(before.agenda);
	const now = byId(after.agenda);
	const changes: RemoteChange[] = [];
	for (const item of after.agenda) {
		const was = old.get(item.id);
		if (!was) changes.push({ kind: 'item-added', item: item.number, title: item.title });
		else if (was.title !== item.title || was.presenterAgencyId !== item.presenterAgencyId || was.plannedMinutes !== item.plannedMinutes)
			changes.push({ kind: 'item-changed', item: item.number, title: item.title });
		if (was && was.status !== item.status) changes.push({ kind: 'item-status', item: item.number, title: item.title, status: item.status });
	}
	for (const item of before.agenda) if (!now.has(item.id)) changes.push({ kind: 'item-removed', title: item.title });
	// Moved: the items on both sides stand in another order (an item added or removed renumbers
	// the others, but does not reorder them).
	const kept = (list: MeetingView['agenda'], other: Map<string, unknown>) => list.filter((i) => other.has(i.id)).map((i) => i.id);
	if (kept(before.agenda, now).join() !== kept(after.agenda, old).join()) changes.push({ kind: 'agenda-reordered' });
	return changes;
}

function decisionChanges(before: MeetingView, after: MeetingView): RemoteChange[] {
	const old = byId(before.decisions);
	const now = byId(after.decisions);
	const items = byId(after.agenda);
	const changes: RemoteChange[] = [];
	for (const decision of after.decisions) {
		const was = old.get(decision.id);
		if (!was) changes.push({ kind: 'decision-added', item: decision.itemNumber });
		else if (was.text !== decision.text) changes.push({ kind: 'decision-changed', item: decision.itemNumber, decision: decision.number });
	}
	for (const decision of before.decisions) {
		// The decisions of a removed item go with it: "item removed" says it all.
		const item = items.get(decision.itemId);
		if (!now.has(decision.id) && item) changes.push({ kind: 'decision-removed', item: item.number });
	}
	return changes;
}

function attendanceChanges(before: Record<string, AttendanceStatus>, after: Record<string, AttendanceStatus>): RemoteChange[] {
	const userIds = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((id) => before[id] !== after[id]);
	if (userIds.length === 0) return [];
	const statuses = new Set(userIds.map((id) => after[id] ?? null));
	return [{ kind: 'attendance', userIds, status: statuses.size === 1 ? [...statuses][0] : null }];
}

function floorChanges(before: MeetingView, after: MeetingView): RemoteChange[] {
	const old = new Set(before.speakers.map((e) => e.id));
	const was = floorView(before.speakers).speaking;
	const now = floorView(after.speakers).speaking;
	const changes: RemoteChange[] = after.speakers
		.filter((e) => !old.has(e.id) && !e.startedAt)
		.map((e): RemoteChange => ({ kind: 'floor-asked', userId: e.userId, name: e.name }));
	if (now && now.id !== was?.id) changes.push({ kind: 'floor-given', userId: now.userId, name: now.name });
	else if (!now && was) changes.push({ kind: 'floor-ended' });
	return changes;
}

function guestChanges(before: MeetingView, after: MeetingView): RemoteChange[] {
	const old = byId(before.guests);
	const now = byId(after.guests);
	return [
		...after.guests.filter((g) => !old.has(g.id)).map((g): RemoteChange => ({ kind: 'guest-added', name: g.name })),
		...before.guests.filter((g) => !now.has(g.id)).map((g): RemoteChange => ({ kind: 'guest-removed', name: g.name }))
	];
}

/**
 * Perspectives added, changed or removed and summaries written, numbered by the current agenda.
 * A perspective on an item that is gone (removed at the same moment) is left out: "item removed"
 * says it.
 */
export function voicesChanges(before: VoicesView, after: VoicesView, agenda: MeetingView['agenda']): RemoteChange[] {
	const numbers = new Map(agenda.map((item) => [item.id, item.number]));
	const old = byId(before.perspectives);
	const now = byId(after.perspectives);
	const changes: RemoteChange[] = [];
	const entry = (kind: 'perspective-added' | 'perspective-changed' | 'perspective-removed', p: Perspective) => {
		const item = numbers.get(p.itemId);
		if (item !== undefined) changes.push({ kind, item, authorId: p.authorId, authorName: p.authorName, agencyName: p.agencyName });
	};
	for (const p of after.perspectives) {
		const was = old.get(p.id);
		if (!was) entry('perspective-added', p);
		else if (was.text !== p.text) entry('perspective-changed', p);
	}
	for (const p of before.perspectives) if (!now.has(p.id)) entry('perspective-removed', p);
	const oldSummaries = new Map(before.summaries.map((s) => [s.authorId, s.text]));
	for (const s of after.summaries)
		if (oldSummaries.get(s.authorId) !== s.text && s.text.trim())
			changes.push({ kind: 'summary-changed', authorId: s.authorId, authorName: s.authorName, agencyName: s.agencyName });
	return changes;
}

/** Who came and who went, leaving out this person (their own other tabs are not news). */
export function presenceChanges(before: PresentPerson[], after: PresentPerson[]): RemoteChange[] {
	const others = (list: PresentPerson[]) => new Map(list.filter((p) => !p.isSelf).map((p) => [p.id, p]));
	const old = others(before);
	const now = others(after);
	return [
		...[...now.values()].filter((p) => !old.has(p.id)).map((p): RemoteChange => ({ kind: 'arrived', userId: p.id, name: p.name })),
		...[...old.values()].filter((p) => !now.has(p.id)).map((p): RemoteChange => ({ kind: 'left', userId: p.id, name: p.name }))
	];
}

/**
 * Pending changes with what cancels out taken away: someone who left and came back (a reload, a
 * dropped connection) or came and went again within one announcement is not worth a word.
 */
export function withoutPresenceNoise(changes: RemoteChange[]): RemoteChange[] {
	const net = new Map<string, number>();
	for (const c of changes) if (c.kind === 'arrived' || c.kind === 'left') net.set(c.userId, (net.get(c.userId) ?? 0) + (c.kind === 'arrived' ? 1 : -1));
	const seen = new Set<string>();
	return changes.filter((c) => {
		if (c.kind !== 'arrived' && c.kind !== 'left') return true;
		const balance = net.get(c.userId) ?? 0;
		// Keep the last word of someone whose coming and going did not cancel out, once.
		if (balance === 0 || seen.has(c.userId) || (balance > 0) !== (c.kind === 'arrived')) return false;
		seen.add(c.userId);
		return true;
	});
}
