import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesTree } from './minutes-tree';

function fragmentOf(build: (fragment: Y.XmlFragment) => void): Y.XmlFragment {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('minutes');
	doc.transact(() => build(fragment));
	return fragment;
}

function textElement(name: string, text: string, attributes: Record<string, string> = {}): Y.XmlElement {
	const element = new Y.XmlElement(name);
	for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
	const content = new Y.XmlText();
	content.insert(0, text);
	element.insert(0, [content]);
	return element;
}

describe('minutesTree', () => {
	it('draws blocks with the tags the editor uses, headings under the outline level', () => {
		const fragment = fragmentOf((f) => {
			f.push([textElement('heading', 'Bakgrund', { level: '2' }), textElement('paragraph', 'Första stycket.'), new Y.XmlElement('paragraph')]);
			const list = new Y.XmlElement('bulletList');
			const item = new Y.XmlElement('listItem');
			item.insert(0, [textElement('paragraph', 'En punkt')]);
			list.insert(0, [item]);
			f.push([list]);
		});
		expect(minutesTree(fragment, 3)).toEqual({
			complete: true,
			nodes: [
				{ tag: 'h3', level: '2', children: [{ text: 'Bakgrund' }] },
				{ tag: 'p', children: [{ text: 'Första stycket.' }] },
				{ tag: 'p', children: [{ tag: 'br', filler: true, children: [] }] },
				{ tag: 'ul', children: [{ tag: 'li', children: [{ tag: 'p', children: [{ text: 'En punkt' }] }] }] }
			]
		});
	});

	it('keeps marks as elements and links only to web and mail addresses; markup typed as text stays text', () => {
		const fragment = fragmentOf((f) => {
			const paragraph = textElement('paragraph', '');
			f.push([paragraph]);
			const text = paragraph.get(0) as Y.XmlText;
			text.insert(0, '<b>x</b> ');
			text.insert(9, 'fet', { bold: {} });
			text.insert(12, ' länk', { link: { href: 'https://example.se' } });
			text.insert(17, ' farlig', { link: { href: 'javascript:alert(1)' } });
		});
		expect(minutesTree(fragment, 3).nodes).toEqual([
			{
				tag: 'p',
				children: [
					{ text: '<b>x</b> ' },
					{ tag: 'strong', children: [{ text: 'fet' }] },
					{ tag: 'a', href: 'https://example.se', children: [{ text: ' länk' }] },
					{ tag: 'a', children: [{ text: ' farlig' }] }
				]
			}
		]);
	});

	it('an empty document is one empty line; past the limit the rest is left to the live document', () => {
		expect(minutesTree(fragmentOf(() => {}), 3)).toEqual({ complete: true, nodes: [{ tag: 'p', children: [{ tag: 'br', filler: true, children: [] }] }] });
		const long = fragmentOf((f) => f.push([textElement('paragraph', 'a'.repeat(10)), textElement('paragraph', 'b'.repeat(10)), textElement('paragraph', 'c')]));
		const tree = minutesTree(long, 3, 15);
		expect(tree.complete).toBe(false);
		expect(tree.nodes).toHaveLength(2);
	});
});
