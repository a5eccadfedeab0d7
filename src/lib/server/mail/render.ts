/**
 * A message's plain text and its simple HTML from the same parts, already in the recipient's
 * language (mail/messages.ts). Every text is escaped for HTML; links must be http(s). No
 * images, no styles beyond a readable width: many read mail on a phone or with a screen reader.
 */
export interface MailParts {
	/** BCP 47 language of the texts (the HTML's lang attribute). */
	lang: string;
	subject: string;
	greeting: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	footer: string;
	unsubscribe?: { question: string; linkLabel: string; url: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function safeUrl(url: string): string {
	const parsed = new URL(url);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`a mail link must be http(s), not ${parsed.protocol}`);
	return parsed.href;
}

export function renderText(p: MailParts): string {
	const blocks = [p.greeting, ...p.paragraphs];
	if (p.action) blocks.push(`${p.action.label}: ${safeUrl(p.action.url)}`);
	const footer = [p.footer];
	if (p.unsubscribe) footer.push(`${p.unsubscribe.question} ${p.unsubscribe.linkLabel}: ${safeUrl(p.unsubscribe.url)}`);
	// "-- " is the signature separator mail clients recognise and may fold away.
	return `${blocks.join('\n\n')}\n\n-- \n${footer.join('\n')}\n`;
}

export function renderHtml(p: MailParts): string {
	const para = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
	const body = [para(p.greeting), ...p.paragraphs.map(para)];
	if (p.action) body.push(`<p><a href="${escapeHtml(safeUrl(p.action.url))}">${escapeHtml(p.action.label)}</a></p>`);
	const footer = [para(p.footer)];
	if (p.unsubscribe) {
		footer.push(`<p>${escapeHtml(p.unsubscribe.question)} <a href="${escapeHtml(safeUrl(p.unsubscribe.url))}">${escapeHtml(p.unsubscribe.linkLabel)}</a></p>`);
	}
	return [
		'<!doctype html>',
		`<html lang="${escapeHtml(p.lang)}">`,
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(p.subject)}</title></head>`,
		'<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em;">',
		...body,
		'<hr>',
		`<div style="font-size: 14px;">${footer.join('')}</div>`,
		'</body>',
		'</html>',
		''
	].join('\n');
}
