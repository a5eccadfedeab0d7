import { describe, expect, it } from 'vitest';
import { auditRange, csvField, csvHeader, csvRow, nextDay, parseAuditQuery, startOfLocalDay } from './audit-view';
import { GENESIS_HASH, link } from './audit-chain';

describe('audit log view', () => {
	it('reads the filter form, leaving out what it does not understand', () => {
		const q = (s: string) => parseAuditQuery(new URLSearchParams(s));
		expect(q('person=u1&kind=sign-in&from=2026-11-01&to=2026-11-30&before=42')).toEqual({ person: 'u1', kind: 'sign-in', from: '2026-11-01', to: '2026-11-30', before: 42 });
		expect(q('person=%00x&kind=drop-table&from=2026-02-30&to=yesterday&before=-1')).toEqual({ person: '', kind: '', from: '', to: '', before: null });
		expect(q('')).toEqual({ person: '', kind: '', from: '', to: '', before: null });
	});

	it('turns local days into instants in the reader’s zone, both days included', () => {
		expect(startOfLocalDay('2026-11-30', 'Europe/Stockholm').toISOString()).toBe('2026-11-29T23:00:00.000Z');
		expect(startOfLocalDay('2026-07-01', 'Europe/Stockholm').toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(startOfLocalDay('2026-11-30', 'UTC').toISOString()).toBe('2026-11-30T00:00:00.000Z');
		expect(startOfLocalDay('2026-11-30', 'Asia/Kathmandu').toISOString()).toBe('2026-11-29T18:15:00.000Z');
		expect(startOfLocalDay('2026-11-30', 'America/St_Johns').toISOString()).toBe('2026-11-30T03:30:00.000Z');
		expect(nextDay('2026-12-31')).toBe('2027-01-01');
		expect(auditRange({ person: '', kind: '', from: '2026-11-01', to: '2026-11-01', before: null }, 'Europe/Copenhagen')).toEqual({
			from: new Date('2026-10-31T23:00:00.000Z'),
			to: new Date('2026-11-01T23:00:00.000Z')
		});
	});

	it('writes CSV that a spreadsheet reads as text, never as a formula', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('+46 70')).toBe("'+46 70");
		const r = { id: 7, ...link(GENESIS_HASH, { at: new Date('2026-11-30T08:00:00Z'), actorId: 'u1', actorName: '@Åsa, Öberg', actorAgency: 'Soc', kind: 'role-changed', boardId: 'b1', meetingId: null, subject: 'u2', details: { from: 'viewer', to: 'editor' }, address: '203.0.113.7' }) };
		expect(csvHeader().split(',')).toHaveLength(13);
		expect(csvRow(r)).toBe(`7,2026-11-30T08:00:00.000Z,u1,"'@Åsa, Öberg",Soc,role-changed,b1,,u2,"{""from"":""viewer"",""to"":""editor""}",203.0.113.7,${GENESIS_HASH},${r.hash}`);
	});
});
