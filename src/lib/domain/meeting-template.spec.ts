import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_LANGUAGES } from './board-language';
import { listAgenda } from './meeting-doc';
import { DEFAULT_LENGTH_MINUTES, DEFAULT_STANDING_ITEMS, MAX_STANDING_ITEMS, applyTemplate, defaultTemplate, parseTemplateForm } from './meeting-template';

describe('meeting template', () => {
	it('offers the standing items in the board language, two hours long', () => {
		expect(defaultTemplate('sv')).toEqual({ standingItems: ['Mötets öppnande', 'Uppföljning av åtgärder', 'Brukarperspektivet', 'Nästa möte'], lengthMinutes: 120 });
		expect(defaultTemplate('en').standingItems).toContain('The user perspective');
		expect(defaultTemplate('da').standingItems).toContain('Brugerperspektivet');
		for (const language of BOARD_LANGUAGES) expect(DEFAULT_STANDING_ITEMS[language]).toHaveLength(4);
		expect(DEFAULT_LENGTH_MINUTES).toBe(120);
	});

	it('the defaults are a copy: changing one template leaves the offer alone', () => {
		const t = defaultTemplate('sv');
		t.standingItems.push('Övrigt');
		expect(defaultTemplate('sv').standingItems).toHaveLength(4);
	});

	it('reads the form: one item a line, blank lines dropped, whole minutes', () => {
		expect(parseTemplateForm({ standingItems: ' Öppnande \r\n\r\nUppföljning\n', lengthMinutes: ' 90 ' })).toEqual({
			ok: true,
			value: { standingItems: ['Öppnande', 'Uppföljning'], lengthMinutes: 90 }
		});
	});

	it('refuses too many items, too long a title, control characters and a length out of range', () => {
		const many = Array.from({ length: MAX_STANDING_ITEMS + 1 }, (_, i) => `Punkt ${i}`).join('\n');
		expect(parseTemplateForm({ standingItems: many, lengthMinutes: '60' })).toEqual({ ok: false, errors: { standingItems: 'error_template_items_too_many' } });
		expect(parseTemplateForm({ standingItems: 'x'.repeat(161), lengthMinutes: '60' })).toEqual({ ok: false, errors: { standingItems: 'error_template_item_too_long' } });
		expect(parseTemplateForm({ standingItems: 'a\u0000b', lengthMinutes: '60' })).toEqual({ ok: false, errors: { standingItems: 'access_error_control_chars' } });
		for (const length of ['14', '721', '', '1.5', '-30', 'abc']) {
			expect(parseTemplateForm({ standingItems: 'a', lengthMinutes: length })).toEqual({ ok: false, errors: { lengthMinutes: 'error_template_length_range' } });
		}
	});

	it('puts the standing items on a new agenda in order', () => {
		const doc = new Y.Doc();
		applyTemplate(doc, defaultTemplate('en'));
		expect(listAgenda(doc).map((i) => [i.number, i.title, i.status])).toEqual([
			[1, 'Opening of the meeting', 'pending'],
			[2, 'Follow-up of action items', 'pending'],
			[3, 'The user perspective', 'pending'],
			[4, 'Next meeting', 'pending']
		]);
	});
});
