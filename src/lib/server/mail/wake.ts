import { wakeHook } from '../outbox/wake.js';

/** Queueing a message wakes this process's mail worker at once, so it does not wait for the next poll. */
export const mailWake = wakeHook('mail');

/** Nothing happens without a worker (e-mail off, or another instance sends it at its next poll). */
export const mailQueued = mailWake.fire;
