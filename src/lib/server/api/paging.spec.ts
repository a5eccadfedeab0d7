import { describe, expect, it } from 'vitest';
import { pageOf } from './paging';

describe('pageOf', () => {
	const url = new URL('http://x/api/v1/boards/b1/meetings?status=held&limit=2');
	const items = ['a', 'b', 'c', 'd', 'e'];

	it('gives `limit` items and the next page’s address with the filters kept, until the last page', () => {
		const first = pageOf(items, { limit: 2 }, url);
		expect(first).toEqual({ items: ['a', 'b'], next: '/api/v1/boards/b1/meetings?status=held&limit=2&cursor=2' });
		const second = pageOf(items, { limit: 2, cursor: 2 }, new URL(first.next!, url));
		expect(second).toEqual({ items: ['c', 'd'], next: '/api/v1/boards/b1/meetings?status=held&limit=2&cursor=4' });
		expect(pageOf(items, { limit: 2, cursor: 4 }, url)).toEqual({ items: ['e'], next: null });
		expect(pageOf(items, { limit: 5 }, url).next).toBeNull();
		expect(pageOf(items, { limit: 2, cursor: 90 }, url)).toEqual({ items: [], next: null });
	});
});
