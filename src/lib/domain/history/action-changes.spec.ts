import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createAction, listActions, removeAction, setActionOutcome, setActionStatus, updateAction } from '../board-doc';
import { diffActions, labelOf } from './action-changes';

describe('diffActions', () => {
	it('names creation, every changed field, closing, reopening and removal', () => {
		const doc = new Y.Doc();
		const id = createAction(doc, { title: 'Ring hyresvärden', agencyId: 'soc', raisedByAgencyId: 'af', createdBy: 'u1', dueDate: '2026-12-10' });
		const created = diffActions([], listActions(doc));
		expect(created).toEqual([{ kind: 'created', actionId: id, title: 'Ring hyresvärden' }]);

		let before = listActions(doc);
		updateAction(doc, id, { dueDate: '2026-12-20', assigneeId: 'u2' });
		let changes = diffActions(before, listActions(doc));
		expect(changes.map((c) => (c.kind === 'changed' ? [c.field, c.from, c.to, labelOf(c)] : c.kind))).toEqual([
			['assigneeId', null, 'u2', 'field'],
			['dueDate', '2026-12-10', '2026-12-20', 'due-date']
		]);

		before = listActions(doc);
		setActionStatus(doc, id, 'done', 'u2');
		changes = diffActions(before, listActions(doc));
		expect(changes.map(labelOf)).toEqual(['closed']);
		before = listActions(doc);
		setActionStatus(doc, id, 'in_progress', 'u2');
		expect(diffActions(before, listActions(doc)).map(labelOf)).toEqual(['reopened']);

		before = listActions(doc);
		setActionOutcome(doc, id, 'Hyresvärden svarade inom en vecka');
		expect(diffActions(before, listActions(doc)).map((c) => (c.kind === 'changed' ? [c.field, c.from, c.to] : c.kind))).toEqual([
			['outcome', null, 'Hyresvärden svarade inom en vecka']
		]);

		before = listActions(doc);
		removeAction(doc, id);
		expect(diffActions(before, listActions(doc))).toEqual([{ kind: 'removed', actionId: id, title: 'Ring hyresvärden' }]);
	});

	it('says nothing when nothing tracked changed', () => {
		const doc = new Y.Doc();
		createAction(doc, { title: 'A', agencyId: 'soc', raisedByAgencyId: 'af', createdBy: 'u1' });
		expect(diffActions(listActions(doc), listActions(doc))).toEqual([]);
	});
});
