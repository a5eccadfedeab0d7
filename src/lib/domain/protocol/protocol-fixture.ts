import * as Y from 'yjs';
import { createAction } from '../board-doc.js';
import { addAgendaItem, addGuest, itemMinutes, recordDecision, setAttendance, setMeetingRole } from '../meeting-doc.js';
import { appendBlocks, appendMinutes } from '../minutes-doc.js';
import { addPerspective, addReservation, setText, summaryText, type Author } from '../voices-doc.js';
import type { ProtocolLabels } from './markdown.js';
import type { PrintedAddendum } from '../addendum.js';
import type { RenderInput } from './render-protocol.js';
import { markCarried } from '../carry-over.js';

/**
 * A realistic meeting for the protocol specs (test helper, not used by the app), written through
 * the same domain writers the page uses. Fixed ids and times, so it renders the same every time;
 * `clientId` and `reversed` change what must not matter: who wrote it, and in which order the
 * entries of maps whose order is not part of the protocol were inserted.
 */
export const AGENCIES = {
	soc: { name: 'Socialförvaltningen Åsby' },
	af: { name: 'Arbetsförmedlingen Åsby' },
	bf: { name: 'Brukarföreningen Vägen' }
};

export const PEOPLE = {
	karin: { name: 'Karin Lindqvist', agencyName: 'Socialförvaltningen Åsby' },
	ahmed: { name: 'Ahmed Hassan', agencyName: 'Arbetsförmedlingen Åsby' },
	maria: { name: 'Maria Johansson', agencyName: 'Brukarföreningen Vägen' },
	sara: { name: 'Sara Berg', agencyName: 'Socialförvaltningen Åsby' },
	olle: { name: 'Olle Ek', agencyName: 'Arbetsförmedlingen Åsby' }
};

export const MEETING_ID = 'meeting-nov';
/** Words that appear only in the internal § 3: the public version must contain none of them. */
export const INTERNAL_WORDS = ['Förhandling med hyresvärden', 'Hyresavtalet på Granvägen', 'bud på 40 lägenheter', 'Ring hyresvärden', 'Vi vill vara med när avtalet skrivs'];

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));
const maria: Author = { id: 'maria', name: PEOPLE.maria.name, agencyId: 'bf', agencyName: PEOPLE.maria.agencyName };

function order<T>(list: T[], reversed: boolean): T[] {
	return reversed ? [...list].reverse() : list;
}

/** The meeting § 4 is carried to with `carried`: late on the 14th in UTC, the 15th in Stockholm. */
export const CARRIED_TARGET = { id: 'meeting-jan', title: 'Ledningsgruppens möte i januari', startsAt: new Date(Date.UTC(2027, 0, 14, 23, 30)) };
/** The line § 4 gets with `carried`, in SV_LABELS. */
export const CARRIED_LINE = 'Flyttad till mötet Ledningsgruppens möte i januari den 15 januari 2027.';

/**
 * `decisionDetails` (issue 12, point 5) gives decision 1 a kind and a review date and Maria a
 * reservation against it; `carried` (point 6) marks § 4 as carried over to CARRIED_TARGET. Without
 * them the fixture is as it was, and so is its protocol's hash.
 */
