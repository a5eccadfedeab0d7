import type { lifecycleView } from '$lib/server/services/meeting-lifecycle';

/** The lifecycle part of the meeting page's data, as the service builds it. */
export type LifecyclePageView = Awaited<ReturnType<typeof lifecycleView>>;
