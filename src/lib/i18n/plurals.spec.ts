import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@inlang/paraglide-js';

/**
 * Counts go through the message format's plural selection, so "1 person här" and "2 personer här"
 * come from the catalogues, not from code. Compiled here from the inlang project (Vitest does not
 * run the Paraglide plugin), exactly as the build compiles it.
 */
type Message = (inputs: Record<string, unknown>, options: { locale: string }) => string;
let messages: Record<string, Message>;
const outdir = mkdtempSync(join(tmpdir(), 'samtavla-paraglide-'));

beforeAll(async () => {
	await compile({ project: join(import.meta.dirname, 'project.inlang'), outdir, emitGitIgnore: false, emitPrettierIgnore: false });
	messages = (await import(pathToFileURL(join(outdir, 'messages.js')).href)).m;
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const cases: [key: string, input: string, locale: string, expected: [zero: string, one: string, two: string]][] = [
	['presence_count', 'count', 'sv', ['0 personer här', '1 person här', '2 personer här']],
	['history_updates', 'count', 'sv', ['0 ändringar', '1 ändring', '2 ändringar']],
	['history_updates', 'count', 'en', ['0 changes', '1 change', '2 changes']],
	['history_updates', 'count', 'da', ['0 ændringer', '1 ændring', '2 ændringer']],
	['presence_count', 'count', 'en', ['0 people here', '1 person here', '2 people here']],
	['presence_count', 'count', 'da', ['0 personer her', '1 person her', '2 personer her']],
	['error_too_many_attempts', 'seconds', 'sv', ['Vänta 0 sekunder', 'Vänta 1 sekund ', 'Vänta 2 sekunder']],
	['error_too_many_attempts', 'seconds', 'en', ['Wait 0 seconds', 'Wait 1 second ', 'Wait 2 seconds']],
	['error_too_many_attempts', 'seconds', 'da', ['Vent 0 sekunder', 'Vent 1 sekund,', 'Vent 2 sekunder']],
	['remote_changes_count', 'count', 'sv', ['0 ändringar av andra', '1 ändring av andra', '2 ändringar av andra']],
	['remote_changes_count', 'count', 'en', ['0 changes by others', '1 change by others', '2 changes by others']],
	['remote_changes_count', 'count', 'da', ['0 ændringer fra andre', '1 ændring fra andre', '2 ændringer fra andre']],
	['remote_attendance_many', 'count', 'sv', ['för 0 personer', 'för 1 person.', 'för 2 personer']],
	['remote_attendance_many', 'count', 'en', ['for 0 people', 'for 1 person.', 'for 2 people']],
	['remote_attendance_many', 'count', 'da', ['for 0 personer', 'for 1 person.', 'for 2 personer']]
];

describe.each(cases)('%s (%s) in %s', (key, input, locale, expected) => {
	it.each([0, 1, 2])('renders the right form for %i', (n) => {
		expect(messages[key]({ [input]: n }, { locale })).toContain(expected[n]);
	});
});
