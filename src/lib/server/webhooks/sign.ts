import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (standardwebhooks.com): the secret is `whsec_` and base64 of random
 * bytes; the signature is `v1,` and base64 of HMAC-SHA256 over `id.timestamp.body` keyed with the
 * decoded bytes. Receivers verify it with any maintained implementation (README, "Webhooks").
 */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers of one attempt: the id stays the same on every retry, the timestamp is now. */
export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
	const timestamp = Math.floor(now.getTime() / 1000);
	return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}