export function buildFixture(options: { clientId?: number; reversed?: boolean; title2?: string; decisionDetails?: boolean; carried?: boolean } = {}): RenderInput {
	const reversed = options.reversed ?? false;
	const meetingDoc = new Y.Doc();
	const voicesDoc = new Y.Doc();
	const boardDoc = new Y.Doc();
	if (options.clientId !== undefined) {
		meetingDoc.clientID = options.clientId;
		voicesDoc.clientID = options.clientId + 1;
		boardDoc.clientID = options.clientId + 2;
	}

	setMeetingRole(meetingDoc, 'chairId', 'karin');
	setMeetingRole(meetingDoc, 'secretaryId', 'ahmed');
	const marks: Array<[string, 'present' | 'absent' | 'excused']> = [
		['karin', 'present'],
		['ahmed', 'present'],
		['maria', 'present'],
		['sara', 'excused'],
		['olle', 'absent']
	];
	for (const [id, status] of order(marks, reversed)) setAttendance(meetingDoc, [id], status, at(0));
	for (const guest of order([{ name: 'Lena Åkesson', agency: 'Region Åsby' }, { name: 'Bo Öst', agency: 'Polisen' }], reversed)) {
		addGuest(meetingDoc, guest, `guest-${guest.name.split(' ')[0]}`);
	}

	const s1 = addAgendaItem(meetingDoc, { title: 'Mötets öppnande', presenterAgencyId: 'soc' }, 'item-1');
	const s2 = addAgendaItem(meetingDoc, { title: options.title2 ?? 'Bostad först – läget i Åsby', presenterAgencyId: 'bf' }, 'item-2');
	const s3 = addAgendaItem(meetingDoc, { title: 'Förhandling med hyresvärden', presenterAgencyId: 'af' }, 'item-3');
	const s4 = addAgendaItem(meetingDoc, { title: 'Övriga frågor' }, 'item-4');
	appendBlocks(itemMinutes(meetingDoc, s1)!, [{ type: 'paragraph', text: ['Karin hälsade alla välkomna och förklarade mötet öppnat.'] }]);
	appendBlocks(itemMinutes(meetingDoc, s2)!, [
		{ type: 'heading', level: 3, text: ['Läget'] },
		{ type: 'paragraph', text: ['Åtta personer har fått ', { text: 'egen lägenhet', bold: true }, ' sedan i våras; se ', { text: 'rapporten', href: 'https://example.se/rapport' }, '.'] },
		{ type: 'bulletList', items: [['Två väntar på *besked* från Åsbyhem'], [{ text: 'Stödet', italic: true }, ' fungerar bäst med boendestöd']] },
		{ type: 'orderedList', items: [['Kartlägga behoven'], ['Följa upp i mars']] }
	]);
	appendBlocks(itemMinutes(meetingDoc, s3)!, [{ type: 'paragraph', text: ['Hyresavtalet på Granvägen: bud på 40 lägenheter.'] }]);
	// Not written by the UI yet: set as the renderer expects to find it.
	const internalItem = meetingDoc.getMap<Y.Map<unknown>>('agenda').get(s3)!;
	internalItem.set('internal', true);
	internalItem.set('internalReason', 'negotiation');
	appendBlocks(itemMinutes(meetingDoc, s4)!, [{ type: 'paragraph', text: ['# Inga övriga frågor [sic] – _nästa_ möte 15/1.'] }]);
	appendMinutes(meetingDoc, [{ type: 'paragraph', text: ['Mötet avslutades 15.05.'] }]);

	const details = options.decisionDetails ? { kind: 'majority' as const, reviewDate: '2027-03-31' } : {};
	recordDecision(meetingDoc, s2, { text: 'Gruppen ställer sig bakom Bostad först.', createdBy: 'ahmed', at: at(30), ...details }, 'dec-1');
	if (options.decisionDetails) addReservation(voicesDoc, { itemId: s2, decisionId: 'dec-1' }, maria, 'Vi delar inte bedömningen.\nBrukarna behöver mer stöd.', at(32), 'res-1');
	recordDecision(meetingDoc, s2, { text: 'Uppföljning sker i mars.', createdBy: 'ahmed', at: at(31) }, 'dec-2');
	recordDecision(meetingDoc, s3, { text: 'Arbetsförmedlingen lägger ett bud på 40 lägenheter.', createdBy: 'ahmed', at: at(40) }, 'dec-3');
	recordDecision(meetingDoc, s4, { text: 'Nästa möte hålls den 15 januari.', createdBy: 'ahmed', at: at(50) }, 'dec-4');

	const actions = [
		{ id: 'act-1', title: 'Kartlägga behoven av boendestöd', agencyId: 'soc', assigneeId: 'sara', dueDate: '2027-02-01', itemId: s2 },
		{ id: 'act-2', title: 'Ring hyresvärden om Granvägen', agencyId: 'af', assigneeId: 'ahmed', dueDate: '2026-12-01', itemId: s3 },
		{ id: 'act-3', title: 'Boka lokal för januari', agencyId: 'soc', assigneeId: null, dueDate: null, itemId: null },
		{ id: 'act-4', title: 'Annat mötes åtgärd', agencyId: 'soc', assigneeId: null, dueDate: null, itemId: null, meetingId: 'other' }
	];
	for (const a of order(actions, reversed)) {
		createAction(
			boardDoc,
			{ title: a.title, agencyId: a.agencyId, raisedByAgencyId: 'bf', assigneeId: a.assigneeId, dueDate: a.dueDate, meetingId: a.meetingId ?? MEETING_ID, itemId: a.itemId, createdBy: 'karin' },
			at(45),
			a.id
		);
	}

	const perspectives = [
		{ id: 'p-1', itemId: s2, text: 'Det viktigaste är att få en egen nyckel.\nSedan kommer resten.', minute: 20 },
		{ id: 'p-2', itemId: s3, text: 'Vi vill vara med när avtalet skrivs.', minute: 41 }
	];
	for (const p of order(perspectives, reversed)) addPerspective(voicesDoc, p.itemId, maria, p.text, at(p.minute), p.id);
	const summaries: Array<[Author, string]> = [
		[maria, 'Ett bra möte. Brukarna blev lyssnade på.'],
		[{ id: 'ali', name: 'Ali Rahimi', agencyId: 'bf', agencyName: 'Brukarföreningen Vägen' }, 'Vi fick svar på två av tre frågor.']
	];
	for (const [author, text] of order(summaries, reversed)) setText(summaryText(voicesDoc, author), text);

	if (options.carried) markCarried(meetingDoc, s4, { kind: 'meeting', meetingId: CARRIED_TARGET.id, itemId: 'item-jan-1', at: at(55).toISOString() });

	return {
		meetingDoc,
		voicesDoc,
		boardDoc,
		...(options.carried ? { carriedTargets: { [CARRIED_TARGET.id]: { title: CARRIED_TARGET.title, startsAt: CARRIED_TARGET.startsAt } } } : {}),
		meeting: { id: MEETING_ID, title: 'Ledningsgruppens möte i november', startsAt: at(0), timeZone: 'Europe/Stockholm', place: 'Stadshuset, sal Ljuset', boardName: 'Ledningsgrupp för utveckling – Åsby' },
		people: Object.fromEntries(order(Object.entries(PEOPLE), reversed)),
		agencies: Object.fromEntries(order(Object.entries(AGENCIES), reversed))
	};
}


