import { describe, expect, it } from 'vitest';
import { fromPostgrestBytea, toPostgrestBytea } from './bytea';

const every = Uint8Array.from({ length: 256 }, (_, i) => i);

function random(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(length, i + 65536)));
	return bytes;
}

describe('bytea through PostgREST JSON', () => {
	it('encodes as PostgreSQL prints bytea: \\x and two lowercase hex digits per byte', () => {
		expect(toPostgrestBytea(Uint8Array.of())).toBe('\\x');
		expect(toPostgrestBytea(Uint8Array.of(0, 1, 0x5c, 0x78, 0xab, 0xff))).toBe('\\x00015c78abff');
		// As it travels in a request body: one escaped backslash in JSON.
		expect(JSON.stringify({ p_state: toPostgrestBytea(Uint8Array.of(0, 0xff)) })).toBe('{"p_state":"\\\\x00ff"}');
	});

	it('round-trips exactly: empty, every byte value, zero and 0xff runs, large', () => {
		const zeros = new Uint8Array(1000);
		const ones = new Uint8Array(1000).fill(0xff);
		const large = random(3_000_000);
		for (const bytes of [Uint8Array.of(), every, zeros, ones, Uint8Array.of(0x5c, 0x78, 0x30, 0x30), large]) {
			const back = fromPostgrestBytea(toPostgrestBytea(bytes));
			expect(back).toBeInstanceOf(Uint8Array);
			expect(back.byteLength).toBe(bytes.byteLength);
			expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
		}
	});

	it('encodes only the view of a larger buffer', () => {
		const view = every.subarray(100, 104);
		expect(toPostgrestBytea(view)).toBe('\\x64656667');
	});

	it('decodes what PostgREST sends, upper-case hex included, into a buffer of its own', () => {
		const bytes = fromPostgrestBytea('\\x00FFab');
		expect([...bytes]).toEqual([0, 255, 171]);
		expect(bytes.byteOffset).toBe(0);
		expect(bytes.buffer.byteLength).toBe(3);
	});

	it('refuses anything that is not hex bytea rather than return wrong bytes', () => {
		for (const bad of ['', 'x00', '00ff', '\\x0', '\\x0g', '\\\\x00', '\\000\\377', null, 42, ['\\x00']]) {
			expect(() => fromPostgrestBytea(bad, 'snapshot'), JSON.stringify(bad)).toThrow(/snapshot: expected PostgREST's hex bytea/);
		}
	});
});
