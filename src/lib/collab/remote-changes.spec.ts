import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addAgendaItem,
	addGuest,
	itemMinutes,
	moveAgendaItem,
	recordDecision,
	removeAgendaItem,
	removeDecision,
	setAttendance,
	setMeetingRole,
	updateAgendaItem,
	updateDecision
} from '$lib/domain/meeting-doc';
import { addPerspective, perspectiveText, removePerspective, setText, summaryText } from '$lib/domain/voices-doc';
import { askForFloor, endTurn, giveFloor } from '$lib/domain/speaker-list';
import { readMeeting, readVoices } from './meeting-views';
import type { PresentPerson } from './presence.svelte';
import { meetingChanges, presenceChanges, voicesChanges, withoutPresenceNoise, type RemoteChange } from './remote-changes';

const rut = { id: 'u3', name: 'Rut', agencyId: 'a2', agencyName: 'Brukarföreningen' };

/** A meeting with two items; `change` runs on it and the diff of the views before and after comes back. */
function meetingWith() {
	const doc = new Y.Doc();
	const first = addAgendaItem(doc, { title: 'Välkomna' });
	const second = addAgendaItem(doc, { title: 'Boende först' });
	const diff = (change: () => void) => {
		const before = readMeeting(doc);
		change();
		return meetingChanges(before, readMeeting(doc));
	};
	return { doc, first, second, diff };
}

describe('meetingChanges', () => {
	it('tells the speaker list: an ask, the floor given (ending the turn before it), a turn ended', () => {
		const { doc, diff } = meetingWith();
		let ask = '';
		expect(diff(() => (ask = askForFloor(doc, { userId: 'u3', name: 'Rut', agencyId: 'a2' })))).toEqual([{ kind: 'floor-asked', userId: 'u3', name: 'Rut' }]);
		expect(diff(() => giveFloor(doc, ask))).toEqual([{ kind: 'floor-given', userId: 'u3', name: 'Rut' }]);
		expect(diff(() => endTurn(doc))).toEqual([{ kind: 'floor-ended' }]);
	});

	it('names an added item by its § number and title', () => {
		const { doc, diff } = meetingWith();
		expect(diff(() => addAgendaItem(doc, { title: 'Budget' }))).toEqual([{ kind: 'item-added', item: 3, title: 'Budget' }]);
	});

	it('says a move once as a new order, not as every item renumbered', () => {
		const { doc, second, diff } = meetingWith();
		expect(diff(() => moveAgendaItem(doc, second, 'up'))).toEqual([{ kind: 'agenda-reordered' }]);
	});

	it('does not call the renumbering after a removal a move', () => {
		const { doc, first, diff } = meetingWith();
		expect(diff(() => removeAgendaItem(doc, first))).toEqual([{ kind: 'item-removed', title: 'Välkomna' }]);
	});

	it('tells a new title and a new status of an item apart', () => {
		const { doc, second, diff } = meetingWith();
		expect(diff(() => updateAgendaItem(doc, second, { title: 'Boende' }))).toEqual([{ kind: 'item-changed', item: 2, title: 'Boende' }]);
		expect(diff(() => updateAgendaItem(doc, second, { status: 'in_progress' }))).toEqual([
			{ kind: 'item-status', item: 2, title: 'Boende', status: 'in_progress' }
		]);
	});

	it('names the item of a decision recorded, changed or removed', () => {
		const { doc, second, diff } = meetingWith();
		let id = '';
		expect(diff(() => (id = recordDecision(doc, second, { text: 'Bjud in hyresgäster', createdBy: 'u1' })))).toEqual([
			{ kind: 'decision-added', item: 2 }
		]);
		expect(diff(() => updateDecision(doc, second, id, 'Bjud in två hyresgäster'))).toEqual([{ kind: 'decision-changed', item: 2, decision: 1 }]);
		expect(diff(() => removeDecision(doc, second, id))).toEqual([{ kind: 'decision-removed', item: 2 }]);
	});

	it('says a removed item once, not also each of its decisions', () => {
		const { doc, second, diff } = meetingWith();
		recordDecision(doc, second, { text: 'Ett beslut', createdBy: 'u1' });
		expect(diff(() => removeAgendaItem(doc, second))).toEqual([{ kind: 'item-removed', title: 'Boende först' }]);
	});

	it('gathers everyone marked in one go into one attendance change', () => {
		const { doc, diff } = meetingWith();
		setAttendance(doc, ['u2'], 'excused');
		expect(diff(() => setAttendance(doc, ['u2', 'u3'], 'present'))).toEqual([{ kind: 'attendance', userIds: ['u2', 'u3'], status: 'present' }]);
		expect(diff(() => setAttendance(doc, ['u3'], 'absent'))).toEqual([{ kind: 'attendance', userIds: ['u3'], status: 'absent' }]);
	});

	it('reports the chair and guests', () => {
		const { doc, diff } = meetingWith();
		expect(diff(() => setMeetingRole(doc, 'chairId', 'u1'))).toEqual([{ kind: 'role', role: 'chair', userId: 'u1' }]);
		expect(diff(() => addGuest(doc, { name: 'Gun Gäst', agency: 'Region' }))).toEqual([{ kind: 'guest-added', name: 'Gun Gäst' }]);
	});

	it('finds nothing in text typed into the minutes', () => {
		const { doc, first, diff } = meetingWith();
		const minutes = itemMinutes(doc, first)!;
		expect(
			diff(() => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('Tre lägenheter är inflyttade.')]);
				minutes.insert(0, [paragraph]);
			})
		).toEqual([]);
	});
});

