/**
 * The meeting's start as every export prints it ("21 november 2026 13:00"), in the protocol's
 * time zone and the reader's locale. One function, so the screen, Markdown, PDF and DOCX agree;
 * an unreadable stored value is printed as stored rather than dropped.
 */
export function protocolDateTime(iso: string, timeZone: string, locale: string): string {
	if (iso === '') return '';
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
	} catch {
		return iso;
	}
}
