import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeAnnouncer } from './change-announcer.svelte';
import type { RemoteChange } from './remote-changes';

const decision = (item: number): RemoteChange => ({ kind: 'decision-added', item });
function describeChanges(changes: RemoteChange[]): string {
	if (changes.length > 1) return `${changes.length} changes by others`;
	const [change] = changes;
	return change.kind === 'left' ? `${change.name} left` : `decision under § ${(change as { item: number }).item}`;
}

let on = true;
let said: string[];
let announcer: ChangeAnnouncer;

/** Lets the given time pass and records what the live region says at the end of it. */
async function after(ms: number): Promise<string> {
	await vi.advanceTimersByTimeAsync(ms);
	if (announcer.text && announcer.text !== said.at(-1)) said.push(announcer.text);
	return announcer.text;
}

beforeEach(() => {
	vi.useFakeTimers();
	on = true;
	said = [];
	announcer = new ChangeAnnouncer({ describe: describeChanges, enabled: () => on, interval: 3000, settle: 400, leaveSettle: 3000 });
});
afterEach(() => {
	announcer.destroy();
	vi.useRealTimers();
});

describe('ChangeAnnouncer', () => {
	it('says one change in full once the burst has settled', async () => {
		announcer.push([decision(3)]);
		expect(await after(399)).toBe('');
		expect(await after(1)).toBe('decision under § 3');
	});

	it('gathers a burst into one count', async () => {
		announcer.push([decision(1)]);
		await after(100);
		announcer.push([decision(2), decision(3)]);
		expect(await after(300)).toBe('3 changes by others');
	});

	it('speaks at most once every three seconds, gathering what came meanwhile', async () => {
		announcer.push([decision(1)]);
		await after(400);
		announcer.push([decision(2)]);
		await after(1000);
		announcer.push([decision(3)]);
		expect(await after(1999)).toBe('decision under § 1'); // 3 s after the first, not 3 s after the last push
		expect(await after(1)).toBe('2 changes by others');
		expect(said).toEqual(['decision under § 1', '2 changes by others']);
	});

	it('says a lone change after a quiet spell without delay beyond the settling time', async () => {
		announcer.push([decision(1)]);
		await after(5000);
		announcer.push([decision(2)]);
		expect(await after(400)).toBe('decision under § 2');
	});

	it('says nothing when switched off, not even what was gathered before', async () => {
		on = false;
		announcer.push([decision(1)]);
		expect(await after(5000)).toBe('');
		on = true;
		announcer.push([decision(2)]);
		on = false;
		expect(await after(5000)).toBe('');
	});

	it('says nothing for someone who reloaded (left and came back)', async () => {
		announcer.push([{ kind: 'left', userId: 'u2', name: 'Bo' }]);
		announcer.push([{ kind: 'arrived', userId: 'u2', name: 'Bo' }]);
		expect(await after(5000)).toBe('');
	});

	it('waits a while before saying someone left: a reload comes back in time and is not said at all', async () => {
		announcer.push([{ kind: 'left', userId: 'u2', name: 'Bo' }]);
		await after(2000);
		announcer.push([{ kind: 'arrived', userId: 'u2', name: 'Bo' }]);
		expect(await after(5000)).toBe('');
		announcer.push([{ kind: 'left', userId: 'u2', name: 'Bo' }]);
		expect(await after(2999)).toBe('');
		expect(await after(1)).toBe('Bo left');
	});

	it('says nothing after it is destroyed', async () => {
		announcer.push([decision(1)]);
		announcer.destroy();
		expect(await after(5000)).toBe('');
	});
});
