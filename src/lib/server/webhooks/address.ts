import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { hostAllowed, parseWebhookUrl, webhookHost } from '../../domain/webhooks.js';

/**
 * Where webhooks may go (SSRF, issue 15 point 4): only to hosts the operator listed
 * (WEBHOOK_ALLOWED_HOSTS) and, unless WEBHOOK_ALLOW_PRIVATE, only to public unicast addresses:
 * never loopback, private, link-local, unique-local, CGNAT, multicast, unspecified or reserved,
 * IPv4 or IPv6, including IPv4 written as IPv6 (::ffff:127.0.0.1). The address is checked when the
 * owner registers the URL and again on every delivery, at the connection itself (`guardedLookup`),
 * so a name that resolves to a public address at registration and to 127.0.0.1 later is refused.
 */
export interface WebhookPolicy {
	allowedHosts: readonly string[];
	allowPrivate: boolean;
}

export type UrlRefusal = 'webhooks_error_url' | 'webhooks_error_https' | 'webhooks_error_host' | 'webhooks_error_private' | 'webhooks_error_off';

/** Whether an address (v4 or v6 text) is a public unicast one; anything unparsable is not. */
export function isPublicAddress(address: string): boolean {
	if (!ipaddr.isValid(address)) return false;
	let parsed = ipaddr.parse(address);
	if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
	return parsed.range() === 'unicast';
}

/** The URL's refusal under the policy (without DNS: that is checked at each connection), or null. */
export function urlRefusal(raw: string, policy: WebhookPolicy): UrlRefusal | null {
	if (policy.allowedHosts.length === 0) return 'webhooks_error_off';
	const url = parseWebhookUrl(raw);
	if (!url) return 'webhooks_error_url';
	if (url.protocol !== 'https:' && !policy.allowPrivate) return 'webhooks_error_https';
	const host = webhookHost(url);
	if (!hostAllowed(host, policy.allowedHosts)) return 'webhooks_error_host';
	if (isIP(host) && !policy.allowPrivate && !isPublicAddress(host)) return 'webhooks_error_private';
	if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) return 'webhooks_error_private';
	return null;
}

export class AddressRefusedError extends Error {
	readonly code = 'EWEBHOOKADDRESS';
	constructor(host: string) {
		super(`${host} resolves only to addresses webhooks may not reach`);
		this.name = 'AddressRefusedError';
	}
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) requests: resolves the name, keeps only allowed addresses and hands
 * those to the socket, so the connection goes to an address that was checked (no DNS rebinding
 * between a check and the connection).
 */
export function guardedLookup(allowPrivate: boolean) {
	return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
		dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, []);
			const usable = (addresses as LookupAddress[]).filter((a) => allowPrivate || isPublicAddress(a.address));
			if (usable.length === 0) return callback(new AddressRefusedError(hostname), []);
			if (options.all) callback(null, usable);
			else callback(null, usable[0].address, usable[0].family);
		});
	};
}
