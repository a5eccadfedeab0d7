import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocHooks } from './live-doc';
import { composeProjections, type DocProjection } from './projections';

function recording(name: string, handles: (doc: string) => boolean, log: string[], rebuilt = 1): DocProjection {
	return {
		hooksFor(docName) {
			if (!handles(docName)) return undefined;
			return {
				loaded: (_doc, id) => void log.push(`${name} loaded ${docName} ${id}`),
				stored: (_doc, id) => void log.push(`${name} stored ${docName} ${id}`),
				settle: async () => void log.push(`${name} settled ${docName}`)
			} satisfies DocHooks;
		},
		rebuildStale: async () => {
			log.push(`${name} rebuilt`);
			return { rebuilt, failed: name === 'b' ? 1 : 0 };
		}
	};
}

describe('composeProjections', () => {
	it('gives each document the hooks of every projection that wants it, and none when no projection does', async () => {
		const log: string[] = [];
		const both = composeProjections(
			recording('a', (d) => d.startsWith('meeting:'), log),
			recording('b', (d) => d.startsWith('meeting:') || d.startsWith('board:'), log)
		);
		expect(both.hooksFor('other:x')).toBeUndefined();
		const doc = new Y.Doc();
		const meeting = both.hooksFor('meeting:m1')!;
		meeting.loaded?.(doc, 3);
		meeting.stored?.(doc, 4);
		await meeting.settle?.();
		both.hooksFor('board:b1')!.stored?.(doc, 7);
		expect(log).toEqual([
			'a loaded meeting:m1 3',
			'b loaded meeting:m1 3',
			'a stored meeting:m1 4',
			'b stored meeting:m1 4',
			'a settled meeting:m1',
			'b settled meeting:m1',
			'b stored board:b1 7'
		]);
	});

	it('rebuilds every projection in turn and adds up the counts', async () => {
		const log: string[] = [];
		const both = composeProjections(recording('a', () => true, log, 2), recording('b', () => true, log, 3));
		expect(await both.rebuildStale()).toEqual({ rebuilt: 5, failed: 1 });
		expect(log).toEqual(['a rebuilt', 'b rebuilt']);
	});
});
