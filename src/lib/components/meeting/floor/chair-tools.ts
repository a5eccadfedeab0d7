/**
 * The chair's parts of the speaker list, loaded only when used: the buttons on each ask once
 * someone waits, the tools below the list once the chair opens them. Every member's page carries
 * the list and the ask button, not the controls (the meeting page's script budget).
 */
export const loadEntryTools = () => import('./FloorEntryTools.svelte').then((module) => module.default);
export const loadChairTools = () => import('./FloorChairTools.svelte').then((module) => module.default);
