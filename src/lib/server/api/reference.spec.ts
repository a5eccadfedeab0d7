import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS } from './endpoints';
import { TAGS } from './openapi';
import { apiReference } from './reference';

/** The reference page's data (/api): every operation, with its fields read from the generated description. */
const sv = JSON.parse(readFileSync(join(import.meta.dirname, '../../i18n/messages/apiref/sv.json'), 'utf8'));
const ops = apiReference().flatMap((group) => group.operations);
const op = (id: string) => ops.find((o) => o.id === id)!;

describe('the API reference', () => {
	it('lists every operation once, under its tag, each with a translated summary and every tag with a title', () => {
		expect(ops.map((o) => o.id).sort()).toEqual(ENDPOINTS.map((e) => e.id).sort());
		for (const endpoint of ENDPOINTS) expect(sv[`apiref_op_${endpoint.id}`], endpoint.id).toBeTruthy();
		for (const tag of Object.keys(TAGS)) expect(sv[`apiref_tag_${tag}`], tag).toBeTruthy();
	});

	it('shows query parameters with their allowed values and defaults', () => {
		const status = op('listMyActions').query.find((row) => row.name === 'status');
		expect(status).toMatchObject({ type: 'string', required: false, default: 'active', values: expect.arrayContaining(['active', 'done']) });
		expect(op('getBoard').pathParams).toEqual(['boardId']);
	});

	it('flattens bodies and answers into readable rows: nested fields, list items, null', () => {
		expect(op('createAction').body.find((row) => row.name === 'title')).toMatchObject({ type: 'string', required: true });
		const rows = op('listMyActions').response.map((row) => `${row.name}: ${row.type}`);
		expect(rows).toContain('items: array of object');
		expect(rows).toContain('items[].lastChange.at: string (date-time)');
		expect(rows).toContain('next: string | null');
		expect(op('getProtocolPdf')).toMatchObject({ file: 'application/pdf', response: [] });
	});
});
