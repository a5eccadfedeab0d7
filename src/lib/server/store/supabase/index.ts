import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { agencies, sessions, signInFailures, users } from './accounts.js';
import { addenda, boards, invites, meetings, protocols } from './boards.js';
import { calendarFeeds } from './calendar.js';
import { boardDeletion, retention } from './board-upkeep.js';
import { docs } from './docs.js';
import { instanceLease } from './instance-lease.js';
import { publications } from './publications.js';
import { audit } from './audit.js';
import { accessNeeds, venues } from './venues.js';
import { backlog, templates } from './follow-on.js';
import { search } from './search.js';
import { guests } from './guests.js';
import { signInLinks } from './sign-in-links.js';
import { apiTokens } from './api-tokens.js';
import { mailPrefs, outbox } from './mail.js';
import { webhooks } from './webhooks.js';
import { actions, projections } from './projections.js';
import { dataOf } from './request.js';

export { createSupabaseClient, type SupabaseConfig } from './client.js';
export { supabaseSchemaStatus } from './schema.js';
export { SupabaseStoreError } from './request.js';

/**
 * The Store over Supabase's Data API (PostgREST) with the service role: plain reads and writes
 * through the query builder, everything transactional or compound through the same SQL functions
 * the SQL store calls (migration store_functions), so both keep one implementation of each rule.
 */
export function createSupabaseStore(db: SupabaseClient): Store {
	return {
		kind: 'supabase',
		agencies: agencies(db),
		users: users(db),
		sessions: sessions(db),
		signInFailures: signInFailures(db),
		signInLinks: signInLinks(db),
		apiTokens: apiTokens(db),
		boards: boards(db),
		boardDeletion: boardDeletion(db),
		retention: retention(db),
		invites: invites(db),
		guests: guests(db),
		meetings: meetings(db),
		protocols: protocols(db),
		addenda: addenda(db),
		publications: publications(db),
		docs: docs(db),
		projections: projections(db),
		search: search(db),
		actions: actions(db),
		calendarFeeds: calendarFeeds(db),
		instanceLease: instanceLease(db),
		audit: audit(db),
		venues: venues(db),
		accessNeeds: accessNeeds(db),
		backlog: backlog(db),
		templates: templates(db),
		outbox: outbox(db),
		webhooks: webhooks(db),
		mailPrefs: mailPrefs(db),
		async ping() {
			// A one-row read; no retries (supabase-js retries failed reads for ~7 s by default),
			// so a health check reports an unreachable project at once.
			dataOf('ping (select from agencies)', await db.from('agencies').select('id').limit(1).retry(false));
		},
		async close() {
			// Plain HTTP: no connection, session refresh timer or realtime channel is held open.
		}
	};
}
