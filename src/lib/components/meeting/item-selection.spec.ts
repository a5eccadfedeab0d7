import { describe, expect, it } from 'vitest';
import { addAgendaItem, removeAgendaItem, setCurrentItem } from '$lib/domain/meeting-doc';
import { fakePool, type FakeSession } from '$lib/collab/fake-session';
import { MeetingRoom } from '$lib/collab/meeting-room.svelte';
import { ItemSelection, itemIdFromHash } from './item-selection.svelte';

const agency = { id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f', kind: 'social_services' as const };

function opened() {
	const { pool, opened } = fakePool();
	const me = { id: 'u1', name: 'Alva', role: 'owner' as const, agencyId: agency.id, agency };
	const room = new MeetingRoom(
		() => ({
			boardId: 'b1',
			meetingId: 'm1',
			role: 'owner',
			access: { meeting: 'write', voices: 'write', comments: 'write' },
			user: { id: me.id, name: me.name, color: agency.color, agency: agency.name },
			author: { id: me.id, name: me.name, agencyId: agency.id, agencyName: agency.name },
			userAgencyId: agency.id,
			agencies: [agency],
			members: [me],
			meetingTitles: {}
		}),
		{ pool }
	);
	room.open();
	for (const session of opened.values()) (session as FakeSession).sync();
	const doc = (opened.get('meeting:m1') as FakeSession).doc;
	return { room, doc, selection: new ItemSelection(room) };
}

describe('the open §', () => {
	it('is none in an empty meeting, then the first §, then the current item', () => {
		const { doc, selection } = opened();
		expect(selection.openId).toBeNull();
		const first = addAgendaItem(doc, { title: 'Välkomna' });
		const second = addAgendaItem(doc, { title: 'Boende först' });
		expect(selection.openId).toBe(first);
		setCurrentItem(doc, second);
		expect(selection.openId).toBe(second);
	});

	it('is the § picked, until it is removed', () => {
		const { doc, selection } = opened();
		const first = addAgendaItem(doc, { title: 'Välkomna' });
		const second = addAgendaItem(doc, { title: 'Boende först' });
		selection.pick(second);
		expect(selection.openId).toBe(second);
		removeAgendaItem(doc, second);
		expect(selection.openId).toBe(first);
	});

	it('follows the chair’s current item while following, and stops when the person picks another §', () => {
		const { doc, selection } = opened();
		const first = addAgendaItem(doc, { title: 'Välkomna' });
		const second = addAgendaItem(doc, { title: 'Boende först' });
		selection.pick(first);
		selection.following = true;
		setCurrentItem(doc, second);
		expect(selection.openId).toBe(second);
		setCurrentItem(doc, first);
		expect(selection.openId).toBe(first);
		// Picking the current § keeps following; picking another stops it.
		selection.pick(first);
		expect(selection.following).toBe(true);
		selection.pick(second);
		expect(selection.following).toBe(false);
		setCurrentItem(doc, first);
		expect(selection.openId).toBe(second);
	});

	it('reads the § from the address fragment', () => {
		expect(itemIdFromHash('#item-abc123')).toBe('abc123');
		expect(itemIdFromHash('#notes')).toBeNull();
		expect(itemIdFromHash('')).toBeNull();
	});
});
