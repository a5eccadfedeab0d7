/**
 * Fetches the live minutes editor's code (TipTap, ProseMirror: most of the meeting page's
 * JavaScript). Its own module so that MinutesEditor.svelte's component specs can hold it back and
 * see what happens before it has come.
 */
export const importLiveEditor = () => import('../LiveMinutesEditor.svelte');
