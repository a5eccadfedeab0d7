/** Reads one cookie from a Cookie header; malformed pairs are skipped, never thrown on. */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() !== name) continue;
		const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
		try {
			return decodeURIComponent(raw);
		} catch {
			return undefined;
		}
	}
	return undefined;
}
