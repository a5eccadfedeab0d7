import { error, fail, redirect } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import * as templates from '$lib/server/services/meeting-template';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/** The board's meeting template (issue 12, point 7): owners and editors. */
export const load: PageServerLoad = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	const form = await templates.templateForm(event.locals.runtime.store, access);
	if (!form.canEdit) error(403, 'forbidden');
	return form;
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	default: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { standingItems: text(form, 'standingItems'), lengthMinutes: text(form, 'lengthMinutes') };
		const result = await templates.saveTemplate(event.locals.runtime.store, user, board.id, values);
		if (!result.ok) return fail(400, { values, errors: result.errors, params: result.params ?? {} });
		// How many standing items and the length, not their titles.
		await audit(event, { kind: 'template-saved', boardId: board.id, details: { standingItems: result.value.standingItems.length, lengthMinutes: result.value.lengthMinutes } });
		redirect(303, `/boards/${board.id}/template?saved=1`);
	}
};
