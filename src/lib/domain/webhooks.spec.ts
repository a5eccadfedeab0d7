import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { hostAllowed, NewWebhookSchema, webhookRetryDelayMs } from './webhooks';

describe('webhooks (domain)', () => {
	it('the form: a URL of at most 2000 characters, known events only, one or several', () => {
		const ok = v.safeParse(NewWebhookSchema, { url: ' https://hooks.example.org/in ', events: ['action.created', 'ask.answered', 'ask.answered'], description: 'CRM' });
		expect(ok.success && ok.output).toEqual({ url: 'https://hooks.example.org/in', events: ['action.created', 'ask.answered'], description: 'CRM' });
		expect(v.safeParse(NewWebhookSchema, { url: 'https://x.org', events: 'meeting.adjusted' }).success).toBe(true);
		const messages = (input: unknown) => {
			const r = v.safeParse(NewWebhookSchema, input);
			return r.success ? [] : r.issues.map((i) => i.message);
		};
		expect(messages({ url: 'https://x.org', events: ['drop.tables'] })).toContain('webhooks_error_events');
		expect(messages({ url: 'https://x.org/' + 'a'.repeat(2000), events: ['action.created'] })).toContain('error_too_long');
		expect(messages({ url: 'javascript:alert(1)', events: ['action.created'] })).toContain('webhooks_error_url');
		expect(messages({ url: 'https://x.org', events: ['action.created'], description: 'x'.repeat(201) })).toContain('error_too_long');
		expect(messages({ url: 'https://x.org', events: ['action.created'], description: 'a\u0000b' })).toContain('access_error_control_chars');
		// A NUL or a space in the URL is stored percent-encoded, as the parser writes it (PostgreSQL text holds no NUL).
		const odd = v.safeParse(NewWebhookSchema, { url: 'https://HOOKS.example.org/a\u0000 b', events: ['action.created'] });
		expect(odd.success && odd.output.url).toBe('https://hooks.example.org/a%00%20b');
	});

	it('hosts: exact names, or *.domain for names below it (not the domain itself, not a look-alike)', () => {
		const list = ['hooks.example.org', '*.example.com'];
		expect(hostAllowed('hooks.example.org', list)).toBe(true);
		expect(hostAllowed('HOOKS.example.org.', list)).toBe(true);
		expect(hostAllowed('a.b.example.com', list)).toBe(true);
		expect(hostAllowed('example.com', list)).toBe(false);
		expect(hostAllowed('badexample.com', list)).toBe(false);
		expect(hostAllowed('hooks.example.org.evil.net', list)).toBe(false);
		expect(hostAllowed('hooks.example.org', [])).toBe(false);
	});

	it('retries back off exponentially with at most 20 % jitter, capped', () => {
		expect(webhookRetryDelayMs(1, 0, 1000)).toBe(1000);
		expect(webhookRetryDelayMs(3, 0, 1000)).toBe(4000);
		expect(webhookRetryDelayMs(3, 0.5, 1000)).toBe(4400);
		expect(webhookRetryDelayMs(3, 5, 1000)).toBeLessThan(4800);
		expect(webhookRetryDelayMs(40, 0, 1000, 60_000)).toBe(60_000);
	});
});
