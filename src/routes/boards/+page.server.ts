import { fail, redirect } from '@sveltejs/kit';
import * as boards from '$lib/server/services/boards';
import { requireUser } from '$lib/server/services/guards';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { boards: await boards.list(event.locals.runtime.store, user) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') };
		const result = await boards.createBoard(event.locals.runtime.store, user, values);
		if (!result.ok) return fail(400, { values, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'board-created', boardId: result.value.id });
		redirect(303, `/boards/${result.value.id}`);
	}
};
