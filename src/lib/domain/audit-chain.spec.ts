import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditCanonical, auditHash, link, storableContent, verifyChain, ChainVerifier, type AuditContent, type AuditRecord } from './audit-chain';

const entry = (n: number, overrides: Partial<AuditContent> = {}): AuditContent => ({
	at: new Date(Date.UTC(2026, 10, 30, 8, 0, n)),
	actorId: `u${n}`,
	actorName: 'Åsa Öberg',
	actorAgency: 'Socialförvaltningen',
	kind: 'sign-in',
	boardId: null,
	meetingId: null,
	subject: null,
	details: { n },
	address: '203.0.113.7',
	...overrides
});

function chain(count: number, start = GENESIS_HASH): AuditRecord[] {
	const out: AuditRecord[] = [];
	let prev = start;
	for (let i = 1; i <= count; i++) {
		const l = link(prev, entry(i));
		out.push({ id: i, ...l });
		prev = l.hash;
	}
	return out;
}

describe('audit chain', () => {
	it('hashes the previous hash and the canonical content, key order not mattering', () => {
		const a = entry(1, { details: { b: 1, a: 'x' } });
		const b = entry(1, { details: { a: 'x', b: 1 } });
		expect(auditCanonical(a)).toBe(auditCanonical(b));
		expect(auditHash(GENESIS_HASH, a)).toMatch(/^[0-9a-f]{64}$/);
		expect(auditHash(GENESIS_HASH, a)).toBe(auditHash(GENESIS_HASH, b));
		expect(auditHash('1'.repeat(64), a)).not.toBe(auditHash(GENESIS_HASH, a));
		expect(auditCanonical(a)).toContain('"at":"2026-11-30T08:00:01.000Z"');
	});

	it('an intact chain passes and reports its head', () => {
		const records = chain(5);
		const report = verifyChain(GENESIS_HASH, records);
		expect(report).toEqual({ entries: 5, head: records[4].hash, breaks: [] });
		expect(verifyChain(GENESIS_HASH, [])).toEqual({ entries: 0, head: GENESIS_HASH, breaks: [] });
	});

	it('finds a removed entry in the middle', () => {
		const records = chain(5);
		const report = verifyChain(GENESIS_HASH, [...records.slice(0, 2), ...records.slice(3)]);
		expect(report.breaks).toEqual([{ id: 4, problem: 'gap', expected: records[1].hash, found: records[2].hash }]);
	});

	it('finds an altered entry, once, whichever field changed', () => {
		for (const change of [{ kind: 'sign-out' }, { actorName: 'Someone else' }, { details: { n: 99 } }, { at: new Date(0) }, { address: null }] as Partial<AuditContent>[]) {
			const records = chain(4);
			records[1] = { ...records[1], ...change };
			expect(verifyChain(GENESIS_HASH, records).breaks).toEqual([{ id: 2, problem: 'altered' }]);
		}
	});

	it('finds removed oldest entries unless the start says where the chain now begins', () => {
		const records = chain(5);
		expect(verifyChain(GENESIS_HASH, records.slice(2)).breaks).toEqual([{ id: 3, problem: 'gap', expected: GENESIS_HASH, found: records[1].hash }]);
		expect(verifyChain(records[1].hash, records.slice(2)).breaks).toEqual([]);
	});

	it('checks page by page as it would all at once', () => {
		const records = chain(7);
		records[5] = { ...records[5], details: { n: 0 } };
		const v = new ChainVerifier(GENESIS_HASH);
		v.add(records.slice(0, 3));
		v.add(records.slice(3));
		expect(v.report()).toEqual(verifyChain(GENESIS_HASH, records));
	});

	it('makes text storable so what is read back hashes alike', () => {
		const content = storableContent(entry(1, { actorName: 'a\u0000b\ud800', details: { x: 'é\udc00', nested: [{ 'k\u0000': 1, gone: undefined }], when: new Date(0), bad: Number.NaN } }));
		expect(content.actorName).toBe('a\ufffdb\ufffd');
		expect(content.details).toEqual({ x: 'é\ufffd', nested: [{ 'k\ufffd': 1 }], when: '1970-01-01T00:00:00.000Z', bad: null });
		// Emoji (valid surrogate pairs) are kept.
		expect(storableContent(entry(1, { actorName: '🏠' })).actorName).toBe('🏠');
		const roundTrip = JSON.parse(JSON.stringify(content.details));
		expect(auditHash(GENESIS_HASH, { ...content, details: roundTrip })).toBe(auditHash(GENESIS_HASH, content));
	});
});
