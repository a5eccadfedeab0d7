import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, renderText, type MailParts } from './render';

const parts: MailParts = {
	lang: 'sv-SE',
	subject: 'Inbjudan till <Ledningsgrupp> & "vänner"',
	greeting: 'Hej Åsa <script>!',
	paragraphs: ['Rad ett\nrad två', "Brukarföreningen's möte"],
	action: { label: 'Öppna', url: 'https://samtavla.example/invite/abc?x=1&y=2' },
	footer: 'Du får det här från Samtavla.',
	unsubscribe: { question: 'Vill du inte få inbjudningar?', linkLabel: 'Avsluta', url: 'https://samtavla.example/unsubscribe/tok' }
};

describe('renderText', () => {
	it('greeting, paragraphs, the link, then the footer after the signature separator', () => {
		expect(renderText(parts)).toBe(
			'Hej Åsa <script>!\n\nRad ett\nrad två\n\nBrukarföreningen\'s möte\n\nÖppna: https://samtavla.example/invite/abc?x=1&y=2\n\n-- \nDu får det här från Samtavla.\nVill du inte få inbjudningar? Avsluta: https://samtavla.example/unsubscribe/tok\n'
		);
	});
});

describe('renderHtml', () => {
	it('escapes every text and attribute, keeps line breaks, sets the language', () => {
		const html = renderHtml(parts);
		expect(html).toContain('<html lang="sv-SE">');
		expect(html).toContain('<title>Inbjudan till &lt;Ledningsgrupp&gt; &amp; &quot;vänner&quot;</title>');
		expect(html).toContain('<p>Hej Åsa &lt;script&gt;!</p>');
		expect(html).toContain('<p>Rad ett<br>rad två</p>');
		expect(html).toContain('<p>Brukarföreningen&#39;s möte</p>');
		expect(html).toContain('<a href="https://samtavla.example/invite/abc?x=1&amp;y=2">Öppna</a>');
		expect(html).toContain('<a href="https://samtavla.example/unsubscribe/tok">Avsluta</a>');
		expect(html).not.toContain('<script>');
	});

	it('refuses a link that is not http(s)', () => {
		expect(() => renderHtml({ ...parts, action: { label: 'x', url: 'javascript:alert(1)' } })).toThrow(/http/);
		expect(() => renderText({ ...parts, unsubscribe: { ...parts.unsubscribe!, url: 'data:text/html,hi' } })).toThrow(/http/);
	});

	it('escapeHtml covers the five characters', () => {
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
	});
});
