/**
 * E-mail for changes that arrive through the live documents rather than a page's form: the
 * action projection (server/collab, compiled by tsc) sees an action get an assignee, but only
 * SvelteKit's bundle has the compiled messages that write the mail. The bundle registers these
 * hooks when it loads (hooks.server.ts); on globalThis under a registered symbol, as the runtime,
 * because the bundle and `server/` hold separate copies of this module.
 */
export interface ActionAssignment {
	actionId: string;
	title: string;
	dueDate: string | null;
	assigneeId: string;
}

export interface MailHooks {
	actionsAssigned(boardId: string, assignments: ActionAssignment[]): Promise<void>;
	/** Reminders for actions due in three days or newly overdue, as of `today` (YYYY-MM-DD); how many were queued. */
	actionReminders(today: string): Promise<number>;
	/** On Mondays, the weekly digest per member, board and agency, once per ISO week; how many were queued. */
	weeklyDigests(today: string): Promise<number>;
}

const HOOKS = Symbol.for('samtavla.mail.hooks');
const ORIGIN = Symbol.for('samtavla.mail.listening-origin');
type Holder = { [HOOKS]?: MailHooks; [ORIGIN]?: string };

export function registerMailHooks(hooks: MailHooks | undefined): void {
	if (hooks) (globalThis as Holder)[HOOKS] = hooks;
	else delete (globalThis as Holder)[HOOKS];
}

/** Undefined until the bundle has loaded (then changes are not e-mailed; see the README). */
export function mailHooks(): MailHooks | undefined {
	return (globalThis as Holder)[HOOKS];
}

/**
 * Links in mail not caused by a request need an address: ORIGIN, else the one the server listens
 * on (set by `server/` once it listens), which is right when nothing sits in front of it.
 */
export function setListeningOrigin(url: string | undefined): void {
	if (url) (globalThis as Holder)[ORIGIN] = url;
	else delete (globalThis as Holder)[ORIGIN];
}

export function listeningOrigin(): string | undefined {
	return (globalThis as Holder)[ORIGIN];
}