/** Swedish labels as the export route will pass them; each export's spec adds its own. */
export const SV_LABELS: ProtocolLabels = {
	locale: 'sv-SE',
	section: (n) => `§ ${n}`,
	dateTime: 'Datum och tid',
	place: 'Plats',
	chair: 'Ordförande',
	secretary: 'Sekreterare',
	adjusters: 'Justerare',
	present: 'Närvarande',
	absent: 'Frånvarande',
	excused: 'Anmält förhinder',
	guests: 'Gäster',
	presenter: 'Föredragande',
	decisions: 'Beslut',
	actions: 'Åtgärder',
	responsible: 'Ansvarig',
	due: 'Klart senast',
	perspectives: 'Brukarperspektiv',
	notes: 'Övriga anteckningar',
	meetingActions: 'Åtgärder utan paragraf',
	summaries: 'Brukarreporterns sammanfattning',
	how: { on_site: 'på plats', online: 'på distans', phone: 'per telefon' },
	reasonCategory: (c) => ({ personal_data: 'personuppgifter', negotiation: 'pågående förhandling', security: 'säkerhet', other: 'annat skäl' })[c],
	omittedItem: (section, reason) => `${section} är utelämnad i den offentliga versionen (${reason}).`,
	internalItem: (reason) => `Intern paragraf (${reason}) – utelämnas i den offentliga versionen.`,
	addenda: 'Protokollsanteckningar',
	addendumNumber: (n) => `Protokollsanteckning ${n}`,
	addendumApproved: (when) => `Godkänd ${when}`,
	formerMember: (agency) => (agency ? `Tidigare medlem (${agency})` : 'Tidigare medlem'),
	decisionKind: (kind) => ({ consensus: 'Beslut i enighet', majority: 'Majoritetsbeslut', chair: 'Ordförandebeslut efter samråd' })[kind],
	reviewBy: (date) => `Utvärderas senast ${date}.`,
	reservationBy: (who) => `Reservation av ${who}`,
	carriedToMeeting: (title, date) => `Flyttad till mötet ${title} den ${date}.`,
	carriedToBacklog: 'Flyttad till punkter att ta upp senare.'
};

/** Words that appear only when the fixture's decisions have kinds, review dates and reservations. */
export const DECISION_DETAIL_WORDS = ['Majoritetsbeslut', 'Utvärderas senast 31 mars 2027', 'Reservation av Maria Johansson, Brukarföreningen Vägen', 'Vi delar inte bedömningen'];

/** Two approved addenda to a sealed protocol, for the exports' specs. */
export const ADDENDA: PrintedAddendum[] = [
	{ number: 1, text: 'I § 2 ska beslutet lyda: Boendet öppnar den 1 mars.', approvedAt: '2026-12-03T09:15:00.000Z', hash: 'a'.repeat(64) },
	{ number: 2, text: 'Närvarolistan saknade Kim Berg (Arbetsförmedlingen), på distans.\nRättat i efterhand.', approvedAt: '2026-12-04T13:00:00.000Z', hash: 'b'.repeat(64) }
];
