import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * adapter-node assumes https unless told otherwise (ORIGIN or PROTOCOL_HEADER). Run directly —
 * `npm start` on a laptop or a LAN server, no proxy — the app must see its real protocol, or
 * every form post is refused as cross-site. So when the operator set neither, the server stamps
 * each request with the protocol of its own socket in a header of ours, overwriting whatever a
 * client sent, and points adapter-node at it.
 */
export const DIRECT_PROTOCOL_HEADER = 'x-samtavla-socket-protocol';

/** Call before adapter-node's handler module is imported: it reads its environment once. */
export function useDirectProtocol(env: NodeJS.ProcessEnv): boolean {
	if (env.ORIGIN || env.PROTOCOL_HEADER) return false;
	env.PROTOCOL_HEADER = DIRECT_PROTOCOL_HEADER;
	return true;
}

export function stampProtocol(req: IncomingMessage): void {
	req.headers[DIRECT_PROTOCOL_HEADER] = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
}
