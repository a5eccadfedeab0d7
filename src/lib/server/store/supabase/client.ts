import { createClient, type SupabaseClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import ws from 'ws';
import type { Config } from '../../config.js';

export type SupabaseConfig = NonNullable<Config['supabase']>;

/**
 * supabase-js talking to the project's Data API (PostgREST) with the service role key, which
 * bypasses row-level security: server side only (this module lives under $lib/server, which
 * SvelteKit refuses to bundle for the browser). Every request carries the key in `apikey` and
 * `Authorization: Bearer`; it is never put in a URL or an error message.
 */
export function createSupabaseClient(config: SupabaseConfig, options: { fetch?: typeof fetch } = {}): SupabaseClient {
	return createClient(config.url, config.serviceRoleKey, {
		// A server holds no user session: nothing to persist, refresh or read from a URL.
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no global WebSocket and supabase-js's constructor throws without one, even
		// though the store never opens a realtime channel. (ws's typings add a `null` address
		// overload that realtime-js's structural type does not list; the class is what it expects.)
		realtime: { transport: ws as unknown as WebSocketLikeConstructor },
		// Our tables and functions live in public; said explicitly so every request names it.
		db: { schema: 'public' },
		global: options.fetch ? { fetch: options.fetch } : {}
	});
}
