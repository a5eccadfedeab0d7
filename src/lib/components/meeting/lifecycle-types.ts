import type { addendaView, lifecycleView } from '$lib/server/services/meeting-lifecycle';

/** The lifecycle part of the meeting page's data, as the service builds it, with the addenda. */
export type LifecyclePageView = Awaited<ReturnType<typeof lifecycleView>> & { addenda: Awaited<ReturnType<typeof addendaView>> };
