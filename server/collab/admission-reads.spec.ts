import { describe, expect, it } from 'vitest';
import type { DocPlace, SessionAdmission, Store } from '../../src/lib/server/store/types';
import { batchedAdmissions } from './admission-reads';

describe('batchedAdmissions', () => {
	it('upgrades asked in the same turn are read in one query, the same question once; each gets its own answer', async () => {
		const queries: Array<Array<{ id: string; place: DocPlace }>> = [];
		const store = {
			sessions: {
				async admissions(asked: Array<{ id: string; place: DocPlace }>) {
					queries.push(asked);
					return asked.map(({ id, place }) => (id === 'gone' ? null : ({ session: { id }, place } as unknown as SessionAdmission)));
				}
			}
		} as unknown as Store;
		const read = batchedAdmissions(store);
		const answers = await Promise.all([read('s1', { meetingId: 'm1' }), read('s1', { boardId: 'm1' }), read('gone', { boardId: 'b1' }), read('s1', { meetingId: 'm1' })]);
		expect(queries).toEqual([
			[
				{ id: 's1', place: { meetingId: 'm1' } },
				{ id: 's1', place: { boardId: 'm1' } },
				{ id: 'gone', place: { boardId: 'b1' } }
			]
		]);
		expect(answers.map((a) => a && a.place)).toEqual([{ meetingId: 'm1' }, { boardId: 'm1' }, null, { meetingId: 'm1' }]);
		await read('s2', { boardId: 'b1' });
		expect(queries).toHaveLength(2);
	});

	it('what is asked while a read is under way waits for it and goes, all of it, into the next read', async () => {
		const queries: string[][] = [];
		let release: () => void = () => {};
		const store = {
			sessions: {
				async admissions(asked: Array<{ id: string; place: DocPlace }>) {
					queries.push(asked.map((a) => a.id));
					if (queries.length === 1) await new Promise<void>((r) => (release = r));
					return asked.map(() => null);
				}
			}
		} as unknown as Store;
		const read = batchedAdmissions(store);
		const first = read('s1', { boardId: 'b1' });
		await new Promise((r) => setImmediate(r));
		expect(queries).toEqual([['s1']]);
		const later = [read('s2', { boardId: 'b1' }), read('s3', { boardId: 'b1' })];
		await new Promise((r) => setImmediate(r));
		await new Promise((r) => setImmediate(r));
		expect(queries).toHaveLength(1); // still under way: nothing else is sent
		release();
		await Promise.all([first, ...later]);
		expect(queries).toEqual([['s1'], ['s2', 's3']]);
	});
});
