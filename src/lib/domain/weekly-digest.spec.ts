import { describe, expect, it } from 'vitest';
import { digestsByBoard, isDigestDay, isoWeek, type DigestAction } from './weekly-digest';

const action = (over: Partial<DigestAction> & Pick<DigestAction, 'id' | 'boardId'>): DigestAction => ({
	title: over.id,
	dueDate: null,
	overdue: false,
	agencyName: 'Socialförvaltningen',
	raisedByAgencyName: null,
	assigneeName: null,
	...over
});

describe('digestsByBoard', () => {
	it('groups by board: what we owe (soonest first), what is owed to us, who waits on whom, and what is overdue', () => {
		const ours = [
			action({ id: 'a-late', boardId: 'b1', dueDate: '2031-05-01', overdue: true, raisedByAgencyName: 'Brukarföreningen' }),
			action({ id: 'a-nodate', boardId: 'b1', raisedByAgencyName: 'Socialförvaltningen' }),
			action({ id: 'a-soon', boardId: 'b1', dueDate: '2031-05-20', raisedByAgencyName: 'Brukarföreningen' }),
			action({ id: 'a-other', boardId: 'b2', dueDate: '2031-06-01', raisedByAgencyName: 'Åsbyhem' })
		];
		const owed = [
			action({ id: 'o1', boardId: 'b1', agencyName: 'Arbetsförmedlingen', raisedByAgencyName: 'Socialförvaltningen', dueDate: '2031-05-02', overdue: true }),
			action({ id: 'o2', boardId: 'b1', agencyName: 'Åsbyhem', raisedByAgencyName: 'Socialförvaltningen' }),
			action({ id: 'o3', boardId: 'b1', agencyName: 'Arbetsförmedlingen', raisedByAgencyName: 'Socialförvaltningen', dueDate: '2031-07-01' })
		];
		const [b1, b2, ...rest] = digestsByBoard(['b1', 'b2', 'b3'], ours, owed, 'Socialförvaltningen');
		expect(rest).toEqual([]);
		expect(b1.boardId).toBe('b1');
		expect(b1.owe.map((a) => a.id)).toEqual(['a-late', 'a-soon', 'a-nodate']);
		expect(b1.owed.map((a) => a.id)).toEqual(['o1', 'o3', 'o2']);
		// Our own agency raising an action for itself waits on nobody else.
		expect(b1.waitingOnUs).toEqual([{ agency: 'Brukarföreningen', count: 2 }]);
		expect(b1.weWaitOn).toEqual([
			{ agency: 'Arbetsförmedlingen', count: 2 },
			{ agency: 'Åsbyhem', count: 1 }
		]);
		expect(b1.overdue.map((a) => a.id)).toEqual(['a-late', 'o1']);
		expect(b2).toMatchObject({ boardId: 'b2', owed: [], weWaitOn: [], overdue: [], waitingOnUs: [{ agency: 'Åsbyhem', count: 1 }] });
	});

	it('a board with nothing owed either way gets no digest', () => {
		expect(digestsByBoard(['b1'], [], [], 'Socialförvaltningen')).toEqual([]);
		expect(digestsByBoard(['b1'], [action({ id: 'x', boardId: 'b2' })], [], 'Socialförvaltningen')).toEqual([]);
	});
});

describe('the digest week', () => {
	it('goes out on Mondays only', () => {
		expect(isDigestDay('2031-05-12')).toBe(true);
		expect(['2031-05-11', '2031-05-13', '2031-05-17'].map(isDigestDay)).toEqual([false, false, false]);
	});

	it('is keyed by ISO week, across year ends', () => {
		expect(isoWeek('2031-05-12')).toBe('2031-W20');
		expect(isoWeek('2031-05-18')).toBe('2031-W20');
		expect(isoWeek('2026-12-28')).toBe('2026-W53');
		expect(isoWeek('2027-01-03')).toBe('2026-W53');
		expect(isoWeek('2027-01-04')).toBe('2027-W01');
		expect(isoWeek('2024-12-30')).toBe('2025-W01');
	});
});
