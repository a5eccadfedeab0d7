/**
 * The language a board's protocols are written in (issue 10): labels on screen follow each
 * person's own language, the protocol itself (print view, exports, its hash) the board's.
 */
export const BOARD_LANGUAGES = ['sv', 'en', 'da'] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];

export function isBoardLanguage(value: unknown): value is BoardLanguage {
	return (BOARD_LANGUAGES as readonly unknown[]).includes(value);
}

/** A stored value read as a language; anything unknown is the default, Swedish. */
export const boardLanguage = (value: unknown): BoardLanguage => (isBoardLanguage(value) ? value : 'sv');

/** BCP 47 tag for dates, collation and the documents' language. */
export const LANGUAGE_TAGS: Record<BoardLanguage, string> = { sv: 'sv-SE', en: 'en-GB', da: 'da-DK' };

/** Each language's name in itself (the choice is shown in every reader's language alike). */
export const LANGUAGE_NAMES: Record<BoardLanguage, string> = { sv: 'Svenska', en: 'English', da: 'Dansk' };

/**
 * The zone a board's protocols print their time in. A protocol's time must not depend on who
 * reads it: its hash, which every approver approves, covers it. Danish boards meet in Copenhagen's
 * time, the others in Stockholm's (the same offset all year, but each names its own).
 */
export const PROTOCOL_TIME_ZONES: Record<BoardLanguage, string> = { sv: 'Europe/Stockholm', en: 'Europe/Stockholm', da: 'Europe/Copenhagen' };
