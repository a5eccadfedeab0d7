import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { Board, Meeting, Session, Store, User } from '../../src/lib/server/store/types';
import { admissionsFromParts } from './admission-from-parts';
import type { BoardRole as Role } from '../../src/lib/domain/roles';
import { decideUpgrade, docNameFromUrl, originAllowed, sessionTokenOf } from './upgrade';

const req = (headers: Record<string, string>, url = '/collab/board:b1') => ({ url, headers }) as unknown as IncomingMessage;

describe('docNameFromUrl', () => {
	it('takes the name after /collab/, without the query string', () => {
		expect(docNameFromUrl('/collab/board:abc')).toBe('board:abc');
		expect(docNameFromUrl('/collab/meeting:m1:voices?token=x&y=1')).toBe('meeting:m1:voices');
		expect(docNameFromUrl('/collab/meeting%3Am1')).toBe('meeting:m1');
		expect(docNameFromUrl('/collab/')).toBe('');
	});

	it('is null for other paths (left to other upgrade handlers, e.g. Vite HMR)', () => {
		expect(docNameFromUrl(undefined)).toBeNull();
		expect(docNameFromUrl('/')).toBeNull();
		expect(docNameFromUrl('/collab')).toBeNull();
		expect(docNameFromUrl('/collaborate/board:abc')).toBeNull();
		expect(docNameFromUrl('/?token=/collab/board:abc')).toBeNull();
		expect(docNameFromUrl('/app/collab/board:abc')).toBeNull();
	});

	it('bad percent-encoding is an empty (unknown) name, not a throw', () => {
		expect(docNameFromUrl('/collab/%E0%A4%A')).toBe('');
	});
});

describe('originAllowed', () => {
	it('allows clients without Origin (non-browsers still need a session)', () => {
		expect(originAllowed(req({ host: 'samtavla.se' }), undefined)).toBe(true);
		expect(originAllowed(req({ host: 'samtavla.se' }), 'https://samtavla.se')).toBe(true);
	});

	it('with a configured origin, only that exact origin', () => {
		const app = 'https://samtavla.example.se';
		expect(originAllowed(req({ origin: app, host: 'internal:3000' }), app)).toBe(true);
		expect(originAllowed(req({ origin: 'https://evil.example', host: 'samtavla.example.se' }), app)).toBe(false);
		expect(originAllowed(req({ origin: 'http://samtavla.example.se' }), app)).toBe(false);
		expect(originAllowed(req({ origin: 'https://samtavla.example.se.evil.example' }), app)).toBe(false);
	});

	it('without a configured origin, the Origin host must be the request host (or forwarded host)', () => {
		expect(originAllowed(req({ origin: 'http://localhost:5173', host: 'localhost:5173' }), undefined)).toBe(true);
		expect(originAllowed(req({ origin: 'http://localhost:5173', host: 'localhost:3000' }), undefined)).toBe(false);
		expect(originAllowed(req({ origin: 'https://evil.example', host: 'samtavla.se' }), undefined)).toBe(false);
		expect(originAllowed(req({ origin: 'https://samtavla.se', host: '10.0.0.5:3000', 'x-forwarded-host': 'samtavla.se' }), undefined)).toBe(true);
		expect(originAllowed(req({ origin: 'null', host: 'samtavla.se' }), undefined)).toBe(false);
		expect(originAllowed(req({ origin: 'not a url', host: 'samtavla.se' }), undefined)).toBe(false);
	});
});

describe('sessionTokenOf', () => {
	it('is the session cookie only when it has the shape of a token', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		expect(sessionTokenOf(req({ cookie: `a=1; samtavla_session=${token}` }))).toBe(token);
		expect(sessionTokenOf(req({}))).toBeNull();
		expect(sessionTokenOf(req({ cookie: 'samtavla_session=' }))).toBeNull();
		expect(sessionTokenOf(req({ cookie: 'samtavla_session=' + 'A'.repeat(32) }))).toBeNull();
		expect(sessionTokenOf(req({ cookie: 'samtavla_session=' + 'a'.repeat(5000) }))).toBeNull();
	});
});

