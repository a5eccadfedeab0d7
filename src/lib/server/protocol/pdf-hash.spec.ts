import { describe, expect, it } from 'vitest';
import { SV_LABELS, buildFixture } from '$lib/domain/protocol/protocol-fixture.js';
import { protocolHash } from '$lib/domain/protocol/canonical.js';
import { publicVersion, renderProtocol } from '$lib/domain/protocol/render-protocol.js';
import { protocolToPdf, type PdfLabels } from './pdf.js';
import { hashFromPdf, looksLikePdf } from './pdf-hash.js';

const SV: PdfLabels = { ...SV_LABELS, pageOf: (p, n) => `Sida ${p} av ${n}`, hashLine: (h) => `SHA-256: ${h}` };
const ascii = (text: string) => new TextEncoder().encode(text);

describe('hashFromPdf', () => {
	it('reads the hash back from a PDF made by protocolToPdf, internal and public', async () => {
		const protocol = renderProtocol(buildFixture());
		const hash = protocolHash(protocol);
		const internal = await protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE', hash });
		const published = await protocolToPdf(publicVersion(protocol), SV, { title: 'Protokoll', lang: 'sv-SE', hash });
		expect(hashFromPdf(internal)).toBe(hash);
		expect(hashFromPdf(published)).toBe(hash);
	});

	it('finds nothing in a protocol PDF made without a hash', async () => {
		const pdf = await protocolToPdf(renderProtocol(buildFixture()), SV, { title: 'Protokoll', lang: 'sv-SE' });
		expect(looksLikePdf(pdf)).toBe(true);
		expect(hashFromPdf(pdf)).toBeNull();
	});

	it('finds nothing in bytes that are not a PDF, or a key that holds no hash', () => {
		const hash = 'a'.repeat(64);
		expect(hashFromPdf(ascii(`/SamtavlaHash (${hash})`))).toBeNull();
		expect(hashFromPdf(ascii('%PDF-1.7\n1 0 obj\n<< /SamtavlaHash (not a hash) >>\nendobj'))).toBeNull();
		expect(hashFromPdf(ascii('%PDF-1.7\n1 0 obj\n<< /SamtavlaHash 9 0 R >>\nendobj'))).toBeNull();
		expect(hashFromPdf(new Uint8Array())).toBeNull();
	});

	it('reads a direct or hex string value, and the last one when the file was updated', () => {
		const a = 'ab'.repeat(32);
		const b = 'cd'.repeat(32);
		const hex = Buffer.from(b, 'latin1').toString('hex');
		expect(hashFromPdf(ascii(`%PDF-1.7\n1 0 obj\n<< /SamtavlaHash (${a.toUpperCase()}) >>\nendobj`))).toBe(a);
		expect(hashFromPdf(ascii(`%PDF-1.7\n1 0 obj\n<< /SamtavlaHash <${hex}> >>\nendobj`))).toBe(b);
		expect(hashFromPdf(ascii(`%PDF-1.7\n7 0 obj\n(${a})\nendobj\n7 0 obj\n(${b})\nendobj\n1 0 obj\n<< /SamtavlaHash 7 0 R >>\nendobj`))).toBe(b);
	});
});
