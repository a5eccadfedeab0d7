import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addAsk,
	answerAsk,
	askState,
	doneWithoutFeedback,
	eraseBoardVoicesAuthor,
	feedbackKey,
	giveFeedback,
	isOpen,
	judgeBoardVoicesChange,
	listAsks,
	listFeedback,
	mayAnswerAsks,
	mayGiveFeedback,
	mayWithdraw,
	removeAsk,
	waitedDays,
	waitingDays,
	withdrawAsk,
	type BoardVoicesWriter
} from './board-voices-doc';

const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen' };
const erik = { id: 'erik', name: 'Erik Nilsson', agencyId: 'bo', agencyName: 'Åsbyhem' };
const karin = { id: 'karin', name: 'Karin Berg', agencyId: 'soc', agencyName: 'Socialtjänsten' };

const as = (author: typeof maria, role: BoardVoicesWriter['role'], agencyKind: BoardVoicesWriter['agencyKind']): BoardVoicesWriter => ({ ...author, role, agencyKind });
const mariaW = as(maria, 'contributor', 'user_association');
const erikW = as(erik, 'viewer', 'housing');
const karinOwner = as(karin, 'owner', 'social_services');
const karinEditor = as(karin, 'editor', 'social_services');

function updateFrom(base: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

const day = (d: string) => new Date(`2026-11-${d}T09:00:00Z`);

describe('the ask lifecycle', () => {
	it('an ask is open until answered: scheduled, turned into an action, or declined with a reason', () => {
		const doc = new Y.Doc();
		const item = addAsk(doc, maria, { kind: 'item', text: '  Boendestödet på helger ', meetingId: 'm1' }, day('02'));
		const action = addAsk(doc, maria, { kind: 'action', text: 'Öppna mötesplatsen på kvällar', toAgencyId: 'soc' }, day('03'));
		const declined = addAsk(doc, erik, { kind: 'item', text: 'Parkering' }, day('04'));
		expect(listAsks(doc).map((a) => [a.kind, a.text, a.meetingId, a.toAgencyId, isOpen(a)])).toEqual([
			['item', 'Boendestödet på helger', 'm1', null, true],
			['action', 'Öppna mötesplatsen på kvällar', null, 'soc', true],
			['item', 'Parkering', null, null, true]
		]);

		answerAsk(doc, karin, { askId: item, outcome: 'scheduled', meetingId: 'm1', itemId: 'i9' }, day('05'));
		answerAsk(doc, karin, { askId: action, outcome: 'action', actionId: 'a7' }, day('06'));
		answerAsk(doc, karin, { askId: declined, outcome: 'declined', reason: ' Hör till fastighetsägaren. ' }, day('06'));
		const [a, b, c] = listAsks(doc);
		expect(a.answer).toMatchObject({ outcome: 'scheduled', meetingId: 'm1', itemId: 'i9', authorName: 'Karin Berg' });
		expect(b.answer).toMatchObject({ outcome: 'action', actionId: 'a7' });
		expect(c.answer).toMatchObject({ outcome: 'declined', reason: 'Hör till fastighetsägaren.' });
		expect(listAsks(doc).filter(isOpen)).toEqual([]);
	});

	it('counts how many days an ask waited: until now while open, until the answer once answered', () => {
		expect(waitingDays('2026-11-02T23:30:00Z', new Date('2026-11-03T00:10:00Z'))).toBe(1);
		expect(waitingDays('2026-11-02T08:00:00Z', new Date('2026-11-02T20:00:00Z'))).toBe(0);
		expect(waitingDays('not a date', day('09'))).toBe(0);
		expect(waitingDays('2026-11-09T09:00:00Z', day('02'))).toBe(0);
		const doc = new Y.Doc();
		const id = addAsk(doc, maria, { kind: 'item', text: 'x' }, day('02'));
		expect(waitedDays(listAsks(doc)[0], day('12'))).toBe(10);
		answerAsk(doc, karin, { askId: id, outcome: 'declined', reason: 'r' }, day('05'));
		expect(waitedDays(listAsks(doc)[0], day('12'))).toBe(3);
	});

	it('the asker withdraws an open ask: it stays, withdrawn, no longer open; its wait ends there', () => {
		const doc = new Y.Doc();
		const id = addAsk(doc, maria, { kind: 'item', text: 'Boendestöd på helger' }, day('02'));
		const [open] = listAsks(doc);
		expect([askState(open), isOpen(open), open.withdrawnAt]).toEqual(['open', true, null]);
		expect(mayWithdraw(open, 'maria')).toBe(true);
		expect(mayWithdraw(open, 'karin')).toBe(false);

		withdrawAsk(doc, id, day('05'));
		const [withdrawn] = listAsks(doc);
		expect([askState(withdrawn), isOpen(withdrawn), withdrawn.withdrawnAt]).toEqual(['withdrawn', false, day('05').toISOString()]);
		expect(withdrawn.text).toBe('Boendestöd på helger');
		expect(mayWithdraw(withdrawn, 'maria')).toBe(false);
		expect(waitedDays(withdrawn, day('12'))).toBe(3);
		expect(() => withdrawAsk(doc, 'nope')).toThrow();
	});

	it('an answered ask is answered, and can no longer be withdrawn', () => {
		const doc = new Y.Doc();
		const id = addAsk(doc, maria, { kind: 'item', text: 'x' }, day('02'));
		answerAsk(doc, karin, { askId: id, outcome: 'declined', reason: 'r' }, day('03'));
		const [ask] = listAsks(doc);
		expect(askState(ask)).toBe('answered');
		expect(mayWithdraw(ask, 'maria')).toBe(false);
		// Both at once (two people at the same moment): the answer is what counts.
		withdrawAsk(doc, id, day('04'));
		expect(askState(listAsks(doc)[0])).toBe('answered');
	});

	it('only owners and editors answer; feedback is for user associations', () => {
		expect(['owner', 'editor', 'contributor', 'viewer', null].map((r) => mayAnswerAsks(r as never))).toEqual([true, true, false, false, false]);
		expect(mayGiveFeedback('user_association')).toBe(true);
		expect(mayGiveFeedback('social_services')).toBe(false);
		expect(mayGiveFeedback(null)).toBe(false);
	});

	it('reads damaged entries defensively and lists done actions without feedback', () => {
		const doc = new Y.Doc();
		doc.getMap('asks').set('junk', 'not a map');
		const bad = new Y.Map();
		doc.getMap('asks').set('bad', bad);
		bad.set('kind', 'nonsense');
		addAsk(doc, maria, { kind: 'item', text: 'ok' });
		expect(listAsks(doc).map((a) => a.text)).toEqual(['ok']);
		giveFeedback(doc, maria, { actionId: 'a1', effect: 'partly', comment: 'Bättre men inte bra' }, day('05'));
		expect(listFeedback(doc)).toMatchObject([{ key: feedbackKey('a1', 'maria'), effect: 'partly', comment: 'Bättre men inte bra', agencyName: 'Brukarföreningen' }]);
		const actions = [
			{ id: 'a1', status: 'done' },
			{ id: 'a2', status: 'done' },
			{ id: 'a3', status: 'open' }
		];
		expect(doneWithoutFeedback(actions, listFeedback(doc)).map((a) => a.id)).toEqual(['a2']);
	});

	it('erasure keeps asks, answers and feedback and removes the name', () => {
		const doc = new Y.Doc();
		const id = addAsk(doc, maria, { kind: 'item', text: 'x' }, day('02'));
		answerAsk(doc, maria, { askId: id, outcome: 'declined', reason: 'r' });
		giveFeedback(doc, maria, { actionId: 'a', effect: 'worked', comment: '' });
		addAsk(doc, erik, { kind: 'item', text: 'y' }, day('03'));
		expect(eraseBoardVoicesAuthor(doc, 'maria')).toBe(3);
		expect(eraseBoardVoicesAuthor(doc, 'maria')).toBe(0);
		expect(listAsks(doc).map((a) => a.authorName)).toEqual(['', 'Erik Nilsson']);
		expect(listFeedback(doc)[0].authorName).toBe('');
	});
});

describe('judgeBoardVoicesChange', () => {
	const base = () => {
		const doc = new Y.Doc();
		addAsk(doc, maria, { kind: 'item', text: 'Marias' }, day('02'), 'ask-m');
		addAsk(doc, erik, { kind: 'action', text: 'Eriks', toAgencyId: 'soc' }, day('02'), 'ask-e');
		return doc;
	};

	it('lets every member, viewers included, write and withdraw their own ask', () => {
		const doc = base();
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => addAsk(r, erik, { kind: 'item', text: 'ny' })), erikW)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => removeAsk(r, 'ask-e')), erikW)).toBe('allowed');
	});

	it("refuses changing or removing someone else's ask (the owner may remove it)", () => {
		const doc = base();
		const edit = updateFrom(doc, (r) => ((r.getMap('asks').get('ask-m') as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'X'));
		expect(judgeBoardVoicesChange(doc, edit, erikW)).toBe('not-author');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => removeAsk(r, 'ask-m')), erikW)).toBe('not-author');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => removeAsk(r, 'ask-m')), karinOwner)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => removeAsk(r, 'ask-m')), karinEditor)).toBe('not-author');
	});

	it('refuses an ask shown under another name or agency, and a renamed existing one', () => {
		const doc = base();
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => addAsk(r, maria, { kind: 'item', text: 'posing' })), erikW)).toBe('not-author');
		const forged = updateFrom(doc, (r) => addAsk(r, { ...erik, agencyName: 'Brukarföreningen' }, { kind: 'item', text: 'x' }));
		expect(judgeBoardVoicesChange(doc, forged, erikW)).toBe('forged-identity');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => addAsk(r, { ...erik, name: '' }, { kind: 'item', text: 'x' })), as({ ...erik, name: '' }, 'viewer', null))).toBe(
			'forged-identity'
		);
		const renamed = updateFrom(doc, (r) => (r.getMap('asks').get('ask-m') as Y.Map<unknown>).set('authorName', 'Someone'));
		expect(judgeBoardVoicesChange(doc, renamed, mariaW)).toBe('forged-identity');
	});

	it('lets owners and editors answer, in their own name; contributors and viewers are refused', () => {
		const doc = base();
		const answer = (author: typeof karin) => updateFrom(doc, (r) => answerAsk(r, author, { askId: 'ask-m', outcome: 'declined', reason: 'nej' }));
		expect(judgeBoardVoicesChange(doc, answer(karin), karinEditor)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, answer(karin), karinOwner)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, answer(maria), mariaW)).toBe('not-answerer');
		expect(judgeBoardVoicesChange(doc, answer(erik), erikW)).toBe('not-answerer');
		expect(judgeBoardVoicesChange(doc, answer(maria), karinEditor)).toBe('forged-identity');
		// An answer stored under another ask's key is not an answer to it.
		const misfiled = updateFrom(doc, (r) => {
			answerAsk(r, karin, { askId: 'ask-m', outcome: 'declined', reason: 'x' });
			r.getMap('answers').set('ask-e', (r.getMap('answers').get('ask-m') as Y.Map<unknown>).clone());
		});
		expect(judgeBoardVoicesChange(doc, misfiled, karinEditor)).toBe('forged-identity');
	});

	it('takes feedback only from members of a user association, each under their own key', () => {
		const doc = base();
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => giveFeedback(r, maria, { actionId: 'a1', effect: 'worked', comment: 'bra' })), mariaW)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => giveFeedback(r, karin, { actionId: 'a1', effect: 'worked', comment: '' })), karinOwner)).toBe(
			'not-user-association'
		);
		const misKeyed = updateFrom(doc, (r) => {
			const key = giveFeedback(r, maria, { actionId: 'a1', effect: 'not', comment: '' });
			const entry = (r.getMap('feedback').get(key) as Y.Map<unknown>).clone();
			r.getMap('feedback').delete(key);
			r.getMap('feedback').set('a2:maria', entry);
		});
		expect(judgeBoardVoicesChange(doc, misKeyed, mariaW)).toBe('forged-identity');
	});

	it('lets only the asker withdraw, once, while unanswered; the owner may remove but not withdraw', () => {
		const doc = base();
		const withdraw = (id: string) => updateFrom(doc, (r) => withdrawAsk(r, id, day('05')));
		expect(judgeBoardVoicesChange(doc, withdraw('ask-m'), mariaW)).toBe('allowed');
		expect(judgeBoardVoicesChange(doc, withdraw('ask-m'), erikW)).toBe('not-author');
		expect(judgeBoardVoicesChange(doc, withdraw('ask-m'), karinOwner)).toBe('not-author');
		expect(judgeBoardVoicesChange(doc, withdraw('ask-m'), karinEditor)).toBe('not-author');
		// Not a time: refused.
		const garbled = updateFrom(doc, (r) => (r.getMap('asks').get('ask-m') as Y.Map<unknown>).set('withdrawnAt', 42));
		expect(judgeBoardVoicesChange(doc, garbled, mariaW)).toBe('invalid-entry');

		// Withdrawn: not taken back again, not moved, and no answer written to it.
		withdrawAsk(doc, 'ask-m', day('05'));
		const undo = updateFrom(doc, (r) => (r.getMap('asks').get('ask-m') as Y.Map<unknown>).delete('withdrawnAt'));
		expect(judgeBoardVoicesChange(doc, undo, mariaW)).toBe('invalid-entry');
		expect(judgeBoardVoicesChange(doc, withdraw('ask-m'), mariaW)).toBe('allowed'); // the same time again: no change
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => withdrawAsk(r, 'ask-m', day('09'))), mariaW)).toBe('invalid-entry');
		const answerIt = updateFrom(doc, (r) => answerAsk(r, karin, { askId: 'ask-m', outcome: 'declined', reason: 'nej' }));
		expect(judgeBoardVoicesChange(doc, answerIt, karinEditor)).toBe('invalid-entry');
		// The owner may still remove it (tidying), as any ask.
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => removeAsk(r, 'ask-m')), karinOwner)).toBe('allowed');

		// Answered: the asker cannot withdraw it any more.
		answerAsk(doc, karin, { askId: 'ask-e', outcome: 'declined', reason: 'nej' });
		expect(judgeBoardVoicesChange(doc, withdraw('ask-e'), erikW)).toBe('invalid-entry');
	});

	it('refuses writes outside its roots and updates that do not apply', () => {
		const doc = base();
		expect(judgeBoardVoicesChange(doc, updateFrom(doc, (r) => r.getMap('elsewhere').set('x', 1)), karinOwner)).toBe('not-author');
		expect(judgeBoardVoicesChange(doc, new Uint8Array([1, 2, 3, 4, 5]), karinOwner)).toBe('not-author');
	});
});
