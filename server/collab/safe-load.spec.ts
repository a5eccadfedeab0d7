import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STRUCTURE_RULES_VERSION } from '../../src/lib/domain/doc-structure-rules';
import { loadSafely, rulesForDoc } from './safe-load';

const NAME = 'meeting:m1';
const rules = rulesForDoc(NAME);

/** A meeting state with the honest notes and, in `meta`, binary content no layout has. */
function states() {
	const doc = new Y.Doc();
	doc.getXmlFragment('minutes').insert(0, [new Y.XmlText('Ord som ska finnas kvar')]);
	const honest = Y.encodeStateAsUpdate(doc);
	doc.getMap('meta').set('blob', Uint8Array.of(1, 2, 3));
	return { honest, foreign: Y.encodeStateAsUpdate(doc), foreignAfter: Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(honest)) };
}

describe('loading stored state (safe-load)', () => {
	it('reads a snapshot that was never judged, and sets aside what breaks the layout', async () => {
		const { foreign } = states();
		for (const snapshotJudgedUnder of [undefined, STRUCTURE_RULES_VERSION - 1]) {
			const doc = new Y.Doc();
			const { setAside, rebuilt } = await loadSafely(doc, { snapshot: foreign, updates: [], lastUpdateId: 1, snapshotJudgedUnder }, rules, 'load');
			expect(setAside.map((s) => s.reason)).toEqual(['content-not-in-layout: binary']);
			expect(rebuilt).toBe(true);
			expect(doc.getMap('meta').has('blob')).toBe(false);
			expect(doc.getXmlFragment('minutes').toString()).toContain('Ord som ska finnas kvar');
		}
	});

	it('applies a snapshot judged under the rules it runs now as it is, without reading it again', async () => {
		// The server wrote it from a document whose every piece it had judged: what it holds is
		// trusted, even what the rules would refuse (shown here by content they refuse).
		const { foreign } = states();
		const doc = new Y.Doc();
		const { setAside, rebuilt } = await loadSafely(doc, { snapshot: foreign, updates: [], lastUpdateId: 1, snapshotJudgedUnder: STRUCTURE_RULES_VERSION }, rules, 'load');
		expect(setAside).toEqual([]);
		expect(rebuilt).toBe(false);
		expect(doc.getMap('meta').get('blob')).toEqual(Uint8Array.of(1, 2, 3));
	});

	it('still reads the updates stored after a judged snapshot', async () => {
		const { honest, foreignAfter } = states();
		const doc = new Y.Doc();
		const { setAside } = await loadSafely(doc, { snapshot: honest, updates: [foreignAfter], lastUpdateId: 2, snapshotJudgedUnder: STRUCTURE_RULES_VERSION }, rules, 'load');
		expect(setAside.map((s) => s.reason)).toEqual(['content-not-in-layout: binary']);
		expect(doc.getMap('meta').has('blob')).toBe(false);
		expect(doc.getXmlFragment('minutes').toString()).toContain('Ord som ska finnas kvar');
	});
});
