import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON line per event on stdout; operators ship it with whatever collects their logs. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
	return pino({ level, base: { app: 'samtavla', ...bindings } });
}
