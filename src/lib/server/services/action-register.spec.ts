import { describe, expect, it } from 'vitest';
import type { ActionFilter, RegisterAction, User } from '../store/types.js';
import { loadRegister, page, parseRegisterQuery, registerHref, toActionFilter, todayIn, DEFAULT_QUERY } from './action-register.js';

const created = new Date('2026-11-01T09:00:00Z');
const row = (over: Partial<RegisterAction>): RegisterAction => ({
	id: 'a1',
	outcome: '',
	boardId: 'b1',
	boardName: 'Ledningsgruppen',
	title: 'Ordna praktikplatser',
	description: '',
	agencyId: 'ag1',
	agencyName: 'Arbetsförmedlingen',
	agencyColor: '#123456',
	raisedByAgencyId: 'ag2',
	raisedByAgencyName: 'Socialtjänsten',
	assigneeId: null,
	assigneeName: null,
	dueDate: '2026-11-20',
	status: 'open',
	meetingId: null,
	itemId: null,
	createdBy: 'u1',
	createdAt: created,
	statusChangedBy: 'u1',
	statusChangedAt: created,
	...over
});

function store(rows: RegisterAction[]) {
	const filters: ActionFilter[] = [];
	const users: Record<string, Pick<User, 'id' | 'displayName'>> = { u1: { id: 'u1', displayName: 'Karin' }, u2: { id: 'u2', displayName: 'Ahmed' } };
	return {
		filters,
		store: {
			actions: {
				listForUser: async (_id: string, filter: ActionFilter) => {
					filters.push(filter);
					return rows;
				}
			},
			users: { get: async (id: string) => (users[id] ? ({ ...users[id], email: '', agencyId: '', createdAt: created } as User) : null) }
		}
	};
}

describe('the register query', () => {
	it('reads the URL and falls back to defaults for anything unknown', () => {
		expect(parseRegisterQuery(new URLSearchParams(''))).toEqual(DEFAULT_QUERY);
		expect(parseRegisterQuery(new URLSearchParams('who=owed&status=waiting&overdue=1'))).toEqual({ who: 'owed', status: 'waiting', overdue: true });
		expect(parseRegisterQuery(new URLSearchParams('who=everyone&status=lost&overdue=yes'))).toEqual(DEFAULT_QUERY);
	});

	it('writes short links that read back the same', () => {
		expect(registerHref(DEFAULT_QUERY)).toBe('/actions');
		const query = { who: 'agency', status: 'any', overdue: true } as const;
		const href = registerHref(query);
		expect(href).toBe('/actions?who=agency&status=any&overdue=1');
		expect(parseRegisterQuery(new URL(href, 'http://x').searchParams)).toEqual(query);
	});

	it('becomes the store filter', () => {
		expect(toActionFilter(DEFAULT_QUERY, '2026-11-22')).toEqual({ today: '2026-11-22' });
		expect(toActionFilter({ who: 'mine', status: 'done', overdue: false }, '2026-11-22')).toEqual({ today: '2026-11-22', mine: true, status: 'done' });
		expect(toActionFilter({ who: 'agency', status: 'any', overdue: true }, 'd')).toEqual({ today: 'd', myAgency: true, overdue: true });
		expect(toActionFilter({ who: 'owed', status: 'active', overdue: false }, 'd')).toEqual({ today: 'd', owedToMyAgency: true });
	});

	it('knows today in the reader’s time zone', () => {
		const lateUtc = new Date('2026-11-22T23:30:00Z');
		expect(todayIn('Europe/Stockholm', lateUtc)).toBe('2026-11-23');
		expect(todayIn('America/New_York', lateUtc)).toBe('2026-11-22');
		expect(todayIn('Not/AZone', lateUtc)).toBe('2026-11-22');
	});
});

describe('loadRegister', () => {
	it('hides done actions by default, flags overdue ones and names who changed the status', async () => {
		const { store: s, filters } = store([
			row({ id: 'late' }),
			row({ id: 'changed', dueDate: '2026-12-01', status: 'waiting', statusChangedBy: 'u2', statusChangedAt: new Date('2026-11-10T08:00:00Z') }),
			row({ id: 'finished', status: 'done' })
		]);
		const rows = await loadRegister(s, { id: 'u1' }, DEFAULT_QUERY, '2026-11-22');
		expect(filters).toEqual([{ today: '2026-11-22' }]);
		expect(rows.map((r) => r.id)).toEqual(['late', 'changed']);
		expect(rows[0]).toMatchObject({ overdue: true, lastChange: null, created: { by: 'Karin', at: created } });
		expect(rows[1]).toMatchObject({ overdue: false, lastChange: { by: 'Ahmed', at: new Date('2026-11-10T08:00:00Z') } });
	});

	it('keeps done actions when every status is asked for', async () => {
		const { store: s } = store([row({ id: 'finished', status: 'done' })]);
		const rows = await loadRegister(s, { id: 'u1' }, { ...DEFAULT_QUERY, status: 'any' }, '2026-11-22');
		expect(rows.map((r) => [r.id, r.overdue])).toEqual([['finished', false]]);
	});
});

describe('the register page', () => {
	it('reads the URL, judges "today" in the reader’s zone and links every filter', async () => {
		const { store: s, filters } = store([row({ id: 'late' })]);
		// 23:30 UTC on the 21st is already the 22nd in Stockholm.
		const view = await page(s, { id: 'u1', agencyId: '' }, new URLSearchParams('who=mine&overdue=1'), 'Europe/Stockholm', new Date('2026-11-21T23:30:00Z'));
		expect(view.query).toEqual({ who: 'mine', status: 'active', overdue: true });
		expect(view.today).toBe('2026-11-22');
		expect(filters).toEqual([{ today: '2026-11-22', mine: true, overdue: true }]);
		expect(view.hasAgency).toBe(false);
		expect(view.links.overdue).toEqual({ href: '/actions?who=mine', current: true });
		expect(view.rows.map((r) => r.id)).toEqual(['late']);
	});
});
