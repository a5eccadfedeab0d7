import { error, fail } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import { boardTokensPage, createApiToken, revokeBoardToken } from '$lib/server/services/api-tokens';
import { canManageBoard } from '$lib/domain/roles';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Owners only, for the forms as for the page. */
async function requireOwner(event: RequestEvent) {
	const access = await requireBoardMember(event, event.params.boardId);
	if (!canManageBoard(access.role)) error(403, 'forbidden');
	return access;
}

/** A board's tokens for integrations (issue 15): its owners make one (shown once), see them and revoke them. */
export const load: PageServerLoad = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	const page = await boardTokensPage(event.locals.runtime.store, access);
	if (!page) error(403, 'forbidden');
	event.setHeaders({ 'cache-control': 'no-store' });
	return page;
};

export const actions: Actions = {
	create: async (event) => {
		const { user, board, role } = await requireOwner(event);
		const form = await event.request.formData();
		const maker = { user, address: event.getClientAddress() };
		const result = await createApiToken(event.locals.runtime.store, maker, { name: form.get('name'), scope: form.get('scope'), days: form.get('days') }, new Date(), { id: board.id, role });
		if (!result.ok) return fail(400, { errors: result.errors, values: { name: String(form.get('name') ?? '') } });
		return { created: { token: result.value.token, name: result.value.apiToken.name } };
	},
	revoke: async (event) => {
		const { user, board, role } = await requireOwner(event);
		const form = await event.request.formData();
		const revoked = await revokeBoardToken(event.locals.runtime.store, { user, address: event.getClientAddress() }, { id: board.id, role }, String(form.get('id') ?? ''));
		return revoked ? { revoked: true } : fail(404, { errors: { _form: 'error_invalid' } });
	}
};
