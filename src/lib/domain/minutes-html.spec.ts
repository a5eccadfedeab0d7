import { describe, expect, it } from 'vitest';
import { minutesHtml } from './minutes-html';

describe('minutesHtml', () => {
	it('draws the tree as MinutesPreview does, with what was typed as markup kept as text', () => {
		const html = minutesHtml([
			{ tag: 'h3', level: '2', children: [{ text: '§1 <Öppnande> & "start"' }] },
			{ tag: 'p', children: [{ text: 'Rad' }, { tag: 'br', children: [] }, { tag: 'strong', children: [{ text: '<!-- inte en kommentar -->' }] }] },
			{ tag: 'p', children: [{ tag: 'a', href: 'https://x.se/?a=1&b="2"', children: [{ text: 'länk' }] }] },
			{ tag: 'p', children: [{ tag: 'br', filler: true, children: [] }] },
			{ tag: 'hr', children: [] }
		]);
		expect(html).toBe(
			'<h3 data-level="2">§1 &lt;Öppnande> &amp; "start"</h3>' +
				'<p>Rad<br><strong>&lt;!-- inte en kommentar --></strong></p>' +
				'<p><a href="https://x.se/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer nofollow">länk</a></p>' +
				'<p><br data-filler=""></p><hr>'
		);
	});
});
