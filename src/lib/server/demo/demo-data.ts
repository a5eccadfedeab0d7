// Over 300 lines on purpose: demo content only (the Åsby board, its people, two meetings with their §, decisions, perspectives, actions, venues, asks and template), read by seed.ts; data, not logic, kept in one place so the README's sign-ins and the seed agree.
import type { AgencyKind } from '../../domain/agencies.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Block } from '../../domain/minutes-doc.js';
import type { AttendanceChoice, DecisionKind, ItemStatus, MeetingStatus } from '../../domain/meeting-doc.js';
import type { AccessNeed, VenueFields } from '../../domain/venue.js';
import type { AskKind, Effect } from '../../domain/board-voices-doc.js';
import type { MeetingTemplate } from '../../domain/meeting-template.js';

/**
 * The demo: a cross-agency leadership group in the fictional municipality of Åsby.
 * Everyone and everything here is invented. The sign-ins are listed in the README.
 */
export const DEMO_PASSWORD = 'tavla-i-åsby-2026';

export const DEMO_AGENCIES: Array<{ key: string; name: string; kind: AgencyKind }> = [
	{ key: 'soc', name: 'Socialförvaltningen Åsby', kind: 'social_services' },
	{ key: 'af', name: 'Arbetsförmedlingen Åsby', kind: 'employment_services' },
	{ key: 'bf', name: 'Brukarföreningen Vägen', kind: 'user_association' },
	{ key: 'bo', name: 'Åsbyhem, sociala teamet', kind: 'housing' }
];

export const DEMO_PEOPLE: Array<{ name: string; email: string; agency: string; role: BoardRole }> = [
	{ name: 'Karin Lindqvist', email: 'karin@demo.samtavla.se', agency: 'soc', role: 'owner' },
	{ name: 'Ahmed Hassan', email: 'ahmed@demo.samtavla.se', agency: 'af', role: 'editor' },
	{ name: 'Maria Johansson', email: 'maria@demo.samtavla.se', agency: 'bf', role: 'contributor' },
	{ name: 'Erik Nilsson', email: 'erik@demo.samtavla.se', agency: 'bo', role: 'editor' },
	{ name: 'Sara Berg', email: 'sara@demo.samtavla.se', agency: 'soc', role: 'viewer' }
];

export const DEMO_BOARD = {
	name: 'Ledningsgrupp för utveckling – Åsby',
	description:
		'Socialtjänsten, Arbetsförmedlingen, bostadsbolaget och brukarföreningen planerar tillsammans stödet till personer i hemlöshet och missbruk. Vi möts varannan månad.'
};

/** A decision with how it was made, a review date (days after the meeting) and a member's reservation. */
export interface DemoDecision {
	text: string;
	kind?: DecisionKind;
	reviewInDays?: number;
	reservation?: { by: string; text: string };
}

/** One § of a demo agenda; people are named by e-mail, agencies by key. */
export interface DemoItem {
	title: string;
	presenter: string | null;
	plannedMinutes: number | null;
	status: ItemStatus;
	minutes: Block[];
	decisions: Array<string | DemoDecision>;
	/** user perspectives, in the author's own words */
	perspectives: Array<{ by: string; text: string }>;
}

export interface DemoMeeting {
	title: string;
	daysFromNow: number;
	hour: number;
	place: string;
	accessibilityNotes: string;
	onlineUrl: string;
	status: MeetingStatus;
	/** Key of the saved venue (DEMO_VENUES) the meeting is at. */
	venue?: string;
	chair: string | null;
	secretary: string | null;
	agenda: DemoItem[];
	/** notes outside the agenda ("Other notes") */
	notes: Block[];
	attendance: Record<string, AttendanceChoice>;
	guests: Array<{ name: string; agency: string }>;
	/** the reporters' summaries of the whole meeting */
	summaries: Array<{ by: string; text: string }>;
}

const KARIN = 'karin@demo.samtavla.se';
const AHMED = 'ahmed@demo.samtavla.se';
const MARIA = 'maria@demo.samtavla.se';
const ERIK = 'erik@demo.samtavla.se';
const SARA = 'sara@demo.samtavla.se';

