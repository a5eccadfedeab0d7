import { describe, expect, it } from 'vitest';
import { addendaToMarkdown, escapeMarkdown, protocolToMarkdown, type ProtocolLabels } from './markdown.js';
import { ADDENDA, CARRIED_LINE, DECISION_DETAIL_WORDS, INTERNAL_WORDS, SV_LABELS, buildFixture } from './protocol-fixture.js';
import type { ProtocolItem } from './protocol-model.js';
import { publicVersion, renderProtocol } from './render-protocol.js';
import { eraseAuthorName } from '../voices-doc.js';
import { markCarried } from '../carry-over.js';

const SV = SV_LABELS;

describe('protocolToMarkdown', () => {
	it('writes the whole protocol: header, § by §, minutes, numbered decisions, actions, perspectives, summary', () => {
		const input = buildFixture();
		input.meetingDoc.getMap('attendance').set('karin', { status: 'present', how: 'online', at: '' });
		input.meetingDoc.getMap('attendance').set('ahmed', { status: 'present_on_site', at: '' });
		const md = protocolToMarkdown(renderProtocol(input), SV);
		expect(md).toContain('Ahmed Hassan (på plats)');
		expect(md.startsWith('# Ledningsgruppens möte i november\n\nLedningsgrupp för utveckling – Åsby\n')).toBe(true);
		// The exact wording of a date is the platform's (ICU): only its parts are checked.
		expect(md).toMatch(/- \*\*Datum och tid:\*\* 20 november 2026 (kl\. )?13:00\n/);
		expect(md).toContain('- **Ordförande:** Karin Lindqvist (Socialförvaltningen Åsby)');
		expect(md).toContain('  - Socialförvaltningen Åsby: Karin Lindqvist (på distans)');
		expect(md).toContain('- **Anmält förhinder:** Sara Berg (Socialförvaltningen Åsby)');
		expect(md).toContain('## § 2 Bostad först – läget i Åsby\n\n*Föredragande: Brukarföreningen Vägen*\n\n#### Läget');
		expect(md).toContain('Åtta personer har fått **egen lägenhet** sedan i våras; se [rapporten](https://example.se/rapport).');
		expect(md).toContain('- Två väntar på \\*besked\\* från Åsbyhem\n- *Stödet* fungerar bäst med boendestöd');
		expect(md).toContain('1. Kartlägga behoven\n2. Följa upp i mars');
		expect(md).toContain('**Beslut**\n\n1. Gruppen ställer sig bakom Bostad först.\n2. Uppföljning sker i mars.');
		expect(md).toContain('**Beslut**\n\n4. Nästa möte hålls den 15 januari.');
		expect(md).toContain('- Kartlägga behoven av boendestöd — Ansvarig: Socialförvaltningen Åsby (Sara Berg) — Klart senast: 2027-02-01');
		expect(md).toContain('> Det viktigaste är att få en egen nyckel.\\\n> Sedan kommer resten.\n>\n> — Maria Johansson, Brukarföreningen Vägen');
		expect(md).toContain('## Brukarreporterns sammanfattning\n\nVi fick svar på två av tre frågor.\n\n*— Ali Rahimi, Brukarföreningen Vägen*\n\nEtt bra möte. Brukarna blev lyssnade på.\n\n*— Maria Johansson, Brukarföreningen Vägen*');
		expect(md).toContain('## Åtgärder utan paragraf\n\n- Boka lokal för januari');
		// The internal version has the internal §.
		expect(md).toContain('## § 3 Förhandling med hyresvärden');
	});

	it('writes a decision’s kind, review date and reservations under it, inside its numbered item (issue 12.5)', () => {
		const md = protocolToMarkdown(renderProtocol(buildFixture({ decisionDetails: true })), SV);
		expect(md).toContain(
			'1. Gruppen ställer sig bakom Bostad först.\n\n   *Majoritetsbeslut. Utvärderas senast 31 mars 2027.*\n\n   > **Reservation av Maria Johansson, Brukarföreningen Vägen:**\n   > Vi delar inte bedömningen.\\\n   > Brukarna behöver mer stöd.\n2. Uppföljning sker i mars.'
		);
		for (const words of DECISION_DETAIL_WORDS) expect(md).toContain(words);
		// Without them, nothing is added.
		expect(protocolToMarkdown(renderProtocol(buildFixture()), SV)).not.toContain('Majoritetsbeslut');
	});

	it('writes where a carried § went under its heading (issue 12.6), and nothing for one that was not', () => {
		const md = protocolToMarkdown(renderProtocol(buildFixture({ carried: true })), SV);
		expect(md).toContain(`## § 4 Övriga frågor\n\n*${CARRIED_LINE}*\n\n`);
		expect(protocolToMarkdown(renderProtocol(buildFixture()), SV)).not.toContain('Flyttad till');
		const toBacklog = buildFixture();
		markCarried(toBacklog.meetingDoc, 'item-2', { kind: 'backlog', backlogId: 'b-1', at: '' });
		expect(protocolToMarkdown(renderProtocol(toBacklog), SV)).toContain('*Föredragande: Brukarföreningen Vägen*\n\n*Flyttad till punkter att ta upp senare.*');
	});

	it('signs the words of someone who erased their account as a former member of the agency', () => {
		const input = buildFixture();
		eraseAuthorName(input.voicesDoc!, 'maria');
		const md = protocolToMarkdown(renderProtocol(input), SV);
		expect(md).toContain('> Sedan kommer resten.\n>\n> — Tidigare medlem (Brukarföreningen Vägen)');
		expect(md).toContain('Ett bra möte. Brukarna blev lyssnade på.\n\n*— Tidigare medlem (Brukarföreningen Vägen)*');
		expect(md).not.toContain('Maria Johansson, ');
	});

	it('escapes Markdown in what people wrote', () => {
		const md = protocolToMarkdown(renderProtocol(buildFixture()), SV);
		expect(md).toContain('\\# Inga övriga frågor \\[sic\\] – \\_nästa\\_ möte 15/1.');
		expect(escapeMarkdown('1. inte en lista\n- inte heller\n> inget citat <b>')).toBe('1\\. inte en lista\n\\- inte heller\n\\> inget citat \\<b\\>');
	});

	it('indents nested lists and keeps breaks, bold italic and odd links readable', () => {
		const protocol = renderProtocol(buildFixture());
		const run = (text: string, more: Partial<{ bold: boolean; italic: boolean; href: string }> = {}) => ({ text, bold: false, italic: false, href: null, ...more });
		const first = protocol.items[0] as ProtocolItem;
		first.minutes = [
			{
				type: 'orderedList',
				items: [
					[
						{ type: 'paragraph', runs: [run('Första\nandra raden')] },
						{ type: 'bulletList', items: [[{ type: 'paragraph', runs: [run(' viktigt ', { bold: true, italic: true }), run('(se ', {}), run('här', { href: 'https://example.se/a b(1)' }), run(')')] }]] }
					]
				]
			}
		];
		const md = protocolToMarkdown(protocol, SV);
		expect(md).toContain('1. Första\\\n   andra raden\n   - ***viktigt*** (se [här](https://example.se/a%20b%281%29))');
	});

	it('writes the omitted-item line, and no text of the internal item, in a public version', () => {
		const md = protocolToMarkdown(publicVersion(renderProtocol(buildFixture())), SV);
		expect(md).toContain('## § 3\n\n§ 3 är utelämnad i den offentliga versionen (pågående förhandling).\n\n## § 4 Övriga frågor');
		for (const words of INTERNAL_WORDS) expect(md).not.toContain(words);
	});
});

