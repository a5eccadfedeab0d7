import { describe, expect, it } from 'vitest';
import { selectCommitter, stepsValue } from './commit-select';

/** A committer over a saved value that commits change as the app would. */
function setup(initial = 'open') {
	let saved = initial;
	const committer = selectCommitter(() => saved);
	const save = (decision: ReturnType<typeof committer.change>) => {
		if (decision && 'commit' in decision) saved = decision.commit;
		return decision;
	};
	return { committer, save, saved: () => saved };
}

describe('selectCommitter', () => {
	it('keeps arrow-key steps as a draft and commits once on Enter', () => {
		const { committer, save } = setup();
		for (const value of ['in_progress', 'waiting', 'done']) {
			expect(committer.keydown({ key: 'ArrowDown' }, value)).toBeNull();
			expect(committer.change(value)).toBeNull();
		}
		expect(save(committer.keydown({ key: 'Enter' }, 'done'))).toEqual({ commit: 'done' });
		// Nothing more to commit when focus then leaves.
		expect(committer.blur('done')).toBeNull();
	});

	it('commits a stepped draft when focus leaves', () => {
		const { committer } = setup();
		committer.keydown({ key: 'ArrowUp' }, 'open');
		committer.keydown({ key: 'End' }, 'done');
		expect(committer.change('done')).toBeNull();
		expect(committer.blur('done')).toEqual({ commit: 'done' });
	});

	it('commits at once a change with no stepping key before it (mouse, touch, programmatic)', () => {
		const { committer, save } = setup();
		expect(save(committer.change('waiting'))).toEqual({ commit: 'waiting' });
		committer.keydown({ key: 'ArrowDown' }, 'done');
		committer.pointerdown();
		expect(committer.change('in_progress')).toEqual({ commit: 'in_progress' });
	});

	it('commits a pick from a list opened by keyboard (Alt+ArrowDown, Space)', () => {
		const { committer } = setup();
		committer.keydown({ key: 'ArrowDown', altKey: true }, 'open');
		expect(committer.change('done')).toEqual({ commit: 'done' });
		committer.keydown({ key: ' ' }, 'open');
		expect(committer.change('waiting')).toEqual({ commit: 'waiting' });
	});

	it('puts a draft back to the saved value on Escape', () => {
		const { committer } = setup();
		committer.keydown({ key: 'ArrowDown' }, 'in_progress');
		expect(committer.keydown({ key: 'Escape' }, 'in_progress')).toEqual({ revert: 'open' });
		expect(committer.blur('open')).toBeNull();
	});

	it('commits nothing when the value is unchanged', () => {
		const { committer } = setup();
		expect(committer.keydown({ key: 'Enter' }, 'open')).toBeNull();
		expect(committer.blur('open')).toBeNull();
		expect(committer.change('open')).toBeNull();
	});
});

describe('stepsValue', () => {
	it('counts arrows, Home/End/PageUp/PageDown and type-ahead letters, not Space, Tab or modified keys', () => {
		for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'k', 'Ö']) expect(stepsValue({ key })).toBe(true);
		for (const key of [' ', 'Tab', 'Enter', 'Shift']) expect(stepsValue({ key })).toBe(false);
		expect(stepsValue({ key: 'ArrowDown', altKey: true })).toBe(false);
	});
});
