import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, protocolHash } from './canonical.js';
import { buildFixture } from './protocol-fixture.js';
import { publicVersion, renderProtocol } from './render-protocol.js';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('canonicalBytes', () => {
	it('sorts keys, leaves out undefined, writes no whitespace', () => {
		expect(canonicalJson({ b: 1, a: [true, undefined, null], c: undefined, 'ä': 'x' })).toBe('{"a":[true,null,null],"b":1,"ä":"x"}');
		expect(decode(canonicalBytes({ z: { y: 2, x: 1 } }))).toBe('{"z":{"x":1,"y":2}}');
	});

	it('gives the same bytes for the same documents written by other clients in another order', () => {
		const a = renderProtocol(buildFixture({ clientId: 1001 }));
		const b = renderProtocol(buildFixture({ clientId: 987654, reversed: true }));
		expect(decode(canonicalBytes(b))).toBe(decode(canonicalBytes(a)));
		expect(protocolHash(b)).toBe(protocolHash(a));
	});

	it('gives the same hash after the documents travel as Yjs updates', () => {
		const input = buildFixture();
		const copy = (doc: Y.Doc) => {
			const other = new Y.Doc();
			Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
			return other;
		};
		const travelled = { ...input, meetingDoc: copy(input.meetingDoc), voicesDoc: copy(input.voicesDoc!), boardDoc: copy(input.boardDoc!) };
		expect(protocolHash(renderProtocol(travelled))).toBe(protocolHash(renderProtocol(input)));
	});

	it('renders decisions without kind, review date or reservations as before issue 12 (same canonical form, same hash); with them, the hash covers them', () => {
		const before = renderProtocol(buildFixture());
		// Format 1 as sealed before issue 12: a decision was exactly { number, text }.
		const decisions = before.items.flatMap((item) => ('decisions' in item ? item.decisions : []));
		expect(decisions.map((d) => Object.keys(d).sort())).toEqual(decisions.map(() => ['number', 'text']));
		const sealed = JSON.parse(canonicalJson(before));
		expect(protocolHash(sealed)).toBe(protocolHash(before));
		const detailed = renderProtocol(buildFixture({ decisionDetails: true }));
		expect(protocolHash(detailed)).not.toBe(protocolHash(before));
		expect(canonicalJson(detailed)).toContain('"kind":"majority"');
	});

	it('renders items that were not carried as before the carry-over line (no key, same hash); a carried § gets where it went, and the hash covers it', () => {
		const before = renderProtocol(buildFixture());
		expect(before.items.some((item) => 'carriedTo' in item)).toBe(false);
		// The targets alone (no item marked) add nothing either.
		const targetsOnly = renderProtocol({ ...buildFixture(), carriedTargets: { x: { title: 'X', startsAt: new Date(0) } } });
		expect(decode(canonicalBytes(targetsOnly))).toBe(decode(canonicalBytes(before)));
		const carried = renderProtocol(buildFixture({ carried: true }));
		expect(canonicalJson(carried)).toContain('"carriedTo":{"date":"2027-01-15","kind":"meeting","meetingTitle":"Ledningsgruppens möte i januari"}');
		expect(protocolHash(carried)).not.toBe(protocolHash(before));
		// Only § 4 differs.
		const without = { ...carried, items: carried.items.map((item) => (item.number === 4 ? { ...item, carriedTo: undefined } : item)) };
		expect(protocolHash(without)).toBe(protocolHash(before));
	});

	it('changes the hash when one character changes', () => {
		const a = protocolHash(renderProtocol(buildFixture()));
		const b = protocolHash(renderProtocol(buildFixture({ title2: 'Bostad först – läget i Åsbz' })));
		expect(b).not.toBe(a);
	});

	it('hashes NFC and NFD spellings of the same words alike', () => {
		const nfc = 'Bostad först – läget i Åsby'.normalize('NFC');
		const nfd = nfc.normalize('NFD');
		expect(nfd).not.toBe(nfc);
		const a = protocolHash(renderProtocol(buildFixture({ title2: nfc })));
		const b = protocolHash(renderProtocol(buildFixture({ title2: nfd })));
		expect(b).toBe(a);
		expect(protocolHash({ [nfd]: 1 })).toBe(protocolHash({ [nfc]: 1 }));
	});

	it('is lowercase hex SHA-256', () => {
		// SHA-256 of the two bytes "{}".
		expect(protocolHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
	});

	// A regression test of the canonical form itself: this hash was computed once from the fixture
	// and pinned. If it changes, every stored hash of an adjusted protocol stops verifying — change
	// PROTOCOL_FORMAT (and keep the old form readable) rather than this value.
	it('keeps the pinned hash of the fixture', () => {
		const protocol = renderProtocol(buildFixture());
		expect(protocolHash(protocol)).toBe('e6fc22fd1c608ab3db24904393eba685661511509be50b0d605be5518f6a11fb');
		expect(protocolHash(publicVersion(protocol))).toBe('65cad3eccd0668c99fe9b9b0974abfab067448e79984327aa2bd6a20509d41c0');
	});
});
