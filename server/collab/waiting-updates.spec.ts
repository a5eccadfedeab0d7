import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WaitingUpdates } from './waiting-updates';

const limits = { maxPendingBytes: 100, maxPendingMs: 50, maxDocPendingBytes: 150 };

function setup() {
	const host = { doc: new Y.Doc(), waitingBytes: 0 };
	const calls = { retry: 0, expired: 0 };
	const owner = {};
	const waiting = new WaitingUpdates(host, limits, owner, { retry: () => calls.retry++, expired: () => calls.expired++ });
	return { host, calls, owner, waiting };
}

describe('WaitingUpdates', () => {
	it('counts what one connection holds, and what the document holds over all of them', () => {
		const { host, waiting } = setup();
		const other = new WaitingUpdates(host, limits, {}, { retry() {}, expired() {} });
		expect(waiting.hold(new Uint8Array(60))).toBeNull();
		expect(other.hold(new Uint8Array(60))).toBeNull();
		expect(host.waitingBytes).toBe(120);
		expect(waiting.hold(new Uint8Array(50))).toBe('connection');
		waiting.clear();
		expect(host.waitingBytes).toBe(60);
		expect(other.hold(new Uint8Array(30))).toBeNull();
		expect(waiting.hold(new Uint8Array(70))).toBe('document');
		waiting.clear();
		other.clear();
		expect(host.waitingBytes).toBe(0);
	});

	it("asks for a retry when someone else changes the document, once per burst, and not for the owner's own changes", async () => {
		const { host, calls, owner, waiting } = setup();
		waiting.hold(new Uint8Array(10));
		host.doc.transact(() => host.doc.getText('minutes').insert(0, 'egen'), owner);
		await Promise.resolve();
		expect(calls.retry).toBe(0);
		host.doc.getText('minutes').insert(0, 'a');
		host.doc.getText('minutes').insert(0, 'b');
		await Promise.resolve();
		expect(calls.retry).toBe(1);
		waiting.clear();
		host.doc.getText('minutes').insert(0, 'c');
		await Promise.resolve();
		expect(calls.retry).toBe(1);
	});

	it('says when what waits is older than the limit, and not after it was cleared', async () => {
		const { calls, waiting } = setup();
		waiting.hold(new Uint8Array(10));
		await new Promise((r) => setTimeout(r, 80));
		expect(calls.expired).toBe(1);
		waiting.clear();
		waiting.hold(new Uint8Array(10));
		waiting.clear();
		await new Promise((r) => setTimeout(r, 80));
		expect(calls.expired).toBe(1);
	});

	it('merges what waits into one update and keeps the totals right', () => {
		const { host, waiting } = setup();
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getText('minutes').insert(0, 'a');
		doc.getText('minutes').insert(1, 'b');
		for (const u of updates) waiting.hold(u);
		const merged = waiting.merged();
		expect(waiting.size).toBe(1);
		expect(waiting.bytes).toBe(merged.byteLength);
		expect(host.waitingBytes).toBe(merged.byteLength);
		const target = new Y.Doc();
		Y.applyUpdate(target, merged);
		expect(target.getText('minutes').toString()).toBe('ab');
	});
});
