import { afterEach, describe, expect, it } from 'vitest';
import { clearIfUnchanged } from './form-posts.svelte';

/**
 * After a post went through, a form is emptied only if it still holds what was sent: words typed
 * while the post was on its way (a second ask begun when the first's card arrived live) are kept.
 */
afterEach(() => document.body.replaceChildren());

function form() {
	const element = document.createElement('form');
	element.innerHTML = `
		<input type="radio" name="kind" value="item" checked><input type="radio" name="kind" value="action">
		<textarea name="text"></textarea>
		<select name="meetingId"><option value="">–</option><option value="m1">Februari</option></select>`;
	document.body.append(element);
	const text = element.querySelector('textarea')!;
	const select = element.querySelector('select')!;
	const action = element.querySelector<HTMLInputElement>('input[value="action"]')!;
	return { element, text, select, action };
}

describe('clearIfUnchanged', () => {
	it('empties a form that still holds what was sent', () => {
		const f = form();
		f.text.value = 'Boendestöd även på helger';
		f.select.value = 'm1';
		const sent = new FormData(f.element);
		expect(clearIfUnchanged(f.element, sent)).toBe(true);
		expect(f.text.value).toBe('');
		expect(f.select.value).toBe('');
	});

	it('keeps words typed while the post was on its way', () => {
		const f = form();
		f.text.value = 'Första önskemålet';
		const sent = new FormData(f.element);
		f.text.value = 'Andra önskemålet, påbörjat';
		expect(clearIfUnchanged(f.element, sent)).toBe(false);
		expect(f.text.value).toBe('Andra önskemålet, påbörjat');
	});

	it('keeps a changed choice too', () => {
		const f = form();
		f.text.value = 'Samma text';
		const sent = new FormData(f.element);
		f.action.checked = true;
		expect(clearIfUnchanged(f.element, sent)).toBe(false);
		expect(f.action.checked).toBe(true);
	});
});
