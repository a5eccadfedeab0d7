import * as v from 'valibot';
import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';

/**
 * Webhooks per board (issue 15, point 4): the events an owner may subscribe to, the form's checks,
 * and the retry schedule. Pure (no I/O): the page, the services and the worker share it.
 */
export const WEBHOOK_EVENTS = ['action.created', 'action.updated', 'action.overdue', 'meeting.adjusted', 'protocol.published', 'ask.answered'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by the owner's "send a test" button, to that one webhook. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
export type WebhookEventType = WebhookEvent | typeof WEBHOOK_TEST_EVENT;

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
/** A board has at most this many webhooks: each event is one row per webhook. */
export const WEBHOOKS_PER_BOARD = 10;
/** Attempts before a delivery is given up (failed): with a one-minute base, the last is about 2 days later. */
export const WEBHOOK_MAX_ATTEMPTS = 12;
export const WEBHOOK_RETRY_BASE_MS = 60_000;
export const WEBHOOK_RETRY_MAX_MS = 12 * 3_600_000;
/** Delivered and given-up deliveries are deleted this many days after they were queued (the daily upkeep). */
export const WEBHOOK_RETENTION_DAYS = 30;
/** The deliveries shown per webhook on the settings page. */
export const WEBHOOK_DELIVERIES_SHOWN = 20;
/** Overdue actions are announced once, if their due date passed within this many days (not a backlog of years the day a webhook is added). */
export const WEBHOOK_OVERDUE_DAYS = 7;

export const isWebhookEvent = (value: unknown): value is WebhookEvent => (WEBHOOK_EVENTS as readonly unknown[]).includes(value);

/**
 * The wait before attempt `attempts + 1`: base × 2^(attempts−1), at most `max`, plus up to 20 %
 * jitter so that deliveries failing together (a receiver down) do not all come back at once.
 */
export function webhookRetryDelayMs(attempts: number, jitter = 0, base = WEBHOOK_RETRY_BASE_MS, max = WEBHOOK_RETRY_MAX_MS): number {
	const exponent = Math.max(0, Math.min(attempts - 1, 30));
	const delay = Math.min(max, base * 2 ** exponent);
	return Math.round(delay * (1 + Math.min(Math.max(jitter, 0), 0.999) / 5));
}

/** A form's `events` field: one value or several (checkboxes), at least one, each known. */
const EventsSchema = v.pipe(
	v.union([v.string(), v.array(v.string())], 'webhooks_error_events'),
	v.transform((value) => [...new Set(Array.isArray(value) ? value : [value])]),
	v.minLength(1, 'webhooks_error_events'),
	v.array(v.picklist(WEBHOOK_EVENTS, 'webhooks_error_events'))
);

/** The registration form: URL (checked further against the operator's hosts), events, description. */
export const NewWebhookSchema = v.object({
	url: v.pipe(
		v.string('webhooks_error_url'),
		v.trim(),
		v.minLength(1, 'webhooks_error_url'),
		v.maxLength(WEBHOOK_URL_MAX, 'error_too_long'),
		v.check((value) => parseWebhookUrl(value) !== null, 'webhooks_error_url'),
		// Stored as the parser writes it (control characters percent-encoded, the host in lower case).
		v.transform((value) => parseWebhookUrl(value)!.href),
		v.maxLength(WEBHOOK_URL_MAX, 'error_too_long')
	),
	events: v.optional(EventsSchema, []),
	description: v.optional(
		v.pipe(v.string(), v.trim(), v.maxLength(WEBHOOK_DESCRIPTION_MAX, 'error_too_long'), v.check((value) => !hasControlChars(value), CONTROL_CHARS_ERROR)),
		''
	)
});
export type NewWebhookInput = v.InferOutput<typeof NewWebhookSchema>;

/** An absolute http(s) URL without user name or password (a secret in a URL ends up in logs), or null. */
export function parseWebhookUrl(value: string): URL | null {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	if (url.username || url.password || !url.hostname) return null;
	return url;
}

/** The host as compared with WEBHOOK_ALLOWED_HOSTS: lower case, IPv6 without brackets. */
export const webhookHost = (url: URL): string => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/**
 * Whether `host` matches the operator's list: an exact name or address, or `*.domain` for any
 * name below that domain (not the domain itself). An empty list allows nothing (webhooks off).
 */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
	const h = host.toLowerCase().replace(/\.$/, '');
	return allowed.some((pattern) => {
		const p = pattern.toLowerCase();
		if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
		return h === p;
	});
}

export const WEBHOOK_REFUSALS = ['webhooks_error_url', 'webhooks_error_events', 'webhooks_error_https', 'webhooks_error_host', 'webhooks_error_private', 'webhooks_error_off', 'webhooks_error_too_many', 'webhooks_error_not_found', 'webhooks_error_not_owner'] as const;
