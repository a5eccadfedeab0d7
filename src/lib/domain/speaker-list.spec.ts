import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from './meeting-doc.js';
import {
	MAX_SPEAKER_ENTRIES,
	SPEAKERS_ROOT,
	agenciesNotHeard,
	askForFloor,
	endTurn,
	giveFloor,
	judgeFloorChange,
	listSpeakers,
	moveInQueue,
	readFloor,
	spokenNow,
	withdrawAsk
} from './speaker-list.js';

const anna = { userId: 'anna', name: 'Anna', agencyId: 'soc' };
const bo = { userId: 'bo', name: 'Bo', agencyId: 'ua' };
const cia = { userId: 'cia', name: 'Cia', agencyId: 'af' };
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 11, 2, 9, minute, second));

/** Two replicas that exchange every update, like two browsers through the server. */
function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
	b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
	return { a, b };
}

const names = (doc: Y.Doc) => readFloor(doc).queue.map((e) => e.name);

describe('speaker list', () => {
	it('queues asks in the order they were made; asking again keeps one place', () => {
		const doc = new Y.Doc();
		askForFloor(doc, bo, at(2));
		const first = askForFloor(doc, anna, at(1));
		expect(askForFloor(doc, anna, at(3))).toBe(first);
		expect(names(doc)).toEqual(['Anna', 'Bo']);
	});

	it('concurrent asks on two replicas both survive, in the same order everywhere', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		askForFloor(a, anna, at(1));
		askForFloor(b, bo, at(1));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(names(a)).toHaveLength(2);
		expect(names(a)).toEqual(names(b));
	});

	it('gives the floor, ends the turn and adds up the time each person spoke', () => {
		const { a, b } = pair();
		const annaAsk = askForFloor(a, anna, at(0));
		const boAsk = askForFloor(b, bo, at(0, 30));
		expect(giveFloor(a, annaAsk, at(1))).toBe(true);
		expect(readFloor(b).speaking?.name).toBe('Anna');
		expect(names(b)).toEqual(['Bo']);
		expect(spokenNow(readFloor(b), 'anna', at(1, 45))).toBe(45);
		// Giving the floor to the next one ends the turn in progress.
		giveFloor(b, boAsk, at(3));
		expect(readFloor(a).spoken).toEqual({ anna: 120 });
		endTurn(a, at(3, 20));
		const again = askForFloor(a, anna, at(4));
		giveFloor(a, again, at(5));
		endTurn(a, at(5, 10));
		expect(readFloor(b)).toMatchObject({ speaking: null, queue: [], spoken: { anna: 130, bo: 20 } });
	});

	it('withdraws a waiting ask, never a turn given', () => {
		const doc = new Y.Doc();
		const ask = askForFloor(doc, anna, at(0));
		const other = askForFloor(doc, bo, at(1));
		giveFloor(doc, other, at(2));
		expect(withdrawAsk(doc, other)).toBe(false);
		expect(withdrawAsk(doc, ask)).toBe(true);
		expect(listSpeakers(doc).map((e) => e.name)).toEqual(['Bo']);
	});

	it('moves someone up and down the queue by keyboard-sized steps', () => {
		const doc = new Y.Doc();
		askForFloor(doc, anna, at(0));
		askForFloor(doc, bo, at(1));
		const c = askForFloor(doc, cia, at(2));
		expect(moveInQueue(doc, c, 'up')).toBe(true);
		expect(names(doc)).toEqual(['Anna', 'Cia', 'Bo']);
		expect(moveInQueue(doc, c, 'up')).toBe(true);
		expect(moveInQueue(doc, c, 'up')).toBe(false);
		expect(moveInQueue(doc, c, 'down')).toBe(true);
		expect(names(doc)).toEqual(['Anna', 'Cia', 'Bo']);
	});

	it('suggests agencies present that have not had the floor, user associations first', () => {
		const doc = new Y.Doc();
		giveFloor(doc, askForFloor(doc, anna, at(0)), at(1));
		const agencies = [
			{ id: 'af', name: 'Arbetsförmedlingen', kind: 'employment_services' as const },
			{ id: 'soc', name: 'Socialtjänsten', kind: 'social_services' as const },
			{ id: 'ua', name: 'Brukarföreningen', kind: 'user_association' as const },
			{ id: 'hus', name: 'Bostadsbolaget', kind: 'housing' as const }
		];
		expect(agenciesNotHeard(listSpeakers(doc), agencies, new Set(['af', 'soc', 'ua'])).map((a) => a.id)).toEqual(['ua', 'af']);
	});

	it('reads hostile values as nothing, and turns with impossible clocks within bounds', () => {
		const doc = new Y.Doc();
		const map = doc.getMap(SPEAKERS_ROOT);
		map.set('a', 'text');
		map.set('b', { userId: 5, requestedAt: 'x' });
		map.set('c', { userId: 'x'.repeat(10_000), requestedAt: at(0).toISOString() });
		map.set('d', { userId: 'anna', name: 'Anna', requestedAt: at(0).toISOString(), startedAt: at(0).toISOString(), endedAt: '3000-01-01T00:00:00Z' });
		map.set('e', { userId: 'bo', name: 'Bo', requestedAt: at(0).toISOString(), startedAt: at(5).toISOString(), endedAt: at(1).toISOString() });
		expect(listSpeakers(doc).map((e) => e.id)).toEqual(['d', 'e']);
		expect(readFloor(doc).spoken).toEqual({ anna: 4 * 60 * 60, bo: 0 });
	});
});

