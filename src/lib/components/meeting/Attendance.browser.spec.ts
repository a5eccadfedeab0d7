import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { attendanceOf, listGuests, setAttendance } from '$lib/domain/meeting-doc';
import MeetingRoomHost from '../../../../tests/browser/MeetingRoomHost.svelte';
import { openRoom, type OpenedRoom } from '../../../../tests/browser/rooms';

/** The roll call, driven by a MeetingRoom on fake sessions: marks go to the meeting document. */
let opened: OpenedRoom[] = [];
afterEach(() => {
	for (const r of opened) r.close();
	opened = [];
});

async function attendance(role: 'editor' | 'viewer', userId: string) {
	const r = openRoom(role, userId);
	opened.push(r);
	const announce = vi.fn();
	const screen = await render(MeetingRoomHost, { room: r.room, parts: ['attendance'], announce });
	const marks = () => Object.fromEntries(attendanceOf(r.meeting.doc));
	const total = (key: string) => screen.getByTestId('attendance-totals').element().querySelector(`[data-count="${key}"] dd`)?.textContent;
	return { r, screen, announce, marks, total };
}

describe('Attendance in a MeetingRoom', () => {
	it('marks one person by keyboard and counts them', async () => {
		const { screen, marks, total } = await attendance('editor', 'u2');
		const present = screen.getByRole('group', { name: 'Cem' }).getByRole('radio', { name: 'På plats' });
		(present.element() as HTMLInputElement).focus();
		await userEvent.keyboard(' ');
		await expect.element(present).toBeChecked();
		expect(marks()).toEqual({ u3: 'present_on_site' });
		expect(total('present')).toBe('1');
		expect(total('unmarked')).toBe('3');
	});

	it('offers on site, online, by phone, absent and excused; every kind counts as present', async () => {
		const { r, screen, marks, total } = await attendance('editor', 'u2');
		const group = screen.getByRole('group', { name: 'Cem' });
		expect(group.getByRole('radio').elements().map((e) => e.closest('label')?.textContent?.trim())).toEqual([
			'På plats',
			'Online',
			'Per telefon',
			'Frånvarande',
			'Anmält förhinder'
		]);
		await group.getByRole('radio', { name: 'Online' }).click();
		expect(marks()).toEqual({ u3: 'present_online' });
		await expect.poll(() => total('present_online')).toBe('1');
		expect(total('present')).toBe('1');
		// A mark written before the kinds stays shown (and counted) until someone picks how.
		setAttendance(r.meeting.doc, ['u1'], 'present');
		await expect.poll(() => total('present')).toBe('2');
		const legacy = () => document.querySelector<HTMLInputElement>('input[name="attendance-u1"][value="present"]');
		await expect.poll(() => legacy()?.checked).toBe(true);
		expect(legacy()?.closest('label')?.textContent?.trim()).toBe('Närvarande');
		// "Mark all present" leaves how the present take part alone and marks the rest on site.
		await screen.getByRole('button', { name: 'Markera alla som närvarande på plats' }).click();
		expect(marks()).toEqual({ u1: 'present', u2: 'present_on_site', u3: 'present_online', u4: 'present_on_site' });
		expect(total('present')).toBe('4');
	});

	it('marks everyone present at once, keeps focus on the counts and says so', async () => {
		const { screen, announce, marks, total } = await attendance('editor', 'u2');
		const markAll = screen.getByRole('button', { name: 'Markera alla som närvarande på plats' });
		(markAll.element() as HTMLButtonElement).focus();
		await userEvent.keyboard('{Enter}');
		await expect.element(markAll).not.toBeInTheDocument();
		expect(marks()).toEqual({ u1: 'present_on_site', u2: 'present_on_site', u3: 'present_on_site', u4: 'present_on_site' });
		expect(total('present')).toBe('4');
		await expect.element(screen.getByTestId('attendance-totals-label')).toHaveFocus();
		expect(announce).toHaveBeenCalledExactlyOnceWith('Alla är markerade som närvarande.');
	});

	it('adds a guest by keyboard', async () => {
		const { r, screen, announce } = await attendance('editor', 'u2');
		const name = screen.getByRole('textbox', { name: 'Gästens namn' });
		(name.element() as HTMLInputElement).focus();
		await userEvent.keyboard('Eva Ek{Enter}');
		await expect.element(screen.getByTestId('guest')).toHaveTextContent('Eva Ek');
		expect(listGuests(r.meeting.doc)).toMatchObject([{ name: 'Eva Ek' }]);
		expect(announce).toHaveBeenCalledExactlyOnceWith('Eva Ek är tillagd som gäst.');
		await expect.element(name).toHaveFocus();
	});

	it('shows a viewer the marks others make, with nothing to change', async () => {
		const { r, screen, total } = await attendance('viewer', 'u4');
		await expect.element(screen.getByTestId('attendance')).toBeVisible();
		expect(screen.getByRole('radio').elements()).toHaveLength(0);
		expect(screen.getByRole('button').elements()).toHaveLength(0);
		expect(screen.getByRole('textbox').elements()).toHaveLength(0);

		setAttendance(r.meeting.doc, ['u1'], 'excused');
		await expect.element(screen.getByTestId('attendance-person').first()).toHaveAttribute('data-status', 'excused');
		await expect.element(screen.getByTestId('attendance-person').first()).toHaveTextContent('Anmält förhinder');
		expect(total('excused')).toBe('1');
	});
});
