import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { agencies, sessions, signInFailures, users } from './accounts.js';
import { addenda, boards, invites, meetings, protocols } from './boards.js';
import { boardDeletion, retention } from './board-upkeep.js';
import { docs } from './docs.js';
import { actions, projections } from './projections.js';
import { calendarFeeds } from './calendar.js';
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

/** The Store over any SQL executor: PGlite and Postgres share this one implementation. */
export function createSqlStore(db: SqlExecutor, kind: Store['kind']): Store {
	return {
		kind,
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
		ping: async () => {
			await db.query('select 1');
		},
		close: () => db.close()
	};
}
