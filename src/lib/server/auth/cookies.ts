import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/** HttpOnly, SameSite=Lax; Secure whenever the app is reached over HTTPS. */
export function setSessionCookie(event: RequestEvent, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(event: RequestEvent): void {
	event.cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 0,
		path: '/'
	});
}
