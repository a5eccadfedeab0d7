import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDENDA, CARRIED_LINE, DECISION_DETAIL_WORDS, INTERNAL_WORDS, SV_LABELS, buildFixture } from '$lib/domain/protocol/protocol-fixture.js';
import { isOmitted, type ProtocolItem } from '$lib/domain/protocol/protocol-model.js';
import { publicVersion, renderProtocol } from '$lib/domain/protocol/render-protocol.js';
import { protocolToPdf, type PdfLabels } from './pdf.js';

/** The PDF is checked by Debian's poppler-utils (pdfinfo, pdftotext), as a reader would see it. */
function hasPoppler(): boolean {
	try {
		execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
		execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}
const poppler = hasPoppler();
const missing = 'pdfinfo/pdftotext not found: install poppler-utils (apt-get install poppler-utils)';
if (!poppler && process.env.CI !== 'true') console.warn(`[pdf.spec] skipped: ${missing}`);

const SV: PdfLabels = {
	...SV_LABELS,
	pageOf: (page, pages) => `Sida ${page} av ${pages}`,
	hashLine: (hash) => `Kontrollsumma (SHA-256): ${hash}`
};

const dir = mkdtempSync(join(tmpdir(), 'samtavla-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writePdf(name: string, bytes: Promise<Uint8Array>): Promise<string> {
	const path = join(dir, name);
	writeFileSync(path, await bytes);
	return path;
}
const pdfinfo = (path: string) => execFileSync('pdfinfo', [path], { encoding: 'utf8' });
const pdftotext = (path: string) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
/** Layout text wraps and pads lines: compare with runs of whitespace made single spaces. */
const squash = (text: string) => text.replace(/\s+/g, ' ');

function expectInOrder(text: string, parts: string[]): void {
	let from = 0;
	for (const part of parts) {
		const at = text.indexOf(part, from);
		expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
		from = at + part.length;
	}
}

const skipPdf = !poppler && process.env.CI !== 'true';
if (skipPdf) console.warn(`protocolToPdf: skipped — ${missing}`);
describe.skipIf(skipPdf)('protocolToPdf', () => {
	it('has poppler-utils to check the PDF with', () => {
		expect(poppler, missing).toBe(true);
	});

	it('writes a tagged A4 PDF with title and language that pdfinfo reads', async () => {
		const protocol = renderProtocol(buildFixture());
		const path = await writePdf('internal.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll – Ledningsgruppens möte i november', lang: 'sv-SE' }));
		const info = pdfinfo(path);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(/^Title:\s+Protokoll – Ledningsgruppens möte i november$/m);
		expect(info).toMatch(/^Pages:\s+\d+$/m);
		expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
		expect(info).toMatch(/^PDF version:\s+1\.7$/m);
		// The structure tree a screen reader follows: headings, sections, lists with labels, quotes.
		const tree = execFileSync('pdfinfo', ['-struct', path], { encoding: 'utf8' });
		for (const tag of ['Document', 'H1', 'Sect', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'BlockQuote']) expect(tree).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
	});

	it('is PDF/UA as far as the file can say: every font embedded with Unicode, and PDF/UA-1 in its metadata', async () => {
		const path = await writePdf('ua.pdf', protocolToPdf(renderProtocol(buildFixture()), SV, { title: 'Protokoll', lang: 'sv-SE' }));
		const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
		expect(fonts.length).toBeGreaterThan(0);
		// Columns: name, type, encoding, emb, sub, uni, object, generation.
		for (const line of fonts) expect(line.trim().split(/\s+/).slice(-5, -2), line).toEqual(['yes', 'yes', 'yes']);
		expect(fonts.every((line) => /DejaVuSans/.test(line))).toBe(true);
		const meta = execFileSync('pdfinfo', ['-meta', path], { encoding: 'utf8' });
		expect(meta).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
	});

	it('shows the header, every § and every decision in order, with å ä ö intact', async () => {
		const protocol = renderProtocol(buildFixture());
		const text = squash(pdftotext(await writePdf('order.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		const items = protocol.items.filter((e): e is ProtocolItem => !isOmitted(e));
		expect(items).toHaveLength(4);
		const expected = ['Ledningsgruppens möte i november', 'Ledningsgrupp för utveckling – Åsby', 'Ordförande: Karin Lindqvist (Socialförvaltningen Åsby)'];
		for (const item of items) {
			expected.push(`§ ${item.number} ${item.title}`);
			for (const d of item.decisions) expected.push(d.text);
		}
		expectInOrder(text, expected);
		expect(text).toContain('Anmält förhinder: Sara Berg (Socialförvaltningen Åsby)');
		expect(text).toContain('Kartlägga behoven av boendestöd — Ansvarig: Socialförvaltningen Åsby (Sara Berg) — Klart senast: 2027-02-01');
		expectInOrder(text, ['Brukarperspektiv', 'Det viktigaste är att få en egen nyckel.', '— Maria Johansson, Brukarföreningen Vägen']);
		expectInOrder(text, ['Åtgärder utan paragraf', 'Boka lokal för januari', 'Övriga anteckningar', 'Mötet avslutades 15.05.']);
		expectInOrder(text, ['Brukarreporterns sammanfattning', 'Vi fick svar på två av tre frågor.', '— Ali Rahimi', 'Ett bra möte.']);
		// Decisions keep their meeting-wide numbers; user text is printed as typed.
		expect(text).toMatch(/4\. Nästa möte hålls den 15 januari\./);
		expect(text).toContain('# Inga övriga frågor [sic] – _nästa_ möte 15/1.');
		// The address may wrap after its slash.
		expect(text).toMatch(/rapporten \(https:\/\/example\.se\/ ?rapport\)/);
		expect(text).toMatch(/Sida 1 av \d+/);
	});

	it('prints a decision’s kind, review date and reservation under its text (issue 12.5)', async () => {
		const protocol = renderProtocol(buildFixture({ decisionDetails: true }));
		const text = squash(pdftotext(await writePdf('details.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		// A reservation is a quote, signed below it as perspectives are.
		const [kind, review, by, words] = DECISION_DETAIL_WORDS;
		expectInOrder(text, ['Gruppen ställer sig bakom Bostad först.', kind, review, words, `— ${by}`, 'Uppföljning sker i mars.']);
	});

	it('prints where a carried § went under its heading (issue 12.6)', async () => {
		const protocol = renderProtocol(buildFixture({ carried: true }));
		const text = squash(pdftotext(await writePdf('carried.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		expectInOrder(text, ['§ 4 Övriga frågor', CARRIED_LINE, 'Inga övriga frågor']);
	});

	it('prints names in other scripts as written, in the embedded font', async () => {
		const protocol = renderProtocol(buildFixture());
		protocol.header.boardName = 'Styrelse med Şahin Yılmaz, Łukasz, Nguyễn och علي';
		const text = squash(pdftotext(await writePdf('names.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		expect(text).toContain('Styrelse med Şahin Yılmaz, Łukasz, Nguyễn och');
	});

	it('prints the hash line when given, and page numbers on every page', async () => {
		const protocol = renderProtocol(buildFixture());
		// A long protocol, so that it runs over several pages.
		const first = protocol.items[0] as ProtocolItem;
		first.minutes = Array.from({ length: 80 }, (_, i) => ({ type: 'paragraph' as const, runs: [{ text: `Rad ${i + 1} i protokollet, med å, ä och ö.`, bold: false, italic: false, href: null }] }));
		const hash = 'a'.repeat(64);
		const path = await writePdf('long.pdf', protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE', hash }));
		const pages = Number(/^Pages:\s+(\d+)$/m.exec(pdfinfo(path))![1]);
		expect(pages).toBeGreaterThan(1);
		const text = pdftotext(path);
		for (let page = 1; page <= pages; page++) expect(text).toContain(`Sida ${page} av ${pages}`);
		expect(squash(text)).toContain(`Kontrollsumma (SHA-256): ${hash}`);
		expectInOrder(squash(text), ['Rad 1 i protokollet, med å, ä och ö.', 'Rad 80 i', '§ 2 Bostad först']);
	});

	it('keeps a § heading with its first lines: never the last line of a page', async () => {
		// Longer and longer first §s push the next heading through every position on the page.
		let bottomsChecked = 0;
		for (let lines = 30; lines < 52; lines++) {
			const protocol = renderProtocol(buildFixture());
			(protocol.items[0] as ProtocolItem).minutes = Array.from({ length: lines }, (_, i) => ({ type: 'paragraph' as const, runs: [{ text: `Rad ${i + 1}.`, bold: false, italic: false, href: null }] }));
			const pages = pdftotext(await writePdf(`keep-${lines}.pdf`, protocolToPdf(protocol, SV, { title: 'Protokoll', lang: 'sv-SE' }))).split('\f');
			for (const page of pages) {
				const body = page.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !/^Sida \d+ av \d+$/.test(line));
				if (body.length === 0) continue;
				bottomsChecked++;
				expect(body.at(-1), `last line of a page with ${lines} lines in § 1`).not.toMatch(/^(§ ?\d|Beslut$|Brukarperspektiv$)/);
			}
		}
		expect(bottomsChecked).toBeGreaterThan(22);
		// 22 PDFs, each read back by pdftotext: ~5 s on a shared 2-core machine, past the default timeout.
	}, 30_000);

	it('leaves every word of an internal item out of the public version, with the omitted line', async () => {
		const internal = squash(pdftotext(await writePdf('internal-words.pdf', protocolToPdf(renderProtocol(buildFixture()), SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		// The words are there in the internal version, so their absence below means something.
		for (const words of INTERNAL_WORDS) expect(internal).toContain(words);
		const publicText = squash(pdftotext(await writePdf('public.pdf', protocolToPdf(publicVersion(renderProtocol(buildFixture())), SV, { title: 'Protokoll', lang: 'sv-SE' }))));
		for (const words of INTERNAL_WORDS) expect(publicText).not.toContain(words);
		// pdftotext sets a short heading like "§ 3" tight ("§3"): the heading is matched either way.
		expect(publicText).toMatch(/§ 2 Bostad först.*§ ?3 § 3 är utelämnad i den offentliga versionen \(pågående förhandling\)\. § 4 Övriga frågor/);
	});

	it('makes a link in the minutes a Link structure element that owns its link annotation', async () => {
		const path = await writePdf('links.pdf', protocolToPdf(renderProtocol(buildFixture()), SV, { title: 'Länkar', lang: 'sv-SE' }));
		// The structure tree as poppler reads it: the Link element holds the words and an object (the annotation).
		const tree = execFileSync('pdfinfo', ['-struct-text', path], { encoding: 'utf8' });
		const link = /^( *)Link \(inline\)\n\1  "rapporten \(https:\/\/example\.se\/rapport\)"\n\1  Object (\d+) 0$/m.exec(tree);
		expect(link, tree).not.toBeNull();
		// That object is a URI link annotation that points back into the structure tree.
		const raw = readFileSync(path, 'latin1');
		const annotation = new RegExp(`\\n${link![2]} 0 obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(raw)?.[1] ?? '';
		expect(annotation).toMatch(/\/Subtype \/Link/);
		expect(annotation).toMatch(/\/StructParent \d+/);
		const action = /\/A (\d+) 0 R/.exec(annotation)![1];
		expect(new RegExp(`\\n${action} 0 obj\\s*<<[\\s\\S]*?/URI \\(https://example\\.se/rapport\\)`).test(raw)).toBe(true);
		// Every link annotation in the file is in the structure tree.
		const links = [...raw.matchAll(/<<\n\/Subtype \/Link\n[\s\S]*?>>/g)].map((m) => m[0]);
		expect(links.length).toBeGreaterThan(0);
		for (const a of links) expect(a).toMatch(/\/StructParent \d+/);
	});

	it('prints approved addenda after the protocol and its hash, each with its approval and hash, tagged as a section', async () => {
		const hash = 'c'.repeat(64);
		const path = await writePdf('addenda.pdf', protocolToPdf(renderProtocol(buildFixture()), SV, { title: 'Protokoll', lang: 'sv-SE', hash, addenda: ADDENDA }));
		const text = squash(pdftotext(path));
		expectInOrder(text, [
			'Brukarreporterns sammanfattning',
			`Kontrollsumma (SHA-256): ${hash}`,
			'Protokollsanteckningar',
			'Protokollsanteckning 1',
			'I § 2 ska beslutet lyda: Boendet öppnar den 1 mars.',
			'Godkänd 3 december 2026',
			`Kontrollsumma (SHA-256): ${'a'.repeat(64)}`,
			'Protokollsanteckning 2',
			'Närvarolistan saknade Kim Berg (Arbetsförmedlingen), på distans. Rättat i efterhand.'
		]);
		const tree = execFileSync('pdfinfo', ['-struct-text', path], { encoding: 'utf8' });
		expect(tree).toMatch(/^\s*H2 \(block\)\n\s*"Protokollsanteckningar"$/m);
		expect(tree).toMatch(/^\s*H3 \(block\)\n\s*"Protokollsanteckning 2"$/m);
	});
});