describe('judgeFloorChange: a member who may only ask', () => {
	function base() {
		const doc = new Y.Doc();
		addAgendaItem(doc, { title: 'Lägesbild' });
		return doc;
	}
	/** The update `change` makes to a copy of `doc`. */
	function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(copy);
		change(copy);
		return Y.encodeStateAsUpdate(copy, before);
	}

	it('asks and withdraws in their own name', () => {
		const doc = base();
		const ask = updateOf(doc, (d) => askForFloor(d, anna, at(0), 'x1'));
		expect(judgeFloorChange(doc, ask, anna, undefined, at(1))).toBe('allowed');
		Y.applyUpdate(doc, ask);
		expect(judgeFloorChange(doc, updateOf(doc, (d) => withdrawAsk(d, 'x1')), anna, undefined, at(1))).toBe('allowed');
	});

	it('refuses an ask in someone else’s name, a forged name or agency, and extra fields', () => {
		const doc = base();
		expect(judgeFloorChange(doc, updateOf(doc, (d) => askForFloor(d, bo)), anna)).toBe('not-author');
		expect(judgeFloorChange(doc, updateOf(doc, (d) => askForFloor(d, { ...anna, name: 'Ordföranden' })), anna)).toBe('forged-identity');
		expect(judgeFloorChange(doc, updateOf(doc, (d) => askForFloor(d, { ...anna, agencyId: 'ua' })), anna)).toBe('forged-identity');
		const extra = updateOf(doc, (d) => d.getMap(SPEAKERS_ROOT).set('k', { id: 'k', ...anna, requestedAt: at(0).toISOString(), order: 1, startedAt: at(0).toISOString() }));
		expect(judgeFloorChange(doc, extra, anna)).toBe('invalid-entry');
	});

	it('refuses giving themselves the floor, touching others’ asks, and anything outside the list', () => {
		const doc = base();
		const boAsk = askForFloor(doc, bo, at(0));
		const own = askForFloor(doc, anna, at(1));
		expect(judgeFloorChange(doc, updateOf(doc, (d) => giveFloor(d, own, at(2))), anna)).toBe('invalid-entry');
		expect(judgeFloorChange(doc, updateOf(doc, (d) => withdrawAsk(d, boAsk)), anna)).toBe('not-author');
		// Nor jumping the queue: moving their own ask, or dating a new one back.
		expect(judgeFloorChange(doc, updateOf(doc, (d) => moveInQueue(d, own, 'up')), anna, undefined, at(1))).toBe('invalid-entry');
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		withdrawAsk(other, own);
		expect(judgeFloorChange(other, updateOf(other, (d) => askForFloor(d, anna, at(0))), anna, undefined, at(30))).toBe('invalid-entry');
		expect(judgeFloorChange(other, updateOf(other, (d) => askForFloor(d, anna, at(29))), anna, undefined, at(30))).toBe('allowed');
		expect(judgeFloorChange(doc, updateOf(doc, (d) => addAgendaItem(d, { title: 'Smuggel' })), anna)).toBe('not-floor');
		giveFloor(doc, own, at(3));
		expect(judgeFloorChange(doc, updateOf(doc, (d) => d.getMap(SPEAKERS_ROOT).delete(own)), anna)).toBe('not-author');
	});

	it('refuses a list grown past its bound, and leaves the judged document as it was', () => {
		const doc = base();
		const flood = updateOf(doc, (d) => {
			for (let i = 0; i <= MAX_SPEAKER_ENTRIES; i++) d.getMap(SPEAKERS_ROOT).set(`k${i}`, { id: `k${i}`, ...anna, requestedAt: at(0).toISOString(), order: i });
		});
		expect(judgeFloorChange(doc, flood, anna)).toBe('invalid-entry');
		expect(listSpeakers(doc)).toEqual([]);
	});
});
