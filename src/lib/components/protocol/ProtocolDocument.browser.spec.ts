import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { CARRIED_LINE, INTERNAL_WORDS, SV_LABELS, buildFixture } from '$lib/domain/protocol/protocol-fixture';
import { publicVersion, renderProtocol } from '$lib/domain/protocol/render-protocol';
import ProtocolDocument from './ProtocolDocument.svelte';

/** The protocol on screen: the fixture meeting (four §, the third internal) with Swedish labels. */
describe('ProtocolDocument', () => {
	it('renders the meeting as headings, numbered decisions, actions and signed perspectives', async () => {
		const screen = await render(ProtocolDocument, { protocol: renderProtocol(buildFixture()), labels: SV_LABELS, lang: 'sv-SE', internalNote: (reason) => `Intern (${reason})` });
		const article = screen.getByTestId('protocol-document').element() as HTMLElement;
		expect(article.lang).toBe('sv-SE');
		expect([...article.querySelectorAll('h1, h2')].map((h) => `${h.tagName} ${h.textContent?.trim()}`)).toEqual([
			'H1 Ledningsgruppens möte i november',
			'H2 § 1 Mötets öppnande',
			'H2 § 2 Bostad först – läget i Åsby',
			'H2 § 3 Förhandling med hyresvärden',
			'H2 § 4 Övriga frågor',
			'H2 Åtgärder utan paragraf',
			'H2 Övriga anteckningar',
			'H2 Brukarreporterns sammanfattning'
		]);
		// Decisions keep their number within the meeting: § 4's list starts at 4.
		const lists = [...article.querySelectorAll('ol.decisions')] as HTMLOListElement[];
		expect(lists.map((ol) => ol.start)).toEqual([1, 3, 4]);
		expect(lists[0].textContent).toContain('Gruppen ställer sig bakom Bostad först.');
		expect(article.querySelector('a[href="https://example.se/rapport"]')?.textContent).toBe('rapporten');
		expect(article.querySelector('.internal-note')?.textContent).toBe('Intern (pågående förhandling)');
		const quote = article.querySelector('figure.signed');
		expect(quote?.querySelector('figcaption')?.textContent).toBe('— Maria Johansson, Brukarföreningen Vägen');
		expect(article.textContent).toContain('Karin Lindqvist (Socialförvaltningen Åsby)');
	});

	it('says under a carried §’s heading where it went (issue 12.6)', async () => {
		const screen = await render(ProtocolDocument, { protocol: renderProtocol(buildFixture({ carried: true })), labels: SV_LABELS, lang: 'sv-SE' });
		const lines = screen.getByTestId('protocol-carried').elements();
		expect(lines.map((line) => line.textContent)).toEqual([CARRIED_LINE]);
		expect(lines[0].closest('section')?.querySelector('h2')?.textContent).toBe('§ 4 Övriga frågor');
	});

	it('shows an internal § in the public version only as its omitted line', async () => {
		const screen = await render(ProtocolDocument, { protocol: publicVersion(renderProtocol(buildFixture())), labels: SV_LABELS, lang: 'sv-SE' });
		const text = (screen.getByTestId('protocol-document').element() as HTMLElement).textContent ?? '';
		for (const words of INTERNAL_WORDS) expect(text).not.toContain(words);
		expect(text).toContain('§ 3 är utelämnad i den offentliga versionen (pågående förhandling).');
	});
});
