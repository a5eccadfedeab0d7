import type { Component } from 'svelte';

/**
 * The chair's parts of the speaker list, loaded only when used: the buttons on each ask once
 * someone waits, the tools below the list once the chair opens them. Every member's page carries
 * the list and the ask button, not the controls (the meeting page's script budget).
 *
 * One promise each, kept: a new promise on every change of the list would re-render every
 * `{#await}` of it and throw the chair's focus off the button they are on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loaded = Promise<Component<any>>;
let entryTools: Loaded | null = null;
let chairTools: Loaded | null = null;
export const loadEntryTools = (): Loaded => (entryTools ??= import('./FloorEntryTools.svelte').then((module) => module.default));
export const loadChairTools = (): Loaded => (chairTools ??= import('./FloorChairTools.svelte').then((module) => module.default));
