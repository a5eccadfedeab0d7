/**
 * The chair's parts of the speaker list, loaded only for those who manage it: every member's page
 * carries the list and the ask button, not the controls (the meeting page's script budget).
 */
export const loadChairTools = () => Promise.all([import('./FloorEntryTools.svelte'), import('./FloorChairTools.svelte')]).then(([entry, chair]) => ({ EntryTools: entry.default, ChairTools: chair.default }));
