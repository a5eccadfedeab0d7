import { mkdtemp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/lib/server/config';
import { createSession } from '../../src/lib/server/auth/sessions';
import { createBoard, createMeeting } from '../../src/lib/server/services/boards';
import { signUp } from '../../src/lib/server/services/accounts';
import type { Store, User } from '../../src/lib/server/store/types';
import { startApp, type RequestHandler, type RunningApp } from '../../server/app';

let templateBlob: Blob | undefined;
async function template(): Promise<Blob> {
	templateBlob ??= new Blob([await readFile(inject('pgliteTemplate'))]);
	return templateBlob;
}

export async function freshDataDir(): Promise<string> {
	return mkdtemp(join(inject('testDataDir'), 'db-'));
}

export function testConfig(env: Record<string, string> = {}): Config {
	return loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', COLLAB_FLUSH_MS: '20', ...env });
}

/**
 * A real server on port 0 with a real embedded database cloned from the run's template.
 * Pass the same `dataDir` again to restart on the same database.
 */
export async function startTestApp(
	options: { dataDir?: string; env?: Record<string, string>; handler?: RequestHandler } = {}
): Promise<RunningApp & { dataDir: string }> {
	const dataDir = options.dataDir ?? (await freshDataDir());
	const config = testConfig({ DATA_DIR: dataDir, ...options.env });
	const { existsSync } = await import('node:fs');
	const fresh = !existsSync(join(dataDir, 'pglite', 'PG_VERSION'));
	const app = await startApp(config, { migrationsDir: resolve('supabase/migrations'), pgliteTemplate: fresh ? await template() : undefined }, options.handler);
	return Object.assign(app, { dataDir });
}

let counter = 0;
/** Signs a person up through the real service and opens a session for them. */
export async function makeUser(store: Store, name = 'Person'): Promise<{ user: User; token: string; cookie: string }> {
	counter++;
	const result = await signUp(store, {
		displayName: `${name} ${counter}`,
		email: `${name.toLowerCase().replace(/\W/g, '')}${counter}-${Date.now()}@example.se`,
		password: 'grön-tavla-som-håller',
		agencyChoice: 'new',
		newAgencyName: `Förvaltning ${counter}`,
		newAgencyKind: 'social_services'
	});
	if (!result.ok) throw new Error('sign-up failed: ' + JSON.stringify(result.errors));
	const { token } = await createSession(store, result.value.id);
	return { user: result.value, token, cookie: `samtavla_session=${token}` };
}

export async function makeMeeting(store: Store, owner: User): Promise<{ boardId: string; meetingId: string }> {
	const board = await createBoard(store, owner, { name: 'Ledningsgrupp för utveckling', description: '' });
	if (!board.ok) throw new Error('board failed');
	const meeting = await createMeeting(store, owner, board.value.id, { title: 'Möte', startsAt: '2026-12-01T13:00', tzOffset: '60' });
	if (!meeting.ok) throw new Error('meeting failed: ' + JSON.stringify(meeting.errors));
	return { boardId: board.value.id, meetingId: meeting.value.id };
}

/**
 * Raw SQL on a stopped test server's embedded database (to damage or inspect it between runs).
 * The server must be closed first: PGlite holds its directory exclusively.
 */
export async function withStoppedDatabase<T>(dataDir: string, fn: (sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
	const { openPglite, pgliteExecutor } = await import('../../src/lib/server/store/pglite/executor');
	const db = pgliteExecutor(await openPglite({ dataDir: join(dataDir, 'pglite') }));
	try {
		return await fn((text, params) => db.query(text, params));
	} finally {
		await db.close();
	}
}
