#!/usr/bin/env node
// Prepares a fresh DATA_DIR for the side-by-side benchmark, before Samtavla starts on it: per
// meeting one board with five people (owner = the typist, four editors), a session per person,
// and the meeting itself. It uses the production build's own store and session code (the build
// is compiled by `node server/start.mjs --build-only` first), so the rows are exactly what the
// app writes; going through the sign-in form 4,000 times would measure argon2, not the server.
//
//   DATA_DIR=… node tests/load/side-by-side/samtavla-prep.mjs <meetings> <out.json>
// writes [{ docName, cookies: [5 × 'samtavla_session=…'] }] to out.json.
import { writeFileSync } from 'node:fs';

const [meetings, out] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(meetings) || meetings < 1 || !out) {
	console.error('usage: samtavla-prep.mjs <meetings> <out.json>');
	process.exit(2);
}
const build = new URL('../../../build/node/', import.meta.url);
const load = (path) => import(new URL(path, build).href);
const { loadConfig } = await load('src/lib/server/config.js');
const { createRuntimeBase } = await load('src/lib/server/create-runtime.js');
const { createSession } = await load('src/lib/server/auth/sessions.js');
const { hashPassword } = await load('src/lib/server/auth/passwords.js');
const { newId } = await load('src/lib/domain/ids.js');
const { docName } = await load('src/lib/domain/doc-names.js');
const { migrationsDir } = await load('server/paths.js');

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const { store } = await createRuntimeBase(config, { migrationsDir: migrationsDir() });
const now = new Date();
try {
	const agencyId = newId();
	await store.agencies.create({ id: agencyId, name: 'Benchmark agency', kind: 'social_services', color: '#1f6feb' });
	// One hash for everyone: nobody signs in with a password here (sessions are made directly).
	const passwordHash = await hashPassword('side-by-side-benchmark');
	const result = [];
	for (let m = 0; m < meetings; m++) {
		const people = [];
		for (let p = 0; p < 5; p++) {
			const id = newId();
			await store.users.create({ id, email: `m${m}p${p}@bench.samtavla.test`, displayName: `Person ${m}.${p}`, passwordHash, agencyId, createdAt: now });
			people.push(id);
		}
		const boardId = newId();
		await store.boards.create({ id: boardId, name: `Board ${m}`, description: '', createdBy: people[0], createdAt: now }, people[0]);
		for (const id of people.slice(1)) await store.boards.addMember(boardId, id, 'editor');
		const meetingId = newId();
		await store.meetings.create({ id: meetingId, boardId, title: `Meeting ${m}`, startsAt: now, place: '', accessibilityNotes: '', onlineUrl: '', createdBy: people[0], createdAt: now });
		const cookies = [];
		for (const id of people) cookies.push(`samtavla_session=${(await createSession(store, id, now)).token}`);
		result.push({ docName: docName({ kind: 'meeting', meetingId }), cookies });
	}
	writeFileSync(out, JSON.stringify(result));
} finally {
	await store.close();
}
