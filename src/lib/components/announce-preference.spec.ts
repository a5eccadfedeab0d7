import { describe, expect, it } from 'vitest';
import { ANNOUNCE_CHANGES_KEY, AnnouncePreference } from './announce-preference.svelte';

/** A Storage that keeps its items in a map (Node has no localStorage). */
function memoryStorage(initial: Record<string, string> = {}): Storage {
	const items = new Map(Object.entries(initial));
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
}

describe('AnnouncePreference', () => {
	it('is on until the person turns it off, and remembers that on the device', () => {
		const storage = memoryStorage();
		const preference = new AnnouncePreference(storage);
		expect(preference.on).toBe(true);
		preference.on = false;
		expect(storage.getItem(ANNOUNCE_CHANGES_KEY)).toBe('off');
		expect(new AnnouncePreference(storage).on).toBe(false);
	});

	it('stays usable when storage refuses', () => {
		const storage = memoryStorage();
		storage.setItem = () => {
			throw new Error('QuotaExceededError');
		};
		const preference = new AnnouncePreference(storage);
		preference.on = false;
		expect(preference.on).toBe(false);
	});

	it('is on without storage (the server renders it so)', () => {
		expect(new AnnouncePreference(null).on).toBe(true);
	});
});
