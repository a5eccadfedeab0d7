import { describe, expect, it } from 'vitest';
import { groupVersions, type LogRow } from './versions';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const row = (id: number, minutes: number, who: string | null, agency: string | null = who ? `ag-${who}` : null): LogRow => ({
	id,
	at: new Date(T0 + minutes * 60_000),
	authorId: who,
	agencyId: agency,
	source: who ? 'member' : 'server'
});

describe('groupVersions', () => {
	it('starts a new version after two quiet minutes, not before', () => {
		// 1.9 min after the last edit: the same version; 2.05 min after: a new one.
		const versions = groupVersions([row(1, 0, 'anna'), row(2, 1.9, 'anna'), row(3, 3.95, 'bo'), row(4, 5.85, 'bo')]);
		expect(versions.map((v) => [v.id, v.updates])).toEqual([
			[2, 2],
			[4, 2]
		]);
	});

	it('cuts continuous editing at least every ten minutes', () => {
		const rows = Array.from({ length: 25 }, (_, i) => row(i + 1, i, i % 2 ? 'anna' : 'bo'));
		const versions = groupVersions(rows);
		expect(versions.map((v) => v.updates)).toEqual([10, 10, 5]);
		expect(versions[0].from.getTime()).toBe(T0);
		expect(versions[0].at.getTime()).toBe(T0 + 9 * 60_000);
	});

	it('cuts at every status change, and says which one ended it', () => {
		const changes = [{ kind: 'moved', at: new Date(T0 + 30_000) }];
		const versions = groupVersions([row(1, 0, 'anna'), row(2, 1, 'bo')], changes);
		expect(versions.map((v) => [v.id, v.endedBy?.kind ?? null])).toEqual([
			[1, 'moved'],
			[2, null]
		]);
		// A change after the last edit ends the last version.
		const later = groupVersions([row(1, 0, 'anna')], [{ kind: 'adjusted', at: new Date(T0 + 60 * 60_000) }]);
		expect(later[0].endedBy?.kind).toBe('adjusted');
	});

	it('names each person and agency once per version, the server and legacy rows apart', () => {
		const rows: LogRow[] = [row(1, 0, 'anna'), row(2, 0.1, 'bo'), row(3, 0.2, 'anna'), row(4, 0.3, null), { ...row(5, 0.4, null), source: 'legacy' }, row(6, 0.5, 'cia', 'ag-anna')];
		const [v] = groupVersions(rows);
		expect(v.authors.map((a) => a.userId ?? a.source)).toEqual(['anna', 'bo', 'server', 'legacy', 'cia']);
		expect(v.agencyIds).toEqual(['ag-anna', 'ag-bo']);
		expect(v.updates).toBe(6);
	});

	it('orders the two documents’ rows by id, and gives no versions for no rows', () => {
		expect(groupVersions([])).toEqual([]);
		const versions = groupVersions([row(3, 0.2, 'bo'), row(1, 0, 'anna')]);
		expect(versions).toHaveLength(1);
		expect(versions[0].id).toBe(3);
		expect(versions[0].authors.map((a) => a.userId)).toEqual(['anna', 'bo']);
	});
});
