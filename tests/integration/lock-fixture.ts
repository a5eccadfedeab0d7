import { expect } from 'vitest';
import * as Y from 'yjs';
import { createSession } from '../../src/lib/server/auth/sessions';
import { signUp } from '../../src/lib/server/services/accounts';
import type { AgencyKind } from '../../src/lib/domain/agencies';
import type { Store, User } from '../../src/lib/server/store/types';
import type { Author } from '../../src/lib/domain/voices-doc';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting } from './helpers';
import { eventually, type TestClient } from './yclient';

/**
 * People and a meeting for the justering and lock tests (issue 10): an owner, the secretary and
 * the chair (editors), two adjusters (an editor, and a contributor from a user association), and
 * a viewer; signed in with real sessions.
 */
export interface Person {
	user: User;
	cookie: string;
	author: Author;
}

let counter = 0;
async function person(store: Store, name: string, kind: AgencyKind): Promise<Person> {
	counter++;
	const agencyName = `${kind === 'user_association' ? 'Brukarföreningen' : 'Förvaltning'} ${name} ${counter}`;
	const result = await signUp(store, {
		displayName: `${name} ${counter}`,
		email: `lock-${name.toLowerCase()}${counter}-${Date.now()}@example.se`,
		password: 'grön-tavla-som-håller',
		agencyChoice: 'new',
		newAgencyName: agencyName,
		newAgencyKind: kind
	});
	if (!result.ok) throw new Error('sign-up failed: ' + JSON.stringify(result.errors));
	const { token } = await createSession(store, result.value.id);
	const user = result.value;
	return { user, cookie: `samtavla_session=${token}`, author: { id: user.id, name: user.displayName, agencyId: user.agencyId, agencyName } };
}

export async function lockFixture(store: Store) {
	const owner = await person(store, 'Owner', 'social_services');
	const secretary = await person(store, 'Secretary', 'social_services');
	const chair = await person(store, 'Chair', 'employment_services');
	const adjusterA = await person(store, 'AdjusterA', 'housing');
	const adjusterB = await person(store, 'AdjusterB', 'user_association');
	const viewer = await person(store, 'Viewer', 'other');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	await store.boards.addMember(boardId, secretary.user.id, 'editor');
	await store.boards.addMember(boardId, chair.user.id, 'editor');
	await store.boards.addMember(boardId, adjusterA.user.id, 'editor');
	await store.boards.addMember(boardId, adjusterB.user.id, 'contributor');
	await store.boards.addMember(boardId, viewer.user.id, 'viewer');
	return {
		owner,
		secretary,
		chair,
		adjusterA,
		adjusterB,
		viewer,
		boardId,
		meetingId,
		meeting: docName({ kind: 'meeting', meetingId }),
		voices: docName({ kind: 'voices', meetingId })
	};
}

/** A no-JavaScript form post to a meeting page action, as a browser sends it. */
export function formPost(baseUrl: string, meetingId: string, action: string, cookie: string, fields: Array<[string, string]>): Promise<Response> {
	return fetch(`${baseUrl}/meetings/${meetingId}?/${action}`, {
		method: 'POST',
		headers: { cookie, origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}

export async function meetingPage(baseUrl: string, meetingId: string, cookie: string): Promise<string> {
	const response = await fetch(`${baseUrl}/meetings/${meetingId}`, { headers: { cookie }, redirect: 'manual' });
	expect(response.status).toBe(200);
	return response.text();
}

export const statusOn = (html: string) => /data-testid="meeting-lifecycle" data-status="([a-z_]+)"/.exec(html)?.[1];
export const versionOn = (html: string) => /name="version" value="([0-9a-f]{64})"/.exec(html)?.[1];

/** Waits until the client was told its update was refused, without its socket closing. */
export async function refusedInPlace(client: TestClient, what: string): Promise<void> {
	await eventually(() => client.permissionDenied.includes('read-only'), what);
	expect(client.closes, `${what}: the socket stayed open`).toEqual([]);
	expect(client.provider.wsconnected).toBe(true);
}

/** What a fresh reader of a document holds: its snapshot (every item and deletion) and its top-level maps. */
export function contentOf(doc: Y.Doc, maps: string[]): { snapshot: number[]; json: string } {
	return { snapshot: [...Y.encodeSnapshot(Y.snapshot(doc))], json: JSON.stringify(maps.map((m) => doc.getMap(m).toJSON())) };
}
