import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { encodeUpdate } from './codec';
import { FAN_OUT_HOLD_MS, UpdateFanOut, type FanOutPeer } from './fan-out';

/** A peer that records the frames it is sent. */
function recorder(): FanOutPeer & { frames: Uint8Array[] } {
	const frames: Uint8Array[] = [];
	return { frames, send: (frame) => frames.push(frame) };
}

/** A small real update (one client inserting `text`). */
function updateOf(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Keeps this turn of the event loop busy for `ms`, as a turn reading a thousand sockets does. */
function busyFor(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until);
}

describe('UpdateFanOut', () => {
	it('sends a turn’s updates of one sender merged in one frame, once the turn has been read', async () => {
		const sender = recorder();
		const listener = recorder();
		const fanOut = new UpdateFanOut(new Set([sender, listener]), (e) => {
			throw e;
		});
		const a = updateOf('a');
		const b = updateOf('b');
		fanOut.add(a, sender);
		fanOut.add(b, sender);
		expect(listener.frames).toHaveLength(0);
		await nextTurn();
		expect(sender.frames).toHaveLength(0);
		expect(listener.frames).toEqual([encodeUpdate(Y.mergeUpdates([a, b]))]);
	});

	it('does not hold a document’s updates for the whole of a long turn', async () => {
		const first = recorder();
		const second = recorder();
		const failed = (e: unknown) => {
			throw e;
		};
		const docA = new UpdateFanOut(new Set([first]), failed);
		const docB = new UpdateFanOut(new Set([second]), failed);
		const a = updateOf('a');
		docA.add(a, 'server');
		busyFor(FAN_OUT_HOLD_MS + 2);
		// Another document joins the turn after the hold: the first one's update goes out now.
		docB.add(updateOf('b'), 'server');
		expect(first.frames).toEqual([encodeUpdate(a)]);
		expect(second.frames).toHaveLength(0);
		await nextTurn();
		expect(second.frames).toHaveLength(1);
		expect(first.frames).toHaveLength(1);
	});
});
