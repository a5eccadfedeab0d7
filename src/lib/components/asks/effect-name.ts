import { m } from '$lib/paraglide/messages.js';
import type { Effect } from '$lib/domain/board-voices-doc';

/** How an effect reads ("It partly worked"), in the reader's language. */
export const effectName = (effect: Effect): string => ({ worked: m.asks_effect_worked(), partly: m.asks_effect_partly(), not: m.asks_effect_not() })[effect];
