/** Where the choice is kept: per device (and browser profile), like the language a screen reader uses. */
export const ANNOUNCE_CHANGES_KEY = 'samtavla:announce-changes';

/**
 * Whether other people's changes are read out (a polite live region on the meeting page). On by
 * default: a screen reader user otherwise misses what happens in the meeting; off for whoever
 * finds it too chatty. Kept in localStorage; other tabs of this browser follow the change.
 */
export class AnnouncePreference {
	#on = $state(true);
	#storage: Storage | null;

	constructor(storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage) {
		this.#storage = storage;
		this.#on = read(storage) !== 'off';
		if (storage && typeof window !== 'undefined') {
			window.addEventListener('storage', (event) => {
				if (event.key === ANNOUNCE_CHANGES_KEY) this.#on = event.newValue !== 'off';
			});
		}
	}

	get on(): boolean {
		return this.#on;
	}

	set on(value: boolean) {
		this.#on = value;
		try {
			this.#storage?.setItem(ANNOUNCE_CHANGES_KEY, value ? 'on' : 'off');
		} catch {
			// Storage refused (private mode, full): the choice holds for this page.
		}
	}
}

function read(storage: Storage | null): string | null {
	try {
		return storage?.getItem(ANNOUNCE_CHANGES_KEY) ?? null;
	} catch {
		return null;
	}
}

/** The one preference of this browser tab (never changed on the server, where it stays on). */
export const announcePreference = new AnnouncePreference();
