import type { AgencyKind } from '../../domain/agencies.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Block } from '../../domain/minutes-doc.js';

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

export const DEMO_MEETINGS: Array<{
	title: string;
	daysFromNow: number;
	hour: number;
	place: string;
	accessibilityNotes: string;
	onlineUrl: string;
	minutes: Block[];
}> = [
	{
		title: 'Ledningsgruppens möte i november',
		daysFromNow: -9,
		hour: 13,
		place: 'Stadshuset, sal Ljuset, plan 2',
		accessibilityNotes: 'Hiss från entrén på Storgatan. Hörslinga i salen. Fika utan gluten finns.',
		onlineUrl: 'https://meet.example.se/asby-ledning',
		minutes: [
			{ type: 'heading', level: 2, text: ['§ 1 Mötet öppnas'] },
			{ type: 'paragraph', text: ['Karin hälsade alla välkomna. Maria från Brukarföreningen Vägen är ny brukarreporter i gruppen.'] },
			{ type: 'heading', level: 2, text: ['§ 2 Lägesbild: boende först'] },
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
			},
			{ type: 'paragraph', text: [{ text: 'Beslut:', bold: true }, ' Gruppen bjuder in två hyresgäster till nästa möte, med arvode.'] },
			{ type: 'heading', level: 2, text: ['§ 3 Gemensam kartläggning'] },
			{
				type: 'paragraph',
				text: [
					'Ahmed presenterade ett förslag om en gemensam kartläggning av vilka stöd som finns. ',
					{ text: 'Inga personuppgifter om enskilda förs in i protokollet.', italic: true }
				]
			},
			{ type: 'heading', level: 2, text: ['§ 4 Nästa möte'] },
			{ type: 'paragraph', text: ['Nästa möte hålls i januari. Erik bokar lokal med hörslinga.'] }
		]
	},
	{
		title: 'Ledningsgruppens möte i januari',
		daysFromNow: 52,
		hour: 9,
		place: 'Brukarföreningens lokal, Kvarngatan 4',
		accessibilityNotes: 'Entré i markplan utan trappsteg. Ingen hörslinga – säg till, så tar vi med en bärbar.',
		onlineUrl: '',
		minutes: []
	}
];
