import { describe, expect, it } from 'vitest';
import { reportUnexpectedError } from './unexpected-error';

function recorder() {
	const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
	return { lines, logger: { error: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } };
}

const context = (status: number) => ({ error: new Error('relation "meetings" does not exist'), status, message: 'Internal Error', method: 'GET', path: '/boards/b1' });

describe('reportUnexpectedError (handleError)', () => {
	it('logs the cause with a fresh id and gives the page the same id', () => {
		const { lines, logger } = recorder();
		const first = reportUnexpectedError(logger as never, context(500));
		const second = reportUnexpectedError(logger as never, context(500));
		expect(first.message).toBe('Internal Error');
		expect(first.errorId).toMatch(/^[0-9a-f-]{36}$/);
		expect(second.errorId).not.toBe(first.errorId);
		expect(lines).toHaveLength(2);
		expect(lines[0].message).toBe('unexpected error');
		expect(lines[0].fields).toMatchObject({ errorId: first.errorId, status: 500, method: 'GET', path: '/boards/b1' });
		expect((lines[0].fields.err as Error).message).toContain('meetings');
	});

	it('leaves a 404 out of the log and without an id', () => {
		const { lines, logger } = recorder();
		expect(reportUnexpectedError(logger as never, context(404))).toEqual({ message: 'Internal Error' });
		expect(lines).toEqual([]);
	});
});
