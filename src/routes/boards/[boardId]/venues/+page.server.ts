import { fail } from '@sveltejs/kit';
import * as venues from '$lib/server/services/venues';
import { requireBoardMember } from '$lib/server/services/guards';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/** A board's saved venues (issue 12, point 10): every member reads them, owners and editors change them. */
export const load: PageServerLoad = async (event) => venues.venuesPage(event.locals.runtime.store, await requireBoardMember(event, event.params.boardId));

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};
const venueValues = (form: FormData) => ({
	name: text(form, 'name'),
	hostAgency: text(form, 'hostAgency'),
	address: text(form, 'address'),
	features: form.getAll('features').map(String),
	interpretingLanguages: text(form, 'interpretingLanguages'),
	notes: text(form, 'notes')
});
const status = (errors: Record<string, string>) => (errors._form === 'error_not_allowed' ? 403 : 400);

export const actions: Actions = {
	add: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const values = venueValues(await event.request.formData());
		const result = await venues.createVenue(event.locals.runtime.store, user, board.id, values);
		if (!result.ok) return fail(status(result.errors), { form: 'add' as const, venueId: '', values, errors: result.errors });
		// The venue's id, not what its fields say (the log keeps no text people wrote).
		await audit(event, { kind: 'venue-saved', boardId: board.id, subject: result.value.id });
		return { form: 'add' as const, venueId: result.value.id, saved: result.value.name };
	},
	edit: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const venueId = text(form, 'venueId');
		const values = venueValues(form);
		const result = await venues.updateVenue(event.locals.runtime.store, user, board.id, venueId, values);
		if (!result.ok) return fail(status(result.errors), { form: 'edit' as const, venueId, values, errors: result.errors });
		// Which fields changed, as for a meeting's details; nothing when nothing did.
		if (result.value.changed.length) await audit(event, { kind: 'venue-changed', boardId: board.id, subject: venueId, details: { changed: result.value.changed } });
		return { form: 'edit' as const, venueId, saved: result.value.name };
	},
	archive: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const venueId = text(form, 'venueId');
		const archived = text(form, 'archived') !== 'false';
		const result = await venues.archiveVenue(event.locals.runtime.store, user, board.id, venueId, archived);
		if (!result.ok) return fail(status(result.errors), { form: 'archive' as const, venueId, errors: result.errors });
		if (result.value.changed) await audit(event, { kind: archived ? 'venue-removed' : 'venue-restored', boardId: board.id, subject: venueId });
		return { form: 'archive' as const, venueId, archived, name: result.value.name };
	}
};
