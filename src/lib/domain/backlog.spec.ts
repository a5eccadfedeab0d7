import { describe, expect, it } from 'vitest';
import { BACKLOG_DESCRIPTION_MAX, BACKLOG_TITLE_MAX, checkBacklogEntry, waitingBacklog, type BacklogRow } from './backlog';

const at = (day: string) => new Date(`2026-11-${day}T09:00:00Z`);
const row = (id: string, over: Partial<BacklogRow> = {}): BacklogRow => ({
	id,
	title: `Punkt ${id}`,
	description: '',
	sourceMeetingId: null,
	sourceItemId: null,
	createdAt: at('02'),
	scheduledAt: null,
	removedAt: null,
	...over
});

describe('checkBacklogEntry', () => {
	it('takes a trimmed title and an optional description', () => {
		expect(checkBacklogEntry({ title: '  Lokalfrågan ', description: ' Rad ett\nrad två \n' })).toEqual({ ok: true, title: 'Lokalfrågan', description: 'Rad ett\nrad två' });
		expect(checkBacklogEntry({ title: 'Lokalfrågan', description: '' })).toEqual({ ok: true, title: 'Lokalfrågan', description: '' });
	});

	it('refuses a missing or too long title, a too long description and control characters', () => {
		expect(checkBacklogEntry({ title: '   ', description: '' })).toEqual({ ok: false, errors: { title: 'error_backlog_title_required' } });
		expect(checkBacklogEntry({ title: 'x'.repeat(BACKLOG_TITLE_MAX + 1), description: 'y'.repeat(BACKLOG_DESCRIPTION_MAX + 1) })).toEqual({
			ok: false,
			errors: { title: 'error_backlog_title_too_long', description: 'error_backlog_description_too_long' }
		});
		expect(checkBacklogEntry({ title: 'x'.repeat(BACKLOG_TITLE_MAX), description: 'y'.repeat(BACKLOG_DESCRIPTION_MAX) }).ok).toBe(true);
		expect(checkBacklogEntry({ title: 'a\u0000b', description: 'rad\ttab\nny rad\u0007' })).toEqual({
			ok: false,
			errors: { title: 'access_error_control_chars', description: 'access_error_control_chars' }
		});
	});
});

describe('waitingBacklog', () => {
	it('lists only what still waits, oldest first, with where each came from', () => {
		const november = { id: 'm1', title: 'Novembermötet', startsAt: at('24') };
		const rows = [
			row('c', { createdAt: at('05') }),
			row('a', { sourceMeetingId: 'm1', sourceItemId: 'i1', description: 'Anteckning' }),
			row('s', { scheduledAt: at('06') }),
			row('r', { removedAt: at('06') }),
			row('g', { sourceItemId: 'i9', createdAt: at('03') })
		];
		expect(waitingBacklog(rows, [november])).toEqual([
			{ id: 'a', title: 'Punkt a', description: 'Anteckning', since: at('02'), origin: { kind: 'meeting', meetingId: 'm1', meetingTitle: 'Novembermötet', startsAt: at('24'), itemId: 'i1' } },
			{ id: 'g', title: 'Punkt g', description: '', since: at('03'), origin: { kind: 'meeting-gone' } },
			{ id: 'c', title: 'Punkt c', description: '', since: at('05'), origin: { kind: 'direct' } }
		]);
		expect(waitingBacklog([], [november])).toEqual([]);
	});
});
