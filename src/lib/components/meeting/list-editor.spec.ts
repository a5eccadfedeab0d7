import { describe, expect, it } from 'vitest';
import { ListEditor } from './list-editor.svelte';

type Entry = { id: string; text: string };
const submit = () => ({ preventDefault() {} }) as SubmitEvent;

function editor() {
	const written: string[] = [];
	const list = new ListEditor<Entry>('data-entry-id', {
		add: (text) => written.push(`add ${text}`),
		save: (entry, text) => written.push(`save ${entry.id} ${text}`),
		remove: (entry) => written.push(`remove ${entry.id}`)
	});
	return { list, written };
}

describe('ListEditor', () => {
	it('refuses an empty entry with an error, then adds and empties the form', () => {
		const { list, written } = editor();
		list.draft = '   ';
		list.add(submit());
		expect(list.draftError).toBe(true);
		expect(written).toEqual([]);

		list.draft = 'Vi bjuder in hyresgäster.';
		list.add(submit());
		expect(written).toEqual(['add Vi bjuder in hyresgäster.']);
		expect(list.draft).toBe('');
		expect(list.draftError).toBe(false);
	});

	it('edits one entry at a time and leaves editing on save or cancel', () => {
		const { list, written } = editor();
		const a = { id: 'a', text: 'A' };
		const b = { id: 'b', text: 'B' };
		list.startEdit(a);
		list.startEdit(b);
		expect(list.editingId).toBe('b');
		list.cancelEdit();
		expect(list.editingId).toBeNull();
		list.startEdit(a);
		list.saveEdit(a, 'A2');
		expect(list.editingId).toBeNull();
		expect(written).toEqual(['save a A2']);
	});

	it('removes only after the confirmation', () => {
		const { list, written } = editor();
		const a = { id: 'a', text: 'A' };
		list.askRemove(a);
		expect(list.confirmOpen).toBe(true);
		expect(list.removing).toBe(a);
		expect(written).toEqual([]);
		list.confirmRemove();
		expect(written).toEqual(['remove a']);
	});
});
