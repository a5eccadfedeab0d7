import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook, webhookHeaders } from './sign';

describe('webhook signing (Standard Webhooks)', () => {
	it('a maintained implementation (standardwebhooks) verifies what we sign, and refuses a changed body', () => {
		const secret = newWebhookSecret();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		const body = JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: { boardId: 'b1' } });
		const headers = webhookHeaders(secret, 'msg_1', body);
		expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
		expect(() => new Webhook(secret).verify(body.replace('b1', 'b2'), headers)).toThrow();
		expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
	});

	it('the signature is v1 and base64 HMAC-SHA256 of id.timestamp.body, as the specification’s own example', () => {
		// The example in the Standard Webhooks specification (and the library's README).
		const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		const body = '{"test": 2432232314}';
		expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
		expect(new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
	});
});
