/**
 * Which pages the service worker keeps for opening with no connection (issue 14, point 9): the
 * pages of boards and meetings a person has opened (their live documents are on the device in
 * IndexedDB already), and the accessibility statement. Never a page that says not to be stored
 * (a guest link, an invite), never an error, never another origin. Signing out clears them all
 * (Clear-Site-Data on the sign-out response).
 */
const KEPT = [/^\/boards(\/[a-z0-9]+)?$/, /^\/meetings\/[a-z0-9]+(\/easy)?$/, /^\/accessibility$/];

export function keepsPage(url: URL, origin: string): boolean {
	return url.origin === origin && url.search === '' && KEPT.some((pattern) => pattern.test(url.pathname));
}

export function keepsResponse(response: { ok: boolean; status: number; type: string; headers: { get(name: string): string | null } }): boolean {
	if (!response.ok || response.status !== 200 || response.type !== 'basic') return false;
	return !/no-store/i.test(response.headers.get('cache-control') ?? '');
}
