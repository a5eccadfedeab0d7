import { fail, redirect } from '@sveltejs/kit';
import * as boards from '$lib/server/services/boards';
import { requireUser } from '$lib/server/services/guards';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The token is a secret: keep this page out of shared caches and other sites' referrers.
	// same-origin, not no-referrer: under no-referrer the join form posts `Origin: null` before
	// hydration and without JavaScript, which the CSRF check must refuse.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	// A member opening a link learns they are one (the link never changes their role); a person
	// removed since the link was made is told to ask for a new one.
	const { state, invite, board, memberRole } = await boards.lookupInvite(locals.runtime.store, params.token, new Date(), locals.user?.id);
	return {
		state,
		refusal: state === 'valid' || state === 'member' ? null : boards.INVITE_REFUSALS[state],
		board: board ? { id: board.id, name: board.name } : null,
		role: invite?.role ?? null,
		memberRole
	};
};

export const actions: Actions = {
	join: async (event) => {
		const user = requireUser(event);
		const result = await boards.acceptInvite(event.locals.runtime.store, user, event.params.token);
		if (!result.ok) return fail(400, { errors: result.errors });
		// Already a member: nothing changed; the page (loaded again) says so and links to the board.
		if (!result.value.joined) return { alreadyMember: true };
		// The invite's id, never the token (the link is the secret).
		await audit(event, { kind: 'invite-used', boardId: result.value.board.id, subject: result.value.inviteId, details: { role: result.value.role } });
		// Open editors of this person on that board pick up the new role.
		await event.locals.runtime.live.refreshMember(result.value.board.id, user.id);
		redirect(303, `/boards/${result.value.board.id}`);
	}
};
