import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ADDENDA, CARRIED_LINE, DECISION_DETAIL_WORDS, INTERNAL_WORDS, SV_LABELS, buildFixture } from '$lib/domain/protocol/protocol-fixture.js';
import type { ProtocolItem } from '$lib/domain/protocol/protocol-model.js';
import { publicVersion, renderProtocol } from '$lib/domain/protocol/render-protocol.js';
import { protocolToDocx, type DocxLabels } from './docx.js';

/** Swedish labels as the export route will pass them (the Markdown spec's, plus the DOCX's own). */
const SV: DocxLabels = {
	...SV_LABELS,
	pageOf: (page, pages) => `Sida ${page} av ${pages}`,
	hashLine: (hash) => `Kontrollsumma (SHA-256): ${hash}`
};

const TITLE = 'Protokoll – Ledningsgruppens möte i november';
const HASH = 'ab'.repeat(32);

/** Every part of the package as text (all parts here are XML). */
async function unpack(bytes: Uint8Array): Promise<Record<string, string>> {
	const zip = await JSZip.loadAsync(bytes);
	const parts: Record<string, string> = {};
	for (const file of Object.values(zip.files)) if (!file.dir) parts[file.name] = await file.async('string');
	return parts;
}

const unescape = (xml: string) =>
	xml.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);

/** The document's paragraphs in order: style, list numbering and text. */
function paragraphs(xml: string) {
	return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
		const body = m[1] ?? m[2];
		return {
			style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null,
			numId: /<w:numId w:val="(\d+)"/.exec(body)?.[1] ?? null,
			text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('')
		};
	});
}

