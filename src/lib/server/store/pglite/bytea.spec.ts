import { describe, expect, it } from 'vitest';
import { types } from '@electric-sql/pglite';
import { BYTEA_ARRAY, parseBytea, parseByteaArray, serializeBytea } from './bytea';

const pgliteParse = types.parsers[types.BYTEA];
const pgliteSerialize = types.serializers[types.BYTEA];

describe('bytea through Node\'s hex codec', () => {
	const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);

	it('reads what PGlite\'s own parser reads, into a buffer of its own', () => {
		const text = pgliteSerialize(bytes);
		const parsed = parseBytea(text, pgliteParse) as Uint8Array;
		expect(parsed).toEqual(pgliteParse(text));
		expect(parsed.byteOffset).toBe(0);
		expect(parsed.buffer.byteLength).toBe(bytes.length);
		expect(parseBytea('\\x', pgliteParse)).toEqual(new Uint8Array());
	});

	it('writes what PGlite\'s own serializer writes, also from a view into a larger buffer', () => {
		expect(serializeBytea(bytes, pgliteSerialize)).toBe(pgliteSerialize(bytes));
		const view = bytes.subarray(10, 20);
		expect(serializeBytea(view, pgliteSerialize)).toBe(pgliteSerialize(view));
	});

	it('reads a bytea[] as PGlite\'s array parser does, and leaves other shapes to it', () => {
		const arrayParse = (text: string) => types.arrayParser(text, pgliteParse, BYTEA_ARRAY);
		const text = `{"\\${pgliteSerialize(bytes)}",NULL,"\\\\x"}`;
		expect(parseByteaArray(text, arrayParse)).toEqual(arrayParse(text));
		expect(parseByteaArray('{}', arrayParse)).toEqual([]);
		const nested = '{{"\\\\x01"},{"\\\\x02"}}';
		expect(parseByteaArray(nested, arrayParse)).toEqual(arrayParse(nested));
		expect(parseByteaArray(nested, () => 'fallback')).toBe('fallback');
	});

	it('leaves what is not hex or not bytes to the fallback', () => {
		expect(parseBytea('abc', () => 'fallback')).toBe('fallback');
		expect(() => serializeBytea('not bytes', pgliteSerialize)).toThrow();
	});
});
