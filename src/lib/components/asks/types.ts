import type { Ask, Feedback } from '$lib/domain/board-voices-doc';
import type { ActionAgency } from '$lib/components/actions/types';

/** What the board page loads for its asks section (services/asks.ts `asksPage`, plus § numbers). */
export interface AsksData {
	asks: Ask[];
	feedback: Feedback[];
	doneWithoutFeedback: Array<{ id: string; title: string }>;
	comingMeetings: Array<{ id: string; title: string; startsAt: Date }>;
	meetingTitles: Record<string, string>;
	mayAnswer: boolean;
	mayGiveFeedback: boolean;
	userId: string;
	/** agenda item id → its § number now, for scheduled asks */
	itemNumbers: Record<string, number>;
}

/** What an ask's card needs to name things. */
export interface AskContext {
	boardId: string;
	agencies: ActionAgency[];
	meetingTitles: Record<string, string>;
	itemNumbers: Record<string, number>;
	actionTitles: Record<string, string>;
	timeZone: string | undefined;
	now: Date;
}

/** A form post's answer as the board page hands it on (SvelteKit's `form`). */
export type AsksFormResult = {
	form?: string;
	askId?: string;
	actionId?: string;
	errors?: Record<string, string>;
	params?: Record<string, unknown>;
	values?: Record<string, string>;
	sent?: string;
	answered?: unknown;
	withdrawn?: string;
	saved?: unknown;
} | null;