describe('decideUpgrade', () => {
	const user: User = { id: 'u1', email: 'anna@kommun.se', displayName: 'Anna', agencyId: 'a1', createdAt: new Date(0) };
	const board: Board = { id: 'b1', name: 'LG', description: '', createdBy: 'u1', createdAt: new Date(0) };
	const meeting = { id: 'm1', boardId: 'b1', status: 'planned', adjustment: null } as Meeting;

	function fakeStore(role: Role | null, meetingNow: Meeting = meeting) {
		const sessions = new Map<string, Session>();
		const store = {
			sessions: {
				async create(s: Session) {
					sessions.set(s.id, s);
				},
				async get(id: string) {
					const s = sessions.get(id);
					return s ? { session: { ...s }, user } : null;
				},
				async setExpiry() {},
				async delete(id: string) {
					sessions.delete(id);
				}
			},
			boards: {
				async get(id: string) {
					return id === board.id ? board : null;
				},
				async role(boardId: string, userId: string): Promise<Role | null> {
					return boardId === board.id && userId === user.id ? role : null;
				}
			},
			meetings: {
				async get(id: string) {
					return id === meetingNow.id ? meetingNow : null;
				}
			},
			agencies: {
				async get(id: string) {
					return id === 'a1' ? { id: 'a1', name: 'Socialtjänsten', color: '#1f5f8b', kind: 'social_services' } : null;
				}
			}
		} as unknown as Store;
		store.sessions.admissions = admissionsFromParts(store);
		return store;
	}

	async function decide(role: Role | null, url: string, headers: Record<string, string> = {}, withCookie = true, meetingNow?: Meeting) {
		const store = fakeStore(role, meetingNow);
		const { token } = await createSession(store, user.id);
		const cookie: Record<string, string> = withCookie ? { cookie: `other=1; samtavla_session=${token}` } : {};
		return decideUpgrade(req({ host: 'samtavla.se', ...cookie, ...headers }, url), store, undefined);
	}

	it('admits a member with the access of their role', async () => {
		const editor = await decide('editor', '/collab/meeting:m1');
		expect(editor.ok && editor.admission).toMatchObject({ docName: 'meeting:m1', boardId: 'b1', access: 'write', role: 'editor', ref: { kind: 'meeting', meetingId: 'm1' } });
		const contributorVoices = await decide('contributor', '/collab/meeting:m1:voices');
		expect(contributorVoices.ok && contributorVoices.admission.access).toBe('write');
		// What the write policy holds voices entries to: the server's record of the author.
		expect(contributorVoices.ok && contributorVoices.admission).toMatchObject({ user: { displayName: 'Anna', agencyId: 'a1' }, identity: { agency: 'Socialtjänsten' } });
		const contributorMinutes = await decide('contributor', '/collab/meeting:m1');
		// The meeting document's socket is writable for a contributor, for their asks for the floor only
		// (permissions.ts floorAccess; write-policy.ts refuses every other change of theirs).
		expect(contributorMinutes.ok && contributorMinutes.admission.access).toBe('write');
		expect(contributorMinutes.ok && contributorMinutes.admission.role).toBe('contributor');
		const viewer = await decide('viewer', '/collab/board:b1');
		expect(viewer.ok && viewer.admission).toMatchObject({ access: 'read', user: { id: 'u1' } });
	});

	it('admits with the access the meeting’s status leaves: the secretary alone writes in adjustment, nobody once adjusted', async () => {
		const justering = { chairId: 'chair', secretaryId: 'u1', appointment: null, approvals: [], objections: [] };
		const inAdjustment = { ...meeting, status: 'in_adjustment', adjustment: justering } as Meeting;
		const access = async (role: Role, url: string, m: Meeting) => {
			const decision = await decide(role, url, {}, true, m);
			return decision.ok ? decision.admission.access : decision.status;
		};
		// u1 is the recorded secretary: the minutes, not the voices (frozen for everyone).
		expect(await access('editor', '/collab/meeting:m1', inAdjustment)).toBe('write');
		expect(await access('editor', '/collab/meeting:m1:voices', inAdjustment)).toBe('read');
		// The same editor, not the secretary: read-only.
		const otherSecretary = { ...inAdjustment, adjustment: { ...justering, secretaryId: 'someone-else' } } as Meeting;
		expect(await access('owner', '/collab/meeting:m1', otherSecretary)).toBe('read');
		const adjusted = { ...inAdjustment, status: 'adjusted' } as Meeting;
		for (const url of ['/collab/meeting:m1', '/collab/meeting:m1:voices']) expect(await access('owner', url, adjusted)).toBe('read');
		// The board document follows the role alone.
		expect(await access('owner', '/collab/board:b1', adjusted)).toBe('write');
		// Still a member: admitted to read, never refused.
		expect(await access('viewer', '/collab/meeting:m1', adjusted)).toBe('read');
	});

	it('gives the admission the identity others are shown: the account’s name and its agency', async () => {
		const admitted = await decide('viewer', '/collab/meeting:m1');
		expect(admitted.ok && admitted.admission.identity).toEqual({ id: 'u1', name: 'Anna', agency: 'Socialtjänsten', color: '#1f5f8b' });
	});

	it('refuses without a valid session cookie (401)', async () => {
		expect(await decide('owner', '/collab/board:b1', {}, false)).toMatchObject({ ok: false, status: 401 });
		expect(await decide('owner', '/collab/board:b1', { cookie: 'samtavla_session=' + 'a'.repeat(32) }, false)).toMatchObject({ ok: false, status: 401 });
	});

	it('asks `admit` once the session is valid, and refuses with 429 when it says no', async () => {
		const store = fakeStore('editor');
		const { token, session } = await createSession(store, user.id);
		const asked: string[] = [];
		const refused = await decideUpgrade(req({ host: 'samtavla.se', cookie: `samtavla_session=${token}` }, '/collab/meeting:m1'), store, undefined, new Date(), (s) => {
			asked.push(s.id);
			return false;
		});
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(asked).toEqual([session.id]);
		const notAsked: string[] = [];
		await decideUpgrade(req({ host: 'samtavla.se', cookie: 'samtavla_session=' + 'a'.repeat(32) }), store, undefined, new Date(), (s) => (notAsked.push(s.id), true));
		expect(notAsked).toEqual([]); // an unknown session is never charged to the members' budget
	});

	it('refuses a foreign origin before looking at the session (403)', async () => {
		expect(await decide('owner', '/collab/board:b1', { origin: 'https://evil.example' })).toMatchObject({ ok: false, status: 403, reason: 'foreign origin' });
	});

	it('refuses non-members (403) and unknown or malformed documents (404)', async () => {
		expect(await decide(null, '/collab/board:b1')).toMatchObject({ ok: false, status: 403 });
		expect(await decide('owner', '/collab/board:nope')).toMatchObject({ ok: false, status: 404 });
		expect(await decide('owner', '/collab/meeting:nope:voices')).toMatchObject({ ok: false, status: 404 });
		expect(await decide('owner', '/collab/not-a-doc')).toMatchObject({ ok: false, status: 404 });
		expect(await decide('owner', '/elsewhere')).toMatchObject({ ok: false, status: 404 });
	});
});
