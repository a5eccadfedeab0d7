/**
 * Download names for a protocol: a safe ASCII name (letters folded: å → a, æ → ae, ø → o …)
 * and the full UTF-8 name for `filename*` (RFC 6266 / RFC 8187), which every current browser
 * prefers. Neither can break the header: no quotes, slashes, controls or line breaks.
 */
const FOLD: Record<string, string> = { æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', ß: 'ss', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'TH' };

/** Lowercase ASCII words joined by "-", at most `max` characters, never empty. */
export function asciiSlug(text: string, max = 80): string {
	const folded = [...text.normalize('NFKD')].map((c) => FOLD[c] ?? c).join('');
	const slug = folded
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	const cut = slug.slice(0, max).replace(/-+$/, '');
	return cut || 'protocol';
}

/** A name as a person reads it, fit for `filename*`: controls, slashes and quotes become spaces. */
export function readableName(text: string): string {
	return text
		.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 150);
}

/** `attachment` with both names; the extension is added to each. */
export function contentDisposition(parts: string[], extension: string): string {
	const ascii = `${asciiSlug(parts.join(' '), 120)}.${extension}`;
	const full = `${readableName(parts.filter((p) => p !== '').join(' ')) || 'protocol'}.${extension}`;
	const encoded = encodeURIComponent(full).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