export const DEMO_MEETINGS: DemoMeeting[] = [
	{
		title: 'Ledningsgruppens möte i november',
		daysFromNow: -9,
		hour: 13,
		place: 'Stadshuset, sal Ljuset, plan 2',
		accessibilityNotes: 'Hiss från entrén på Storgatan. Hörslinga i salen. Fika utan gluten finns.',
		onlineUrl: 'https://meet.example.se/asby-ledning',
		status: 'held',
		venue: 'stadshuset',
		chair: KARIN,
		secretary: AHMED,
		agenda: [
			{
				title: 'Mötet öppnas',
				presenter: 'soc',
				plannedMinutes: 5,
				status: 'done',
				minutes: [{ type: 'paragraph', text: ['Karin hälsade alla välkomna. Maria från Brukarföreningen Vägen är ny brukarreporter i gruppen.'] }],
				decisions: [{ text: 'Dagordningen godkänns.', kind: 'consensus' }],
				perspectives: []
			},
			{
				title: 'Lägesbild: boende först',
				presenter: 'bo',
				plannedMinutes: 30,
				status: 'done',
				minutes: [
					{
						type: 'paragraph',
						text: ['Åsbyhem har ', { text: 'fyra lägenheter', bold: true }, ' reserverade för boende först. Tre är inflyttade, en visas i december.']
					},
					{
						type: 'bulletList',
						items: [
							['Socialtjänsten har boendestöd på plats två dagar i veckan.'],
							['Brukarföreningen vill att hyresgästerna själva får berätta hur stödet fungerar.'],
							['Arbetsförmedlingen erbjuder samtal om praktik till dem som vill.']
						]
					}
				],
				decisions: [
					{ text: 'Gruppen bjuder in två hyresgäster till nästa möte, med arvode.', kind: 'consensus' },
					{ text: 'Boendestödet bokar alltid en tid före ett besök, som ett försök under vintern.', kind: 'consensus', reviewInDays: 90 }
				],
				perspectives: [
					{
						by: MARIA,
						text: 'De jag har pratat med som bor i lägenheterna säger samma sak: det viktigaste är att ingen kommer oanmäld. Boendestödet ska boka en tid, som hos vem som helst.'
					}
				]
			},
			{
				title: 'Gemensam kartläggning av stöd',
				presenter: 'af',
				plannedMinutes: 25,
				status: 'done',
				minutes: [
					{
						type: 'paragraph',
						text: [
							'Ahmed presenterade ett förslag om en gemensam kartläggning av vilka stöd som finns. ',
							{ text: 'Inga personuppgifter om enskilda förs in i protokollet.', italic: true }
						]
					}
				],
				decisions: [
					{
						text: 'Arbetsförmedlingen tar fram ett utkast till kartläggning till januarimötet.',
						kind: 'majority',
						reservation: {
							by: MARIA,
							text: 'Brukarföreningen reserverar sig: kartläggningen ska göras tillsammans med oss från början, inte visas för oss när den är klar.'
						}
					}
				],
				perspectives: [
					{
						by: MARIA,
						text: 'Kartläggningen måste ta med det stöd vi ger varandra i föreningen, inte bara det som myndigheterna gör. Annars ser det ut som om det inte finns något mellan besöken.'
					}
				]
			},
			{
				title: 'Nästa möte',
				presenter: null,
				plannedMinutes: 5,
				status: 'done',
				minutes: [{ type: 'paragraph', text: ['Erik bokar lokal med hörslinga.'] }],
				decisions: ['Nästa möte hålls i januari i Brukarföreningens lokal.'],
				perspectives: []
			}
		],
		notes: [{ type: 'paragraph', text: ['Fikat var uppskattat. Sara deltog inte på grund av utbildning.'] }],
		attendance: { [KARIN]: 'present_on_site', [AHMED]: 'present_online', [MARIA]: 'present_on_site', [ERIK]: 'present_phone', [SARA]: 'excused' },
		guests: [{ name: 'Lena Ek', agency: 'Region Åsby, beroendemottagningen' }],
		summaries: [
			{
				by: MARIA,
				text: 'Ett bra möte för oss. Vi fick gehör för att hyresgästerna själva ska berätta i januari, och de får arvode för det. Jag tar med frågan om oanmälda besök till föreningens medlemsmöte.'
			}
		]
	},
	{
		title: 'Ledningsgruppens möte i januari',
		daysFromNow: 52,
		hour: 9,
		place: 'Brukarföreningens lokal, Kvarngatan 4',
		accessibilityNotes: 'Entré i markplan utan trappsteg. Ingen hörslinga – säg till, så tar vi med en bärbar.',
		onlineUrl: '',
		status: 'planned',
		venue: 'vagen',
		chair: KARIN,
		secretary: AHMED,
		agenda: [
			{ title: 'Mötet öppnas', presenter: 'soc', plannedMinutes: 5, status: 'pending', minutes: [], decisions: [], perspectives: [] },
			{
				title: 'Hyresgästerna berättar om boende först',
				presenter: 'bf',
				plannedMinutes: 40,
				status: 'pending',
				minutes: [],
				decisions: [],
				perspectives: []
			},
			{
				title: 'Utkast: gemensam kartläggning av stöd',
				presenter: 'af',
				plannedMinutes: 30,
				status: 'pending',
				minutes: [],
				decisions: [],
				perspectives: []
			},
			{ title: 'Övriga frågor', presenter: null, plannedMinutes: 10, status: 'pending', minutes: [], decisions: [], perspectives: [] }
		],
		notes: [],
		attendance: {},
		guests: [],
		summaries: []
	}
];

