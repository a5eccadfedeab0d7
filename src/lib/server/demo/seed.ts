import * as Y from 'yjs';
import { pickAgencyColor } from '../../domain/agencies.js';
import { docName } from '../../domain/doc-names.js';
import { newId } from '../../domain/ids.js';
import {
	addAgendaItem,
	addGuest,
	itemMinutes,
	recordDecision,
	setAttendance,
	setMeetingRole,
	updateAgendaItem
} from '../../domain/meeting-doc.js';
import { appendBlocks, appendMinutes } from '../../domain/minutes-doc.js';
import { addPerspective, addReservation, setText, summaryText, type Author } from '../../domain/voices-doc.js';
import { addAsk, giveFeedback } from '../../domain/board-voices-doc.js';
import { hashPassword } from '../auth/passwords.js';
import type { Store } from '../store/types.js';
import {
	DEMO_ACCESS_NEEDS,
	DEMO_ACTIONS,
	DEMO_AGENCIES,
	DEMO_ASKS,
	DEMO_BOARD,
	DEMO_MEETINGS,
	DEMO_PASSWORD,
	DEMO_PEOPLE,
	DEMO_TEMPLATE,
	DEMO_VENUES,
	type DemoMeeting
} from './demo-data.js';
import { createAction, setActionOutcome, setActionStatus } from '../../domain/board-doc.js';

type Ids = { userIds: Map<string, string>; agencyIds: Map<string, string> };

/** A demo person as the voices documents sign them. */
function authorOf(email: string, ids: Ids): Author {
	const person = DEMO_PEOPLE.find((p) => p.email === email)!;
	const agency = DEMO_AGENCIES.find((a) => a.key === person.agency)!;
	return { id: ids.userIds.get(email)!, name: person.name, agencyId: ids.agencyIds.get(agency.key)!, agencyName: agency.name };
}

export type SeedOutcome = { seeded: true; boardId: string } | { seeded: false; reason: 'not-empty' };

/** Fills an EMPTY database with the Åsby demo; never touches a database that has accounts. */
export async function seedDemo(store: Store, now = new Date()): Promise<SeedOutcome> {
	if ((await store.users.count()) > 0) return { seeded: false, reason: 'not-empty' };

	const agencyIds = new Map<string, string>();
	const colors: string[] = [];
	for (const agency of DEMO_AGENCIES) {
		const existing = await store.agencies.findByName(agency.name);
		const id = existing?.id ?? newId();
		if (!existing) {
			const color = pickAgencyColor(colors);
			colors.push(color);
			await store.agencies.create({ id, name: agency.name, kind: agency.kind, color });
		}
		agencyIds.set(agency.key, id);
	}

	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const userIds = new Map<string, string>();
	for (const person of DEMO_PEOPLE) {
		const id = newId();
		await store.users.create({ id, email: person.email, displayName: person.name, passwordHash, agencyId: agencyIds.get(person.agency)!, createdAt: now });
		userIds.set(person.email, id);
	}

	const owner = DEMO_PEOPLE.find((p) => p.role === 'owner')!;
	const boardId = newId();
	await store.boards.create({ id: boardId, ...DEMO_BOARD, createdBy: userIds.get(owner.email)!, createdAt: now }, userIds.get(owner.email)!);
	for (const person of DEMO_PEOPLE) {
		if (person.role !== 'owner') await store.boards.addMember(boardId, userIds.get(person.email)!, person.role);
	}

	const ownerId = userIds.get(owner.email)!;
	const ids: Ids = { userIds, agencyIds };
	// Venues, the template and the members' access needs (issue 12): the January meeting's venue has
	// no hearing loop, which Sara needs, so the chair is warned on the board and the meeting page.
	const venueIds = new Map<string, string>();
	for (const { key, ...fields } of DEMO_VENUES) {
		const id = newId();
		await store.venues.create({ id, boardId, ...fields, createdBy: ownerId, createdAt: now });
		venueIds.set(key, id);
	}
	await store.templates.set(boardId, DEMO_TEMPLATE, ownerId, now);
	for (const [email, needs] of Object.entries(DEMO_ACCESS_NEEDS)) await store.accessNeeds.set(userIds.get(email)!, { needs, interpretingLanguage: '' }, now);

	const meetingIds: string[] = [];
	for (const m of DEMO_MEETINGS) {
		const startsAt = new Date(now);
		startsAt.setUTCDate(startsAt.getUTCDate() + m.daysFromNow);
		startsAt.setUTCHours(m.hour - 1, 0, 0, 0); // Swedish winter time is UTC+1
		const meetingId = newId();
		meetingIds.push(meetingId);
		await store.meetings.create({
			id: meetingId,
			boardId,
			title: m.title,
			startsAt,
			place: m.place,
			accessibilityNotes: m.accessibilityNotes,
			onlineUrl: m.onlineUrl,
			createdBy: userIds.get(owner.email)!,
			createdAt: now
		});
		if (m.status !== 'planned') {
			const event = { kind: 'moved', actorId: userIds.get(owner.email)!, at: now, detail: { from: 'planned', to: m.status } };
			await store.meetings.change(meetingId, { revision: 0, status: m.status, bumpSequence: false, event });
		}
		if (m.venue) {
			const { key: _key, ...fields } = DEMO_VENUES.find((v) => v.key === m.venue)!;
			await store.venues.setForMeeting(meetingId, { venueId: venueIds.get(m.venue)!, ...fields }, ownerId, now);
		}
		// Written on the server only, once: clients never seed content themselves.
		const { meeting, voices } = demoDocs(m, startsAt, ids);
		await store.docs.append(docName({ kind: 'meeting', meetingId }), [Y.encodeStateAsUpdate(meeting)]);
		if (voices) await store.docs.append(docName({ kind: 'voices', meetingId }), [Y.encodeStateAsUpdate(voices)]);
		meeting.destroy();
		voices?.destroy();
	}
	// The board's actions; the server projects them into the register when it starts.
	const board = new Y.Doc();
	const boardVoices = new Y.Doc();
	const day = 24 * 60 * 60 * 1000;
	for (const a of DEMO_ACTIONS) {
		const raisedAt = new Date(now.getTime() - 9 * day);
		const id = createAction(
			board,
			{
				title: a.title,
				description: a.description,
				agencyId: agencyIds.get(a.agency)!,
				raisedByAgencyId: agencyIds.get(a.raisedBy)!,
				assigneeId: a.assignee ? userIds.get(a.assignee)! : null,
				dueDate: a.dueInDays === null ? null : new Date(now.getTime() + a.dueInDays * day).toISOString().slice(0, 10),
				meetingId: a.meeting === null ? null : meetingIds[a.meeting],
				createdBy: userIds.get(owner.email)!
			},
			raisedAt
		);
		if (a.status !== 'open') setActionStatus(board, id, a.status, a.assignee ? userIds.get(a.assignee)! : userIds.get(owner.email)!, new Date(now.getTime() - 3 * day));
		if (a.outcome) setActionOutcome(board, id, a.outcome);
		if (a.feedback) giveFeedback(boardVoices, authorOf(a.feedback.by, ids), { actionId: id, effect: a.feedback.effect, comment: a.feedback.comment }, new Date(now.getTime() - day));
	}
	// The user association's asks, still waiting for an answer.
	for (const ask of DEMO_ASKS) {
		const input = { kind: ask.kind, text: ask.text, meetingId: ask.kind === 'item' ? meetingIds[1] : null, toAgencyId: ask.toAgency ? agencyIds.get(ask.toAgency)! : null };
		addAsk(boardVoices, authorOf(ask.by, ids), input, new Date(now.getTime() - ask.daysAgo * day));
	}
	await store.docs.append(docName({ kind: 'board', boardId }), [Y.encodeStateAsUpdate(board)]);
	await store.docs.append(docName({ kind: 'boardVoices', boardId }), [Y.encodeStateAsUpdate(boardVoices)]);
	board.destroy();
	boardVoices.destroy();
	return { seeded: true, boardId };
}