describe('internal items in the internal version', () => {
	it('say under their heading that they are internal and why (category), and the public version leaves them out', () => {
		const internal = protocolToMarkdown(renderProtocol(buildFixture()), SV);
		expect(internal).toMatch(/## § 3 [^\n]+\n\n\*Intern paragraf \(pågående förhandling\) – utelämnas i den offentliga versionen\.\*/);
		expect(protocolToMarkdown(publicVersion(renderProtocol(buildFixture())), SV)).not.toContain('Intern paragraf');
	});
});

describe('addendaToMarkdown', () => {
	const hashLine = (hash: string) => `Kontrollsumma (SHA-256): ${hash}. Kontrollera på https://samtavla.example/verify/${hash}`;

	it('writes each approved addendum under one heading, with when it was approved and its own hash line', () => {
		const md = addendaToMarkdown(ADDENDA, SV, 'Europe/Stockholm', hashLine);
		expect(md.startsWith('## Protokollsanteckningar\n\n### Protokollsanteckning 1\n\nI § 2 ska beslutet lyda: Boendet öppnar den 1 mars.\n\n')).toBe(true);
		// 09:15 UTC is 10:15 in Stockholm in December: the protocol's zone, not the server's.
		expect(md).toMatch(/\*Godkänd 3 december 2026 (kl\. )?10:15\*/);
		expect(md).toContain(`Kontrollsumma (SHA-256): ${'a'.repeat(64)}.`);
		expect(md).toContain('Närvarolistan saknade Kim Berg (Arbetsförmedlingen), på distans.\\\nRättat i efterhand.');
		expect(md.indexOf('Protokollsanteckning 1')).toBeLessThan(md.indexOf('Protokollsanteckning 2'));
	});

	it('writes nothing when there is no approved addendum, and escapes what was typed', () => {
		expect(addendaToMarkdown([], SV, 'Europe/Stockholm', hashLine)).toBe('');
		const md = addendaToMarkdown([{ ...ADDENDA[0], text: '# inte en rubrik *och* [ingen](länk)' }], SV, 'Europe/Stockholm', hashLine);
		expect(md).toContain('\\# inte en rubrik \\*och\\* \\[ingen\\](länk)');
	});
});
