import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { GuestInviteSchema, guestExpiry, guestMayOpen, guestStatus } from './guests';

describe('guest links', () => {
	const now = new Date('2026-12-01T10:00:00Z');

	it('a link is active until it expires or is revoked; revoked wins', () => {
		expect(guestStatus({ revokedAt: null, expiresAt: new Date('2026-12-02T00:00:00Z') }, now)).toBe('active');
		expect(guestStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
		expect(guestStatus({ revokedAt: new Date('2026-11-30T00:00:00Z'), expiresAt: new Date('2027-01-01T00:00:00Z') }, now)).toBe('revoked');
		expect(guestStatus({ revokedAt: new Date('2026-11-30T00:00:00Z'), expiresAt: new Date('2026-11-01T00:00:00Z') }, now)).toBe('revoked');
	});

	it('expires at the end of the meeting’s day plus seven days, and never within a day of being made', () => {
		expect(guestExpiry(new Date('2026-12-10T08:30:00Z'), now).toISOString()).toBe('2026-12-17T23:59:59.000Z');
		// Made long after the meeting: still a day to open it.
		expect(guestExpiry(new Date('2026-10-01T08:30:00Z'), now).toISOString()).toBe('2026-12-02T10:00:00.000Z');
	});

	it('a guest may open their meeting’s easy view, the link pages, signing out and the statement; nothing else', () => {
		for (const path of ['/meetings/m1/easy', '/g/abc', '/signout', '/accessibility', '/api/doc-access/meeting:m1']) expect(guestMayOpen(path, 'm1'), path).toBe(true);
		for (const path of ['/meetings/m1', '/meetings/m2/easy', '/meetings/m1/guests', '/meetings/m1/easy/x', '/boards', '/actions', '/account', '/search', '/']) expect(guestMayOpen(path, 'm1'), path).toBe(false);
	});

	it('the invite form needs a name, an agency choice and a role a guest may have', () => {
		const ok = v.safeParse(GuestInviteSchema, { displayName: '  Hanna  ', agencyId: 'private', role: 'viewer' });
		expect(ok.success && ok.output).toEqual({ displayName: 'Hanna', agencyId: 'private', role: 'viewer' });
		const refused = v.safeParse(GuestInviteSchema, { displayName: ' ', agencyId: '', role: 'editor' });
		expect(refused.success).toBe(false);
		expect(refused.issues?.map((i) => i.message)).toEqual(['error_name_required', 'guest_error_agency', 'error_role_required']);
		expect(v.safeParse(GuestInviteSchema, { displayName: 'A\u0000', agencyId: 'x', role: 'viewer' }).success).toBe(false);
		expect(v.safeParse(GuestInviteSchema, { displayName: 'x'.repeat(81), agencyId: 'x', role: 'viewer' }).success).toBe(false);
	});
});