/**
 * The meeting document and its user perspectives, through the same layout functions the page
 * uses: agenda items with their own minutes and decisions, attendance, chair and secretary, and
 * the reporter's perspectives and summary.
 */
function demoDocs(m: DemoMeeting, startsAt: Date, ids: Ids): { meeting: Y.Doc; voices: Y.Doc | null } {
	const user = (email: string) => ids.userIds.get(email)!;
	const minutesLater = (n: number) => new Date(startsAt.getTime() + n * 60_000);
	const author = (email: string): Author => authorOf(email, ids);
	const daysLater = (n: number) => new Date(startsAt.getTime() + n * 86_400_000).toISOString().slice(0, 10);
	const secretary = m.secretary ? user(m.secretary) : user(DEMO_PEOPLE.find((p) => p.role === 'owner')!.email);

	const meeting = new Y.Doc();
	const voices = new Y.Doc();
	let hasVoices = false;
	let elapsed = 0;
	meeting.transact(() => {
		if (m.chair) setMeetingRole(meeting, 'chairId', user(m.chair));
		if (m.secretary) setMeetingRole(meeting, 'secretaryId', user(m.secretary));
		for (const [email, status] of Object.entries(m.attendance)) setAttendance(meeting, [user(email)], status, startsAt);
		for (const guest of m.guests) addGuest(meeting, guest);
		for (const item of m.agenda) {
			const itemId = addAgendaItem(meeting, {
				title: item.title,
				presenterAgencyId: item.presenter ? ids.agencyIds.get(item.presenter)! : null,
				plannedMinutes: item.plannedMinutes
			});
			if (item.status !== 'pending') updateAgendaItem(meeting, itemId, { status: item.status });
			appendBlocks(itemMinutes(meeting, itemId)!, item.minutes);
			elapsed += item.plannedMinutes ?? 0;
			for (const decision of item.decisions) {
				const d = typeof decision === 'string' ? { text: decision } : decision;
				const at = minutesLater(elapsed);
				const reviewDate = d.reviewInDays === undefined ? null : daysLater(d.reviewInDays);
				const decisionId = recordDecision(meeting, itemId, { text: d.text, createdBy: secretary, at, kind: d.kind ?? null, reviewDate });
				if (d.reservation) {
					addReservation(voices, { itemId, decisionId }, author(d.reservation.by), d.reservation.text, at);
					hasVoices = true;
				}
			}
			for (const p of item.perspectives) {
				addPerspective(voices, itemId, author(p.by), p.text, minutesLater(elapsed));
				hasVoices = true;
			}
		}
		if (m.notes.length) appendMinutes(meeting, m.notes);
	});
	for (const summary of m.summaries) {
		setText(summaryText(voices, author(summary.by)), summary.text);
		hasVoices = true;
	}
	if (!hasVoices) {
		voices.destroy();
		return { meeting, voices: null };
	}
	return { meeting, voices };
}
