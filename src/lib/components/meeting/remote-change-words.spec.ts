import { describe, expect, it } from 'vitest';
import { describeRemoteChanges } from './remote-change-words';

const nameOf = (id: string) => ({ u1: 'Karin', u2: 'Ahmed', u3: 'Erik', u4: 'Sara' })[id] ?? null;

describe('remote attendance changes, in words', () => {
	it('names each kind of presence', () => {
		const say = (status: Parameters<typeof describeRemoteChanges>[0][number] & { kind: 'attendance' }) => describeRemoteChanges([status], nameOf);
		expect(say({ kind: 'attendance', userIds: ['u1'], status: 'present_on_site' })).toBe('Närvaro: Karin är närvarande på plats.');
		expect(say({ kind: 'attendance', userIds: ['u2'], status: 'present_online' })).toBe('Närvaro: Ahmed är närvarande online.');
		expect(say({ kind: 'attendance', userIds: ['u3'], status: 'present_phone' })).toBe('Närvaro: Erik är närvarande per telefon.');
		expect(say({ kind: 'attendance', userIds: ['u4'], status: 'present' })).toBe('Närvaro: Sara är närvarande.');
		expect(say({ kind: 'attendance', userIds: ['u4'], status: 'excused' })).toBe('Närvaro: Sara är anmält förhinder.');
	});
});

describe('remote voices changes, in words', () => {
	it('names a member by the board, and someone who erased their account as a former member of the agency', () => {
		const removed = (authorId: string, authorName: string, agencyName: string) =>
			describeRemoteChanges([{ kind: 'perspective-removed', item: 2, authorId, authorName, agencyName }], nameOf);
		expect(removed('u1', 'Påstått namn', 'Socialtjänsten')).toContain('Karin');
		expect(removed('gone', '', 'Brukarföreningen')).toContain('Tidigare medlem (Brukarföreningen)');
		expect(describeRemoteChanges([{ kind: 'summary-changed', authorId: 'gone', authorName: '', agencyName: '' }], nameOf)).toContain('Tidigare medlem');
	});
});
