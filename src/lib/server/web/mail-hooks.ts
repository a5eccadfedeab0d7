import { getRuntime } from '$lib/server/runtime';
import { actionReminders, actionsAssigned, weeklyDigests } from '$lib/server/services/mail';
import { listeningOrigin, type MailHooks } from '$lib/server/mail/hooks';

/**
 * The e-mail the live documents cause, written here in SvelteKit's bundle (it has the compiled
 * messages) for the projection in `server/` (mail/hooks.ts). Links need ORIGIN, or the address
 * the server listens on; with neither (development) the change is logged and not e-mailed.
 */
export const liveMailHooks: MailHooks = {
	async actionsAssigned(boardId, assignments) {
		const { store, config, logger } = await getRuntime();
		if (!config.smtp) return;
		const origin = config.origin ?? listeningOrigin();
		if (!origin) {
			logger.warn({ boardId, actions: assignments.length }, 'actions assigned are not e-mailed: set ORIGIN so the e-mail can link to Samtavla');
			return;
		}
		await actionsAssigned({ store, config }, origin, boardId, assignments);
	},
	async actionReminders(today) {
		const { store, config, logger } = await getRuntime();
		if (!config.smtp) return 0;
		const origin = config.origin ?? listeningOrigin();
		if (!origin) {
			logger.warn('action reminders are not e-mailed: set ORIGIN so the e-mail can link to Samtavla');
			return 0;
		}
		const queued = (await actionReminders({ store, config }, origin, today)).filter((r) => r === 'queued').length;
		if (queued > 0) logger.info({ today, queued }, 'action reminders queued');
		return queued;
	},
	async weeklyDigests(today) {
		const { store, config, logger } = await getRuntime();
		if (!config.smtp) return 0;
		const origin = config.origin ?? listeningOrigin();
		if (!origin) {
			logger.warn('weekly digests are not e-mailed: set ORIGIN so the e-mail can link to Samtavla');
			return 0;
		}
		const queued = (await weeklyDigests({ store, config }, origin, today)).filter((r) => r === 'queued').length;
		if (queued > 0) logger.info({ today, queued }, 'weekly digests queued');
		return queued;
	}
};
