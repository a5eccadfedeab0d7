import { fail, isHttpError, redirect } from '@sveltejs/kit';
import * as verify from '$lib/server/services/verify';
import type { Actions } from './$types';

const FIELD = { empty: '_form', malformed: 'hash', too_large: 'pdf', not_samtavla: 'pdf' } as const;
const KEY = {
	empty: 'pub_verify_error_empty',
	malformed: 'pub_verify_error_malformed',
	too_large: 'pub_verify_error_too_large',
	not_samtavla: 'pub_verify_error_not_samtavla'
} as const;

export const actions: Actions = {
	// Anyone, signed in or not: a pasted hash or an uploaded PDF becomes /verify/<hash>.
	default: async ({ request }) => {
		let form: FormData;
		try {
			form = await request.formData();
		} catch (error) {
			// Over the server's body size limit (BODY_SIZE_LIMIT) the body cannot be read at all.
			const tooLarge = isHttpError(error, 413) || (error as { status?: number })?.status === 413;
			return fail(tooLarge ? 413 : 400, { hash: '', errors: { pdf: tooLarge ? KEY.too_large : 'error_invalid' } });
		}
		const typed = form.get('hash');
		const input = await verify.readVerifyForm(form);
		if (!input.ok) return fail(400, { hash: typeof typed === 'string' ? typed : '', errors: { [FIELD[input.error]]: KEY[input.error] } });
		redirect(303, `/verify/${input.hash}`);
	}
};
