import type { PageServerLoad } from './$types';

/** Public: the statement is for everyone, signed in or not (issue 14, point 3). */
export const load: PageServerLoad = ({ locals }) => ({ contact: locals.runtime.config.accessibilityContact ?? null });
