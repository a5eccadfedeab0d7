import * as Y from 'yjs';
import { pickAgencyColor } from '../../domain/agencies.js';
import { docName } from '../../domain/doc-names.js';
import { newId } from '../../domain/ids.js';
import { appendMinutes } from '../../domain/minutes-doc.js';
import { hashPassword } from '../auth/passwords.js';
import type { Store } from '../store/types.js';
import { DEMO_AGENCIES, DEMO_BOARD, DEMO_MEETINGS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-data.js';

export type SeedOutcome = { seeded: true; boardId: string } | { seeded: false; reason: 'not-empty' };

/** Fills an EMPTY database with the Åsby demo; never touches a database that has accounts. */
export async function seedDemo(store: Store, now = new Date()): Promise<SeedOutcome> {
	if ((await store.users.count()) > 0) return { seeded: false, reason: 'not-empty' };

	const agencyIds = new Map<string, string>();
	const colors: string[] = [];
	for (const agency of DEMO_AGENCIES) {
		const existing = await store.agencies.findByName(agency.name);
		const id = existing?.id ?? newId();
		if (!existing) {
			const color = pickAgencyColor(colors);
			colors.push(color);
			await store.agencies.create({ id, name: agency.name, kind: agency.kind, color });
		}
		agencyIds.set(agency.key, id);
	}

	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const userIds = new Map<string, string>();
	for (const person of DEMO_PEOPLE) {
		const id = newId();
		await store.users.create({ id, email: person.email, displayName: person.name, passwordHash, agencyId: agencyIds.get(person.agency)!, createdAt: now });
		userIds.set(person.email, id);
	}

	const owner = DEMO_PEOPLE.find((p) => p.role === 'owner')!;
	const boardId = newId();
	await store.boards.create({ id: boardId, ...DEMO_BOARD, createdBy: userIds.get(owner.email)!, createdAt: now }, userIds.get(owner.email)!);
	for (const person of DEMO_PEOPLE) {
		if (person.role !== 'owner') await store.boards.addMember(boardId, userIds.get(person.email)!, person.role);
	}

	for (const m of DEMO_MEETINGS) {
		const startsAt = new Date(now);
		startsAt.setUTCDate(startsAt.getUTCDate() + m.daysFromNow);
		startsAt.setUTCHours(m.hour - 1, 0, 0, 0); // Swedish winter time is UTC+1
		const meetingId = newId();
		await store.meetings.create({
			id: meetingId,
			boardId,
			title: m.title,
			startsAt,
			place: m.place,
			accessibilityNotes: m.accessibilityNotes,
			onlineUrl: m.onlineUrl,
			createdBy: userIds.get(owner.email)!,
			createdAt: now
		});
		if (m.minutes.length) {
			// Written on the server only, once: clients never seed content themselves.
			const doc = new Y.Doc();
			appendMinutes(doc, m.minutes);
			await store.docs.append(docName({ kind: 'meeting', meetingId }), [Y.encodeStateAsUpdate(doc)]);
			doc.destroy();
		}
	}
	return { seeded: true, boardId };
}
