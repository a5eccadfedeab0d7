import type * as Y from 'yjs';
import type { BoardLanguage } from './board-language.js';
import { addAgendaItem } from './meeting-doc.js';
import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';

/**
 * A board's meeting template (issue 12, point 7): the standing items every new meeting's agenda
 * starts with, and how long its meetings usually last (the calendar entry's end).
 */
export interface MeetingTemplate {
	standingItems: string[];
	lengthMinutes: number;
}

export const MAX_STANDING_ITEMS = 30;
export const MAX_ITEM_TITLE = 160;
export const MIN_LENGTH_MINUTES = 15;
export const MAX_LENGTH_MINUTES = 720;
/** The calendar's length for a meeting with none of its own (as before templates). */
export const DEFAULT_LENGTH_MINUTES = 120;

/**
 * What the template form offers a board that has none yet, in the board's language (the agenda is
 * part of the protocol, which is written in that language whoever reads the page).
 */
export const DEFAULT_STANDING_ITEMS: Record<BoardLanguage, string[]> = {
	sv: ['Mötets öppnande', 'Uppföljning av åtgärder', 'Brukarperspektivet', 'Nästa möte'],
	en: ['Opening of the meeting', 'Follow-up of action items', 'The user perspective', 'Next meeting'],
	da: ['Mødets åbning', 'Opfølgning på opfølgningspunkter', 'Brugerperspektivet', 'Næste møde']
};

export function defaultTemplate(language: BoardLanguage): MeetingTemplate {
	return { standingItems: [...DEFAULT_STANDING_ITEMS[language]], lengthMinutes: DEFAULT_LENGTH_MINUTES };
}

export type TemplateError = 'error_template_items_too_many' | 'error_template_item_too_long' | 'error_template_length_range' | typeof CONTROL_CHARS_ERROR;

/**
 * The template from its form: one standing item a line (blank lines dropped), the length in whole
 * minutes. Returns the template, or the field and message key of what is wrong.
 */
export function parseTemplateForm(raw: { standingItems: string; lengthMinutes: string }):
	| { ok: true; value: MeetingTemplate }
	| { ok: false; errors: Partial<Record<'standingItems' | 'lengthMinutes', TemplateError>> } {
	const items = raw.standingItems
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	const errors: Partial<Record<'standingItems' | 'lengthMinutes', TemplateError>> = {};
	if (hasControlChars(raw.standingItems, true)) errors.standingItems = CONTROL_CHARS_ERROR;
	else if (items.length > MAX_STANDING_ITEMS) errors.standingItems = 'error_template_items_too_many';
	else if (items.some((item) => item.length > MAX_ITEM_TITLE)) errors.standingItems = 'error_template_item_too_long';
	const length = /^\d{1,4}$/.test(raw.lengthMinutes.trim()) ? Number(raw.lengthMinutes.trim()) : NaN;
	if (!(length >= MIN_LENGTH_MINUTES && length <= MAX_LENGTH_MINUTES)) errors.lengthMinutes = 'error_template_length_range';
	if (errors.standingItems || errors.lengthMinutes) return { ok: false, errors };
	return { ok: true, value: { standingItems: items, lengthMinutes: length } };
}

/** Adds the standing items to a new meeting's agenda, in order (after anything already there). */
export function applyTemplate(doc: Y.Doc, template: Pick<MeetingTemplate, 'standingItems'>): void {
	doc.transact(() => {
		for (const title of template.standingItems) addAgendaItem(doc, { title });
	});
}
