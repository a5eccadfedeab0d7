import * as v from 'valibot';
import { AGENCY_KINDS } from './agencies.js';
import { INVITE_ROLES } from './roles.js';
import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';
import { isErrorKey, type ErrorKey } from './error-keys.js';

/**
 * Input schemas shared by forms, API and services. Issue messages are message keys
 * (see src/lib/i18n/messages), so every error reaches the user in their own language.
 */
const singleLine = v.check((value: string) => !hasControlChars(value), CONTROL_CHARS_ERROR);
const multiLine = v.check((value: string) => !hasControlChars(value, true), CONTROL_CHARS_ERROR);
const text = (max: number, required: string, tooLong: string) =>
	v.pipe(v.string(required), v.trim(), v.nonEmpty(required), singleLine, v.maxLength(max, tooLong));
const optionalText = (max: number, tooLong: string) => v.optional(v.pipe(v.string(), v.trim(), singleLine, v.maxLength(max, tooLong)), '');
/** Text that may span lines (a description, notes): tab and line breaks allowed. */
const optionalMultiLine = (max: number, tooLong: string) => v.optional(v.pipe(v.string(), v.trim(), multiLine, v.maxLength(max, tooLong)), '');

export const EmailSchema = v.pipe(
	v.string('error_email_required'),
	v.trim(),
	v.nonEmpty('error_email_required'),
	singleLine,
	v.maxLength(254, 'error_email_invalid'),
	v.email('error_email_invalid'),
	v.toLowerCase()
);

export const SignUpSchema = v.pipe(
	v.object({
		displayName: text(80, 'error_name_required', 'error_too_long'),
		email: EmailSchema,
		password: v.string('error_password_required'),
		agencyChoice: v.picklist(['existing', 'new'], 'error_agency_required'),
		agencyId: optionalText(64, 'error_agency_required'),
		newAgencyName: optionalText(100, 'error_too_long'),
		newAgencyKind: v.optional(v.union([v.literal(''), v.picklist(AGENCY_KINDS)], 'error_agency_kind_required'), '')
	}),
	v.forward(
		v.check((input) => input.agencyChoice !== 'existing' || input.agencyId !== '', 'error_agency_required'),
		['agencyId']
	),
	v.forward(
		v.check((input) => input.agencyChoice !== 'new' || input.newAgencyName !== '', 'error_agency_name_required'),
		['newAgencyName']
	),
	v.forward(
		v.check((input) => input.agencyChoice !== 'new' || input.newAgencyKind !== '', 'error_agency_kind_required'),
		['newAgencyKind']
	)
);
export type SignUpInput = v.InferOutput<typeof SignUpSchema>;

export const SignInSchema = v.object({
	email: EmailSchema,
	password: v.pipe(v.string('error_password_required'), v.nonEmpty('error_password_required'))
});

export const BoardSchema = v.object({
	name: text(120, 'error_board_name_required', 'error_too_long'),
	description: optionalMultiLine(2000, 'error_too_long')
});

const httpUrl = v.pipe(
	v.string(),
	v.trim(),
	singleLine,
	v.maxLength(500, 'error_too_long'),
	v.check((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'error_url_invalid')
);

export const MeetingSchema = v.object({
	title: text(160, 'error_title_required', 'error_too_long'),
	/** `YYYY-MM-DDTHH:mm` from a datetime-local input, in the browser's time zone offset below. */
	startsAt: v.pipe(v.string('error_date_required'), v.trim(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'error_date_required')),
	/** Minutes east of UTC of the person's time zone, sent by the form so "14:00" means their 14:00. */
	tzOffset: v.optional(v.pipe(v.string(), v.regex(/^-?\d{1,4}$/), v.transform(Number), v.minValue(-840), v.maxValue(840)), '0'),
	place: optionalText(200, 'error_too_long'),
	accessibilityNotes: optionalMultiLine(1000, 'error_too_long'),
	onlineUrl: v.optional(httpUrl, '')
});
export type MeetingInput = v.InferOutput<typeof MeetingSchema>;

/** Longest an invite link may live; INVITE_TTL_DAYS is capped to the same. */
export const INVITE_MAX_DAYS = 90;

/** Most people one invite link may let in when the owner limits it. */
export const INVITE_MAX_USES = 1000;
export const INVITE_USES = ['unlimited', 'one', 'several'] as const;

const inviteUses = v.optional(v.picklist(INVITE_USES, 'access_error_uses_invalid'), 'unlimited');
/** The number of people for 'several' (2…INVITE_MAX_USES); ignored otherwise. */
const inviteMaxUses = v.optional(v.string('access_error_uses_invalid'), '');

export const InviteSchema = v.pipe(
	v.object({
		role: v.picklist(INVITE_ROLES, 'error_role_required'),
		/** Empty or absent: the deployment's default (INVITE_TTL_DAYS). */
		days: v.optional(
			v.union([
				v.literal(''),
				v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'error_days_invalid'), v.transform(Number), v.minValue(1, 'error_days_invalid'), v.maxValue(INVITE_MAX_DAYS, 'error_days_invalid'))
			], 'error_days_invalid'),
			''
		),
		uses: inviteUses,
		maxUses: inviteMaxUses
	}),
	v.forward(
		v.check((input) => input.uses !== 'several' || isManyUses(input.maxUses), 'access_error_uses_invalid'),
		['maxUses']
	),
	/** null: anyone with the link may join until it expires. */
	v.transform(({ uses, maxUses, ...rest }) => ({
		...rest,
		maxUses: uses === 'one' ? 1 : uses === 'several' ? Number(maxUses.trim()) : null
	}))
);

function isManyUses(value: string): boolean {
	const text = value.trim();
	return /^\d{1,4}$/.test(text) && Number(text) >= 2 && Number(text) <= INVITE_MAX_USES;
}

/** Field → first message key, for re-rendering a form next to what was typed. */
export function fieldErrors(issues: v.BaseIssue<unknown>[]): Record<string, ErrorKey> {
	const errors: Record<string, ErrorKey> = {};
	for (const issue of issues) {
		const key = issue.path?.map((p) => String(p.key)).join('.') ?? '_form';
		// Our schemas' messages are error keys (domain/error-keys.ts); valibot's own (a field missing
		// altogether, a wrong type from an API caller) are English sentences, so they become a generic key.
		errors[key] ??= isErrorKey(issue.message) ? issue.message : 'error_invalid';
	}
	return errors;
}

/** Local "YYYY-MM-DDTHH:mm" plus the person's UTC offset (minutes east) → the instant. */
export function localToInstant(local: string, offsetMinutes: number): Date | null {
	const [date, time] = local.split('T');
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const utc = Date.UTC(y, mo - 1, d, h, mi) - offsetMinutes * 60_000;
	const instant = new Date(utc);
	const check = new Date(utc + offsetMinutes * 60_000);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || check.getUTCHours() !== h) return null;
	return instant;
}
