import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/domain/ids';
import { isFencedOut } from '../../src/lib/server/store/fencing';
import { createStore } from '../../src/lib/server/store/index';
import type { Store } from '../../src/lib/server/store/types';
import { postgresUnavailable } from './suite-unavailable';

const migrationsDir = resolve('supabase/migrations');

/** The database side of the single-writer rule (fencing.ts), on each SQL backend. */
function fencingSuite(name: string, open: () => Promise<Store>, dispose: (store: Store) => Promise<void>) {
	describe(name, () => {
		let store: Store;
		beforeAll(async () => {
			store = await open();
		}, 60_000);
		afterAll(async () => {
			if (store) await dispose(store);
		});
		const update = (text: string) => {
			const doc = new Y.Doc();
			doc.getText('minutes').insert(0, text);
			return Y.encodeStateAsUpdate(doc);
		};

		it('each claim hands out a higher token, per document', async () => {
			const doc = `meeting:${newId()}`;
			const first = await store.docs.claim(doc);
			const second = await store.docs.claim(doc);
			expect(second).toBeGreaterThan(first);
			expect(await store.docs.claim(`meeting:${newId()}`)).toBe(1);
		});

		it('refuses appends and compactions with a token older than the newest claim, and keeps the newer writer’s', async () => {
			const doc = `meeting:${newId()}`;
			const old = await store.docs.claim(doc);
			const id1 = await store.docs.append(doc, [update('gammal')], old);
			const current = await store.docs.claim(doc);

			const refused = await store.docs.append(doc, [update('för sent')], old).catch((e: unknown) => e);
			expect(isFencedOut(refused)).toBe(true);
			const compacted = await store.docs.compact(doc, update('fel'), id1, old).catch((e: unknown) => e);
			expect(isFencedOut(compacted)).toBe(true);

			await store.docs.append(doc, [update('ny')], current);
			const loaded = await store.docs.load(doc);
			expect(loaded.snapshot).toBeNull(); // the refused compaction changed nothing
			expect(loaded.updates).toHaveLength(2);
		});

		it('appendMany refuses only the fenced-out document: the others, fenced or not, are stored', async () => {
			const [stale, fresh, alone] = [`meeting:${newId()}`, `meeting:${newId()}`, `meeting:${newId()}`];
			const old = await store.docs.claim(stale);
			await store.docs.claim(stale);
			const token = await store.docs.claim(fresh);
			const results = await store.docs.appendMany([
				{ docName: fresh, updates: [update('ny')], fence: token },
				{ docName: stale, updates: [update('för sent')], fence: old },
				{ docName: alone, updates: [update('ensam')] }
			]);
			expect('lastUpdateId' in results[0]).toBe(true);
			expect('refused' in results[1] && isFencedOut(results[1].refused)).toBe(true);
			expect('lastUpdateId' in results[2]).toBe(true);
			expect((await store.docs.load(stale)).updates).toHaveLength(0);
			expect((await store.docs.load(fresh)).updates).toHaveLength(1);
			expect((await store.docs.load(alone)).updates).toHaveLength(1);
			// The statement's fences were per document: a later fenced append in the same session is still checked.
			expect(isFencedOut(await store.docs.append(stale, [update('igen')], old).catch((e: unknown) => e))).toBe(true);
		});

		it('leaves writes without a token (one instance, no Redis) alone', async () => {
			const doc = `meeting:${newId()}`;
			await store.docs.claim(doc);
			const id = await store.docs.append(doc, [update('ensam')]);
			await store.docs.compact(doc, update('ensam'), id);
			expect((await store.docs.load(doc)).snapshot).not.toBeNull();
		});
	});
}

fencingSuite(
	'Write fencing: embedded PGlite',
	async () => {
		const template = new Blob([await readFile(inject('pgliteTemplate'))]);
		return (await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir, pgliteTemplate: template, inMemory: true })).store;
	},
	(store) => store.close()
);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) postgresUnavailable('Write fencing: PostgreSQL');
else {
	const dbName = `samtavla_fence_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = async (statement: string) => {
		const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
		try {
			await sql.unsafe(statement);
		} finally {
			await sql.end({ timeout: 5 });
		}
	};
	fencingSuite(
		'Write fencing: PostgreSQL',
		async () => {
			await admin(`create database ${dbName}`);
			const url = new URL(adminUrl);
			url.pathname = `/${dbName}`;
			return (await createStore({ dataDir: '', databaseUrl: url.toString() }, { migrationsDir, schema: 'migrate' })).store;
		},
		async (store) => {
			await store.close();
			await admin(`drop database if exists ${dbName} with (force)`);
		}
	);
}