describe('protocolToDocx', () => {
	it('writes Word structure: title, § headings in order, numbered decisions, language, title and page numbers', async () => {
		const parts = await unpack(await protocolToDocx(renderProtocol(buildFixture()), SV, { title: TITLE, lang: 'sv-SE', hash: HASH }));
		const doc = parts['word/document.xml'];
		const list = paragraphs(doc);

		expect(list[0]).toMatchObject({ style: 'Title', text: 'Ledningsgruppens möte i november' });
		expect(list.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
			'§ 1 Mötets öppnande',
			'§ 2 Bostad först – läget i Åsby',
			'§ 3 Förhandling med hyresvärden',
			'§ 4 Övriga frågor',
			'Åtgärder utan paragraf',
			'Övriga anteckningar',
			'Brukarreporterns sammanfattning'
		]);
		expect(list.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain('Beslut');
		expect(list.find((p) => p.text === 'Läget')?.style).toBe('Heading3');

		// Decisions are real list paragraphs; § 4's list starts at its number within the meeting.
		const decisions = ['Gruppen ställer sig bakom Bostad först.', 'Uppföljning sker i mars.', 'Arbetsförmedlingen lägger ett bud på 40 lägenheter.', 'Nästa möte hålls den 15 januari.'];
		const decisionParagraphs = decisions.map((text) => list.find((p) => p.text === text));
		for (const p of decisionParagraphs) expect(p?.numId).not.toBeNull();
		expect(decisionParagraphs[0]!.numId).toBe(decisionParagraphs[1]!.numId);
		const numbering = parts['word/numbering.xml'];
		const abstractOf = (numId: string) => new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(numbering)?.[1];
		const firstLevel = (numId: string) => new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractOf(numId)}"[\\s\\S]*?<w:lvl [^>]*w:ilvl="0"[\\s\\S]*?</w:lvl>`).exec(numbering)?.[0] ?? '';
		expect(firstLevel(decisionParagraphs[0]!.numId!)).toMatch(/<w:start w:val="1"\/>[\s\S]*<w:numFmt w:val="decimal"\/>/);
		expect(firstLevel(decisionParagraphs[3]!.numId!)).toMatch(/<w:start w:val="4"\/>[\s\S]*<w:numFmt w:val="decimal"\/>/);
		// The minutes' own lists are lists too, bulleted and numbered.
		expect(firstLevel(list.find((p) => p.text === 'Två väntar på *besked* från Åsbyhem')!.numId!)).toContain('<w:numFmt w:val="bullet"/>');
		expect(firstLevel(list.find((p) => p.text === 'Kartlägga behoven')!.numId!)).toContain('<w:numFmt w:val="decimal"/>');

		// Formatting, links, perspectives in the Quote style with their author, the hash line.
		expect(doc).toMatch(/<w:b\/>[\s\S]{0,200}<w:t[^>]*>egen lägenhet<\/w:t>/);
		// The relationship id is random (and may hold "-" or "_"): follow it to its target.
		const linkId = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>(?:(?!<\/w:hyperlink>)[\s\S])*rapporten/.exec(doc)?.[1];
		expect(linkId).toBeTruthy();
		expect(parts['word/_rels/document.xml.rels']).toContain(`Id="${linkId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.se/rapport" TargetMode="External"`);
		expect(list.filter((p) => p.style === 'Quote').map((p) => p.text)).toContain('— Maria Johansson, Brukarföreningen Vägen');
		expect(list.at(-1)).toEqual({ style: 'HashLine', numId: null, text: `Kontrollsumma (SHA-256): ${HASH}` });

		expect(parts['word/styles.xml']).toMatch(/<w:rPrDefault>[\s\S]*<w:lang w:val="sv-SE"\/>[\s\S]*<\/w:rPrDefault>/);
		expect(parts['docProps/core.xml']).toContain(`<dc:title>${TITLE}</dc:title>`);
		expect(parts['docProps/core.xml']).toContain('<cp:lastModifiedBy>Samtavla</cp:lastModifiedBy>');
		const footer = Object.entries(parts).find(([name]) => name.startsWith('word/footer'))![1];
		// The label's words around Word's fields, in the label's order: "Sida {PAGE} av {NUMPAGES}".
		const footerText = footer.replace(/<w:instrText[^>]*>\s*([A-Z]+)\s*<\/w:instrText>/g, '{$1}').replace(/<[^>]+>/g, '');
		expect(footerText).toMatch(/Sida \{PAGE\}.* av \{NUMPAGES\}/);
	});

	it('writes a decision’s kind, review date and reservation under it, before the next decision (issue 12.5)', async () => {
		const bytes = await protocolToDocx(renderProtocol(buildFixture({ decisionDetails: true })), SV, { title: TITLE, lang: 'sv-SE' });
		const list = paragraphs((await unpack(bytes))['word/document.xml']).map((p) => p.text);
		const at = list.indexOf('Gruppen ställer sig bakom Bostad först.');
		expect(list.slice(at + 1, at + 5)).toEqual([
			'Majoritetsbeslut. Utvärderas senast 31 mars 2027.',
			'Reservation av Maria Johansson, Brukarföreningen Vägen:',
			'Vi delar inte bedömningen.Brukarna behöver mer stöd.',
			'Uppföljning sker i mars.'
		]);
		expect(DECISION_DETAIL_WORDS.every((w) => list.join('\n').includes(w))).toBe(true);
	});

	it('writes where a carried § went right under its heading (issue 12.6)', async () => {
		const bytes = await protocolToDocx(renderProtocol(buildFixture({ carried: true })), SV, { title: TITLE, lang: 'sv-SE' });
		const list = paragraphs((await unpack(bytes))['word/document.xml']).map((p) => p.text);
		expect(list[list.indexOf('§ 4 Övriga frågor') + 1]).toBe(CARRIED_LINE);
		const plain = paragraphs((await unpack(await protocolToDocx(renderProtocol(buildFixture()), SV, { title: TITLE, lang: 'sv-SE' })))['word/document.xml']);
		expect(plain.some((p) => p.text.startsWith('Flyttad till'))).toBe(false);
	});

	it('leaves out every word of the internal item in the public version, with the omitted-item line', async () => {
		const bytes = await protocolToDocx(publicVersion(renderProtocol(buildFixture())), SV, { title: TITLE, lang: 'sv-SE' });
		const parts = await unpack(bytes);
		const list = paragraphs(parts['word/document.xml']);
		const at = list.findIndex((p) => p.style === 'Heading1' && p.text === '§ 3');
		expect(list[at + 1].text).toBe('§ 3 är utelämnad i den offentliga versionen (pågående förhandling).');
		expect(list[at + 2]).toMatchObject({ style: 'Heading1', text: '§ 4 Övriga frågor' });
		// Decision 3 is gone, and § 4's decision keeps its number 4.
		expect(list.some((p) => p.text === 'Nästa möte hålls den 15 januari.')).toBe(true);
		const everything = Object.values(parts).join('\n');
		for (const words of INTERNAL_WORDS) expect(everything).not.toContain(words);
		expect(everything).not.toContain('Kontrollsumma');
	});

	it('sets the language it is given and keeps å, ä, ö and text that looks like markup', async () => {
		const parts = await unpack(await protocolToDocx(renderProtocol(buildFixture({ title2: 'Åäö <b>&amp; "x"\u0007' })), SV, { title: 'Tål & <b>', lang: 'da-DK' }));
		expect(parts['word/styles.xml']).toContain('<w:lang w:val="da-DK"/>');
		expect(parts['docProps/core.xml']).toContain('<dc:title>Tål &amp; &lt;b&gt;</dc:title>');
		// Read back as text: what was typed, without the BEL that XML cannot carry.
		expect(paragraphs(parts['word/document.xml']).map((p) => p.text)).toContain('§ 2 Åäö <b>&amp; "x"');
		expect(parts['word/document.xml']).not.toContain('\u0007');
	});

	it('reads back with mammoth as headings and ordered lists', async () => {
		const bytes = await protocolToDocx(renderProtocol(buildFixture()), SV, { title: TITLE, lang: 'sv-SE' });
		const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
		expect(html).toContain('<h1>§ 2 Bostad först – läget i Åsby</h1>');
		expect(html).toContain('<h2>Beslut</h2>');
		expect(html).toContain('<ol><li>Gruppen ställer sig bakom Bostad först.</li><li>Uppföljning sker i mars.</li></ol>');
		expect(html).toContain('<ul><li>Två väntar på *besked* från Åsbyhem</li>');
		expect(html).toContain('<a href="https://example.se/rapport">rapporten</a>');
	});

	it('nests lists as list levels, and keeps the later paragraphs of a decision under its number', async () => {
		const protocol = renderProtocol(buildFixture());
		const run = (text: string, more: Partial<{ bold: boolean; italic: boolean; href: string }> = {}) => ({ text, bold: false, italic: false, href: null, ...more });
		const first = protocol.items[0] as ProtocolItem;
		first.minutes = [
			{
				type: 'orderedList',
				items: [
					[
						{ type: 'paragraph', runs: [run('Första\nandra raden')] },
						{ type: 'bulletList', items: [[{ type: 'paragraph', runs: [run('viktigt', { bold: true, italic: true })] }]] }
					],
					[{ type: 'paragraph', runs: [run('Andra punkten')] }]
				]
			}
		];
		first.decisions = [{ number: 1, text: 'Beslutet.\n\nMed motivering.' }];
		const bytes = await protocolToDocx(protocol, SV, { title: TITLE, lang: 'sv-SE' });
		const list = paragraphs((await unpack(bytes))['word/document.xml']);
		const nested = list.find((p) => p.text === 'viktigt')!;
		expect(nested.numId).not.toBeNull();
		expect(nested.numId).not.toBe(list.find((p) => p.text === 'Andra punkten')!.numId);
		const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
		expect(html).toContain('<ol><li>Första<br />andra raden<ul><li><strong><em>viktigt</em></strong></li></ul></li><li>Andra punkten</li></ol>');
		expect(html).toContain('<ol><li>Beslutet.</li></ol><p>Med motivering.</p>');
	});

	it('puts approved addenda after the protocol and its hash: a heading, each with its text, approval and hash', async () => {
		const parts = await unpack(await protocolToDocx(renderProtocol(buildFixture()), SV, { title: TITLE, lang: 'sv-SE', hash: HASH, addenda: ADDENDA }));
		const list = paragraphs(parts['word/document.xml']);
		const at = (text: string) => list.findIndex((p) => p.text === text);
		const protocolHash = list.findIndex((p) => p.text === `Kontrollsumma (SHA-256): ${HASH}`);
		expect(protocolHash).toBeGreaterThan(0);
		expect(list[at('Protokollsanteckningar')]).toMatchObject({ style: 'Heading1' });
		expect(at('Protokollsanteckningar')).toBeGreaterThan(protocolHash);
		expect(list[at('Protokollsanteckning 1')]).toMatchObject({ style: 'Heading2' });
		expect(at('I § 2 ska beslutet lyda: Boendet öppnar den 1 mars.')).toBe(at('Protokollsanteckning 1') + 1);
		expect(list[at('Protokollsanteckning 1') + 2].text).toMatch(/^Godkänd 3 december 2026 (kl\. )?10:15$/);
		expect(list[at('Protokollsanteckning 1') + 3]).toMatchObject({ style: 'HashLine', text: `Kontrollsumma (SHA-256): ${'a'.repeat(64)}` });
		expect(at('Protokollsanteckning 2')).toBeGreaterThan(at('Protokollsanteckning 1'));
	});
});