describe('voicesChanges', () => {
	const agenda = [{ id: 'i1', number: 4, title: 'Boende', presenterAgencyId: null, plannedMinutes: null, status: 'pending' as const, position: 1, internal: false, internalReason: null }];

	it('numbers a perspective by its item and names its author', () => {
		const doc = new Y.Doc();
		const diff = (change: () => void) => {
			const before = readVoices(doc);
			change();
			return voicesChanges(before, readVoices(doc), agenda);
		};
		let id = '';
		const entry = { item: 4, authorId: 'u3', authorName: 'Rut', agencyName: 'Brukarföreningen' };
		expect(diff(() => (id = addPerspective(doc, 'i1', rut, 'Ring först')))).toEqual([{ kind: 'perspective-added', ...entry }]);
		expect(diff(() => setText(perspectiveText(doc, id), 'Ring alltid först'))).toEqual([{ kind: 'perspective-changed', ...entry }]);
		expect(diff(() => removePerspective(doc, id))).toEqual([{ kind: 'perspective-removed', ...entry }]);
		expect(diff(() => setText(summaryText(doc, rut), 'Ett bra möte'))).toEqual([{ kind: 'summary-changed', authorId: 'u3', authorName: 'Rut', agencyName: 'Brukarföreningen' }]);
	});

	it('leaves out a perspective on an item that is not on the agenda', () => {
		const doc = new Y.Doc();
		const before = readVoices(doc);
		addPerspective(doc, 'gone', rut, 'Ring först');
		expect(voicesChanges(before, readVoices(doc), agenda)).toEqual([]);
	});
});

describe('presenceChanges', () => {
	const person = (id: string, name: string, isSelf = false): PresentPerson => ({ id, name, color: '#000000', agency: '', isSelf });

	it('says who came and who went, never oneself', () => {
		const before = [person('u1', 'Alva', true), person('u2', 'Bo')];
		const after = [person('u1', 'Alva', true), person('u3', 'Cem')];
		expect(presenceChanges(before, after)).toEqual([
			{ kind: 'arrived', userId: 'u3', name: 'Cem' },
			{ kind: 'left', userId: 'u2', name: 'Bo' }
		]);
		expect(presenceChanges([], [person('u1', 'Alva', true)])).toEqual([]);
	});
});

describe('withoutPresenceNoise', () => {
	const left = (userId: string): RemoteChange => ({ kind: 'left', userId, name: userId });
	const arrived = (userId: string): RemoteChange => ({ kind: 'arrived', userId, name: userId });
	const decision: RemoteChange = { kind: 'decision-added', item: 1 };

	it('drops a reload (left, then back) and keeps everything else', () => {
		expect(withoutPresenceNoise([left('u2'), decision, arrived('u2'), arrived('u3')])).toEqual([decision, arrived('u3')]);
	});

	it('says someone who came, went and came again once', () => {
		expect(withoutPresenceNoise([arrived('u2'), left('u2'), arrived('u2')])).toEqual([arrived('u2')]);
	});
});
