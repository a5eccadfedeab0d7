import { error, fail, redirect } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import * as publications from '$lib/server/services/publications';
import type { Actions, PageServerLoad } from './$types';

/** The board page's public address form posts here; a refusal is shown on this page with the form again. */
export const load: PageServerLoad = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	if (access.role !== 'owner') error(403, 'forbidden');
	return { board: { id: access.board.id, name: access.board.name }, form: await publications.slugForm(event.locals.runtime.store, access) };
};

export const actions: Actions = {
	default: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		if (access.role !== 'owner') error(403, 'forbidden');
		const input = (await event.request.formData()).get('slug');
		const result = await publications.setSlug(event.locals.runtime.store, access, typeof input === 'string' ? input : '');
		if (!result.ok) return fail(400, { slug: typeof input === 'string' ? input : '', errors: result.errors });
		redirect(303, `/boards/${access.board.id}?address=saved#public-address`);
	}
};
