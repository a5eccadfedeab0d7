import { error, fail } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import * as webhooks from '$lib/server/services/webhooks';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A board's webhooks (issue 15, point 4): owners only; every other member gets 403. */
async function ownerAccess(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const access = await requireBoardMember(event, event.params.boardId);
	if (access.role !== 'owner') error(403, 'forbidden');
	return access;
}
const deps = (event: { locals: App.Locals }) => ({ store: event.locals.runtime.store, config: event.locals.runtime.config });
const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const load: PageServerLoad = async (event) => webhooks.webhooksPage(deps(event), await ownerAccess(event));

export const actions: Actions = {
	register: async (event) => {
		const access = await ownerAccess(event);
		const form = await event.request.formData();
		const values = { url: text(form, 'url'), events: form.getAll('events').map(String), description: text(form, 'description') };
		const result = await webhooks.register(deps(event), access, values);
		if (!result.ok) return fail(400, { form: 'register' as const, values, errors: result.errors });
		// The id and events, never the URL (it may carry a token of the receiver's) nor the secret.
		await audit(event, { kind: 'webhook-created', boardId: access.board.id, subject: result.value.id, details: { events: values.events } });
		return { form: 'register' as const, created: { id: result.value.id, secret: result.value.secret } };
	},
	active: async (event) => {
		const access = await ownerAccess(event);
		const form = await event.request.formData();
		const webhookId = text(form, 'webhookId');
		const active = text(form, 'active') === 'true';
		const result = await webhooks.setActive(deps(event), access, webhookId, active);
		if (!result.ok) return fail(400, { form: 'active' as const, webhookId, errors: result.errors });
		await audit(event, { kind: 'webhook-changed', boardId: access.board.id, subject: webhookId, details: { active } });
		return { form: 'active' as const, webhookId, active };
	},
	delete: async (event) => {
		const access = await ownerAccess(event);
		const webhookId = text(await event.request.formData(), 'webhookId');
		const result = await webhooks.remove(deps(event), access, webhookId);
		if (!result.ok) return fail(400, { form: 'delete' as const, webhookId, errors: result.errors });
		await audit(event, { kind: 'webhook-deleted', boardId: access.board.id, subject: webhookId });
		return { form: 'delete' as const, webhookId, deleted: true };
	},
	test: async (event) => {
		const access = await ownerAccess(event);
		const webhookId = text(await event.request.formData(), 'webhookId');
		const result = await webhooks.sendTest(deps(event), access, webhookId);
		if (!result.ok) return fail(400, { form: 'test' as const, webhookId, errors: result.errors });
		return { form: 'test' as const, webhookId, tested: true };
	}
};
