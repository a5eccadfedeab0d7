import type { Runtime } from '../runtime.js';
import type { Store } from '../store/types.js';
import type { ApiCaller } from '../services/api-tokens.js';

/** What the API's services are handed: the store, the live documents, who calls, and where to say which board it concerned. */
export interface ApiDeps {
	store: Store;
	live: Runtime['live'];
	caller: ApiCaller;
	/** Names the board a request concerns (its audit entry's board). */
	concerns(boardId: string): void;
}
