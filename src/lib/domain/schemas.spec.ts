import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BoardSchema, InviteSchema, MeetingSchema, SignInSchema, SignUpSchema, fieldErrors, localToInstant } from './schemas';

const validSignUp = {
	displayName: '  Anna Lind  ',
	email: '  Anna.Lind@Kommun.SE ',
	password: 'grön-tavla-som-håller',
	agencyChoice: 'new',
	newAgencyName: 'Socialförvaltningen',
	newAgencyKind: 'social_services'
};

function errorsOf<S extends v.GenericSchema>(schema: S, input: unknown): Record<string, string> {
	const result = v.safeParse(schema, input);
	return result.success ? {} : fieldErrors(result.issues);
}

describe('SignUpSchema', () => {
	it('accepts a valid sign-up, trimming text and lower-casing the email', () => {
		const result = v.safeParse(SignUpSchema, validSignUp);
		expect(result.success).toBe(true);
		if (!result.success) return;
		expect(result.output.displayName).toBe('Anna Lind');
		expect(result.output.email).toBe('anna.lind@kommun.se');
		expect(result.output.agencyId).toBe('');
	});

	it('reports each missing or bad field under its own name', () => {
		expect(errorsOf(SignUpSchema, { ...validSignUp, displayName: '   ' })).toEqual({ displayName: 'error_name_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, displayName: 'x'.repeat(81) })).toEqual({ displayName: 'error_too_long' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, email: '' })).toEqual({ email: 'error_email_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, email: 'anna-at-kommun' })).toEqual({ email: 'error_email_invalid' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, password: undefined })).toEqual({ password: 'error_password_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, agencyChoice: 'maybe' })).toEqual({ agencyChoice: 'error_agency_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, newAgencyKind: 'police' })).toEqual({ newAgencyKind: 'error_agency_kind_required' });
	});

	it('several bad fields are reported together', () => {
		expect(errorsOf(SignUpSchema, { ...validSignUp, displayName: '', email: 'nope' })).toEqual({
			displayName: 'error_name_required',
			email: 'error_email_invalid'
		});
	});

	it('requires the fields of the chosen agency option', () => {
		expect(errorsOf(SignUpSchema, { ...validSignUp, agencyChoice: 'existing' })).toEqual({ agencyId: 'error_agency_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, agencyChoice: 'existing', agencyId: 'abc' })).toEqual({});
		expect(errorsOf(SignUpSchema, { ...validSignUp, newAgencyName: '  ' })).toEqual({ newAgencyName: 'error_agency_name_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, newAgencyKind: '' })).toEqual({ newAgencyKind: 'error_agency_kind_required' });
		expect(errorsOf(SignUpSchema, { ...validSignUp, newAgencyName: '', newAgencyKind: undefined })).toEqual({
			newAgencyName: 'error_agency_name_required',
			newAgencyKind: 'error_agency_kind_required'
		});
	});
});

describe('other schemas', () => {
	it('SignInSchema requires email and password', () => {
		expect(errorsOf(SignInSchema, { email: 'a@b.se', password: '' })).toEqual({ password: 'error_password_required' });
		// Forms send every field, empty when not filled in.
		expect(errorsOf(SignInSchema, { email: ' ', password: '' })).toEqual({ email: 'error_email_required', password: 'error_password_required' });
	});

	it('BoardSchema', () => {
		expect(errorsOf(BoardSchema, { name: ' ' })).toEqual({ name: 'error_board_name_required' });
		expect(v.parse(BoardSchema, { name: ' Ledningsgrupp ' })).toEqual({ name: 'Ledningsgrupp', description: '' });
	});

	it('MeetingSchema validates date format, offset and URL', () => {
		const ok = v.parse(MeetingSchema, { title: 'Möte', startsAt: '2026-12-01T13:00', tzOffset: '-300', onlineUrl: 'https://meet.example.se/x' });
		expect(ok.tzOffset).toBe(-300);
		expect(v.parse(MeetingSchema, { title: 'Möte', startsAt: '2026-12-01T13:00' }).tzOffset).toBe(0);
		expect(errorsOf(MeetingSchema, { title: 'Möte', startsAt: '1 dec 2026' })).toEqual({ startsAt: 'error_date_required' });
		expect(errorsOf(MeetingSchema, { title: 'Möte', startsAt: '2026-12-01T13:00', onlineUrl: 'javascript:alert(1)' })).toEqual({
			onlineUrl: 'error_url_invalid'
		});
		expect(errorsOf(MeetingSchema, { title: 'Möte', startsAt: '2026-12-01T13:00', tzOffset: '900' })).toHaveProperty('tzOffset');
	});

	it('InviteSchema: role and days within 1–90', () => {
		// No duration: left empty, the service applies the deployment's INVITE_TTL_DAYS.
		expect(v.parse(InviteSchema, { role: 'viewer' })).toEqual({ role: 'viewer', days: '', maxUses: null });
		expect(errorsOf(InviteSchema, { role: 'owner' })).toEqual({ role: 'error_role_required' });
		expect(errorsOf(InviteSchema, { role: 'editor', days: '0' })).toEqual({ days: 'error_days_invalid' });
		expect(errorsOf(InviteSchema, { role: 'editor', days: '91' })).toEqual({ days: 'error_days_invalid' });
		expect(v.parse(InviteSchema, { role: 'editor', days: '90' }).days).toBe(90);
	});

	it('InviteSchema: unlimited, one person, or 2–1000 people', () => {
		expect(v.parse(InviteSchema, { role: 'viewer', uses: 'unlimited', maxUses: '7' }).maxUses).toBeNull();
		expect(v.parse(InviteSchema, { role: 'viewer', uses: 'one', maxUses: '' }).maxUses).toBe(1);
		expect(v.parse(InviteSchema, { role: 'viewer', uses: 'several', maxUses: ' 25 ' }).maxUses).toBe(25);
		expect(v.parse(InviteSchema, { role: 'viewer', uses: 'several', maxUses: '1000' }).maxUses).toBe(1000);
		for (const maxUses of ['', '1', '1001', 'x', '-3']) {
			expect(errorsOf(InviteSchema, { role: 'viewer', uses: 'several', maxUses }), maxUses).toEqual({ maxUses: 'access_error_uses_invalid' });
		}
		expect(errorsOf(InviteSchema, { role: 'viewer', uses: 'many' })).toEqual({ uses: 'access_error_uses_invalid' });
	});
});

describe('localToInstant', () => {
	it('turns local time plus the offset east of UTC into the instant', () => {
		expect(localToInstant('2026-12-01T13:00', 60)?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
		expect(localToInstant('2026-07-01T13:00', 120)?.toISOString()).toBe('2026-07-01T11:00:00.000Z');
		expect(localToInstant('2026-07-01T13:30', 0)?.toISOString()).toBe('2026-07-01T13:30:00.000Z');
		expect(localToInstant('2026-07-01T09:15', -300)?.toISOString()).toBe('2026-07-01T14:15:00.000Z');
		// Crossing midnight backwards into the previous day (and year).
		expect(localToInstant('2026-01-01T00:30', 60)?.toISOString()).toBe('2025-12-31T23:30:00.000Z');
	});

	it('accepts 29 February only in leap years', () => {
		expect(localToInstant('2028-02-29T10:00', 60)?.toISOString()).toBe('2028-02-29T09:00:00.000Z');
		expect(localToInstant('2026-02-29T10:00', 60)).toBeNull();
	});

	it('rejects dates and times that do not exist', () => {
		for (const local of ['2026-02-30T10:00', '2026-04-31T10:00', '2026-13-01T10:00', '2026-00-10T10:00', '2026-05-00T10:00', '2026-05-10T24:00', '2026-05-10T10:60', '2026-05-10T23:75']) {
			expect(localToInstant(local, 60), local).toBeNull();
			expect(localToInstant(local, 0), local).toBeNull();
		}
	});
});

describe('control characters (a NUL would reach PostgreSQL and fail there)', () => {
	const CONTROL = 'access_error_control_chars';
	const bad = ['\u0000', '\u0007', '\u001b', '\u007f'];
	const meeting = { title: 'Möte', startsAt: '2026-06-10T13:00', tzOffset: '60' };

	it('single-line fields refuse every C0 control character, tab and newline included', () => {
		for (const c of [...bad, '\t', '\n']) {
			const label = JSON.stringify(c);
			expect(errorsOf(BoardSchema, { name: `Grupp${c}1` }), label).toEqual({ name: CONTROL });
			expect(errorsOf(MeetingSchema, { ...meeting, title: `Möte${c}1` }), label).toEqual({ title: CONTROL });
			expect(errorsOf(MeetingSchema, { ...meeting, place: `Rum${c}3` }), label).toEqual({ place: CONTROL });
			expect(errorsOf(MeetingSchema, { ...meeting, onlineUrl: `https://meet.example/a${c}b` }), label).toEqual({ onlineUrl: expect.stringMatching(/error_/) });
			expect(errorsOf(SignUpSchema, { ...validSignUp, displayName: `Anna${c}Lind` }), label).toEqual({ displayName: CONTROL });
			expect(errorsOf(SignUpSchema, { ...validSignUp, newAgencyName: `Social${c}tjänst` }), label).toEqual({ newAgencyName: CONTROL });
		}
	});

	it('multi-line fields keep tab and newlines and refuse the others', () => {
		expect(v.parse(BoardSchema, { name: 'Grupp', description: 'Rad 1\r\nRad\t2' }).description).toBe('Rad 1\r\nRad\t2');
		expect(v.parse(MeetingSchema, { ...meeting, accessibilityNotes: 'Hörslinga\nRamp' }).accessibilityNotes).toBe('Hörslinga\nRamp');
		for (const c of bad) {
			expect(errorsOf(BoardSchema, { name: 'Grupp', description: `a${c}b` })).toEqual({ description: CONTROL });
			expect(errorsOf(MeetingSchema, { ...meeting, accessibilityNotes: `a${c}b` })).toEqual({ accessibilityNotes: CONTROL });
		}
	});

	it('an email with a control character is refused as invalid, on sign-up and sign-in', () => {
		for (const c of bad) {
			expect(errorsOf(SignInSchema, { email: `anna${c}@kommun.se`, password: 'x' })).toEqual({ email: CONTROL });
			expect(errorsOf(SignInSchema, { email: `anna@kommun.se${c}`, password: 'x' })).toEqual({ email: CONTROL });
			expect(errorsOf(SignUpSchema, { ...validSignUp, email: `${c}anna@kommun.se` })).toEqual({ email: CONTROL });
		}
	});
});