/** Promises made across agencies; `meeting` is the index in DEMO_MEETINGS it was raised in. */
export const DEMO_ACTIONS: Array<{
	title: string;
	description: string;
	agency: string;
	raisedBy: string;
	assignee: string | null;
	dueInDays: number | null;
	status: 'open' | 'in_progress' | 'waiting' | 'done';
	meeting: number | null;
	/** What came of it (done actions), and the user association's word on the effect. */
	outcome?: string;
	feedback?: { by: string; effect: Effect; comment: string };
}> = [
	{
		title: 'Bjuda in två hyresgäster till januarimötet',
		description: 'Fråga via boendestödet vilka som vill berätta. Arvode enligt brukarföreningens taxa.',
		agency: 'soc',
		raisedBy: 'bf',
		assignee: 'karin@demo.samtavla.se',
		dueInDays: 21,
		status: 'in_progress',
		meeting: 0
	},
	{
		title: 'Boka lokal med hörslinga för januari',
		description: '',
		agency: 'bo',
		raisedBy: 'soc',
		assignee: 'erik@demo.samtavla.se',
		dueInDays: -2,
		status: 'open',
		meeting: 0
	},
	{
		title: 'Förslag på gemensam kartläggning av stöd',
		description: 'Ett första utkast som alla förvaltningar kan kommentera före nästa möte.',
		agency: 'af',
		raisedBy: 'soc',
		assignee: 'ahmed@demo.samtavla.se',
		dueInDays: 35,
		status: 'waiting',
		meeting: 0
	},
	{
		title: 'Sprida brukarföreningens enkät till hyresgästerna',
		description: '',
		agency: 'bo',
		raisedBy: 'bf',
		assignee: null,
		dueInDays: 10,
		status: 'open',
		meeting: null
	},
	{
		title: 'Skylta vägen till boendestödets mottagning',
		description: 'Flera har inte hittat dit. Skyltar från busshållplatsen och vid entrén.',
		agency: 'bo',
		raisedBy: 'bf',
		assignee: 'erik@demo.samtavla.se',
		dueInDays: -20,
		status: 'done',
		meeting: 0,
		outcome: 'Skyltar sitter vid busshållplatsen, i trapphuset och på dörren sedan den 10 november.',
		feedback: { by: MARIA, effect: 'partly', comment: 'Skyltarna syns, men texten är liten. Den som ser dåligt hittar fortfarande inte.' }
	}
];

/** The board's saved venues: the rotation between the agencies' premises and the association's own. */
export const DEMO_VENUES: Array<{ key: string } & VenueFields> = [
	{
		key: 'stadshuset',
		name: 'Stadshuset, sal Ljuset',
		hostAgency: 'Socialförvaltningen Åsby',
		address: 'Storgatan 1, Åsby',
		features: ['stepFree', 'lift', 'accessibleToilet', 'hearingLoop', 'publicTransport', 'interpreting'],
		interpretingLanguages: 'arabiska, somaliska',
		notes: 'Hiss från entrén på Storgatan. Sal Ljuset ligger på plan 2.'
	},
	{
		key: 'vagen',
		name: 'Brukarföreningen Vägens lokal',
		hostAgency: 'Brukarföreningen Vägen',
		address: 'Kvarngatan 4, Åsby',
		features: ['stepFree', 'accessibleToilet', 'quietRoom', 'publicTransport'],
		interpretingLanguages: '',
		notes: 'Entré i markplan. Ingen hörslinga – säg till, så tar vi med en bärbar.'
	}
];

/** Stated once by the person; the chair is told when a venue falls short (here: no hearing loop in January). */
export const DEMO_ACCESS_NEEDS: Record<string, AccessNeed[]> = {
	[SARA]: ['hearingLoop']
};

/** The user association's asks, `daysAgo` before the seed; an item ask is for the January meeting. */
export const DEMO_ASKS: Array<{ by: string; kind: AskKind; text: string; toAgency?: string; daysAgo: number }> = [
	{ by: MARIA, kind: 'item', text: 'Hur får hyresgästerna stöd de första veckorna efter inflytt? Vi vill ta upp det på januarimötet.', daysAgo: 12 },
	{ by: MARIA, kind: 'action', toAgency: 'bo', text: 'Kan Åsbyhem utse en kontaktperson som hyresgästerna i boende först kan ringa direkt?', daysAgo: 5 }
];

/** The board's meeting template: its standing items and usual length. */
export const DEMO_TEMPLATE: MeetingTemplate = {
	standingItems: ['Mötet öppnas', 'Uppföljning av åtgärder', 'Brukarperspektivet', 'Övriga frågor', 'Nästa möte'],
	lengthMinutes: 120
};
