import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, listAgenda, updateAgendaItem } from '../../domain/meeting-doc';
import { carriedFrom, carriedTo } from '../../domain/carry-over';
import { DocumentSealedError } from '../runtime';
import type { BacklogItem, Meeting, NewBacklogItem, Store, User } from '../store/types';
import { carryOver, type CarryDeps } from './carry-over';
import { SUGGESTION_SOURCES, addSuggestion, suggestionsFor, type SuggestionSource } from './agenda-suggestions';

/**
 * The carry-over and suggestion services over in-memory documents and a small fake store: what
 * reaches which document, and what an adjusted (sealed) source meeting does (copy only, the
 * original untouched, the person told). The same over a real server: web-follow-on.spec.ts.
 */
const user = { id: 'u-ed', agencyId: 'ag1', displayName: 'Edit', email: 'e@example.se' } as User;

function meeting(id: string, startsAt: string, status: Meeting['status'] = 'planned'): Meeting {
	return { id, boardId: 'b1', title: `Möte ${id}`, startsAt: new Date(startsAt), status } as Meeting;
}

function setup(meetings: Meeting[], role: 'editor' | 'viewer' = 'editor') {
	const docs = new Map<string, Y.Doc>();
	const doc = (name: string) => docs.get(name) ?? docs.set(name, new Y.Doc()).get(name)!;
	const backlog: BacklogItem[] = [];
	const writes: Array<{ name: string; author: unknown }> = [];
	const store = {
		boards: { role: async () => role },
		meetings: { listForBoard: async () => meetings, get: async (id: string) => meetings.find((m) => m.id === id) ?? null },
		backlog: {
			add: async (item: NewBacklogItem) => void backlog.push({ ...item, scheduledMeetingId: null, scheduledAt: null, removedAt: null, removedBy: null }),
			list: async () => backlog,
			get: async (id: string) => backlog.find((b) => b.id === id) ?? null,
			schedule: async (id: string, meetingId: string, at: Date) => {
				const b = backlog.find((x) => x.id === id);
				if (!b || b.scheduledAt) return false;
				Object.assign(b, { scheduledMeetingId: meetingId, scheduledAt: at });
				return true;
			}
		}
	} as unknown as Store;
	const live = {
		readDoc: async (name: string) => {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc(name)));
			return copy;
		},
		readWith: async <T>(names: readonly string[], read: (docs: Y.Doc[]) => T) => read(names.map(doc)),
		storePending: async () => {},
		changeDoc: async (name: string, author: unknown, change: (d: Y.Doc) => void) => {
			const id = name.split(':')[1];
			if (meetings.find((m) => m.id === id)?.status === 'adjusted') throw new DocumentSealedError(name);
			writes.push({ name, author });
			doc(name).transact(() => change(doc(name)));
		}
	};
	return { deps: { store, live } as CarryDeps, doc, backlog, writes };
}

function postpone(d: Y.Doc, id: string, title: string) {
	addAgendaItem(d, { title }, id);
	updateAgendaItem(d, id, { status: 'postponed' });
}

describe('carry-over service', () => {
	it('carries to the next open meeting in the editor’s name and marks the original', async () => {
		const a = meeting('a', '2026-12-01T12:00:00Z', 'held');
		const cancelled = meeting('c', '2026-12-08T12:00:00Z', 'cancelled');
		const b = meeting('b', '2026-12-15T12:00:00Z');
		const { deps, doc, writes } = setup([b, a, cancelled]);
		postpone(doc('meeting:a'), 'i1', 'Lokalfrågan');
		const result = await carryOver(deps, user, a, { itemId: 'i1', to: 'next' });
		expect(result).toMatchObject({ ok: true, value: { to: 'meeting', meeting: { id: 'b' }, sourceMarked: true, title: 'Lokalfrågan' } });
		expect(listAgenda(doc('meeting:b')).map((i) => i.title)).toEqual(['Lokalfrågan']);
		expect(carriedTo(doc('meeting:a'), 'i1')).toMatchObject({ kind: 'meeting', meetingId: 'b' });
		expect(writes).toEqual([
			{ name: 'meeting:b', author: { userId: 'u-ed', agencyId: 'ag1' } },
			{ name: 'meeting:a', author: { userId: 'u-ed', agencyId: 'ag1' } }
		]);
	});

	it('an adjusted meeting’s postponed § is copied; its sealed record keeps plain "postponed", and the answer says so', async () => {
		const a = meeting('a', '2026-12-01T12:00:00Z', 'adjusted');
		const b = meeting('b', '2026-12-15T12:00:00Z');
		const { deps, doc, writes } = setup([a, b]);
		postpone(doc('meeting:a'), 'i1', 'Lokalfrågan');
		const result = await carryOver(deps, user, a, { itemId: 'i1', to: 'next' });
		expect(result).toMatchObject({ ok: true, value: { sourceMarked: false } });
		expect(carriedTo(doc('meeting:a'), 'i1')).toBeNull();
		expect(writes.map((w) => w.name)).toEqual(['meeting:b']);
		// Neither twice to the same meeting, nor then to the backlog.
		expect(await carryOver(deps, user, a, { itemId: 'i1', to: 'next' })).toMatchObject({ errors: { _form: 'error_carry_already' } });
		postpone(doc('meeting:a'), 'i2', 'Boendestöd');
		expect(await carryOver(deps, user, a, { itemId: 'i2', to: 'backlog' })).toMatchObject({ ok: true, value: { sourceMarked: false } });
		expect(await carryOver(deps, user, a, { itemId: 'i2', to: 'backlog' })).toMatchObject({ errors: { _form: 'error_carry_already' } });
		// Not offered again: the copy remembers where it came from, the backlog row too.
		expect((await suggestionsFor(deps, user, 'editor', b))!.map((s) => [s.source, s.title])).toEqual([['backlog', 'Boendestöd']]);
		expect(carriedFrom(doc('meeting:b'), listAgenda(doc('meeting:b'))[0].id)).toEqual({ meetingId: 'a', itemId: 'i1' });
	});

	it('refuses viewers, items not postponed, a second carry, and targets that are held, cancelled or of another board', async () => {
		const a = meeting('a', '2026-12-01T12:00:00Z');
		const held = meeting('h', '2026-12-15T12:00:00Z', 'held');
		const other = { ...meeting('o', '2026-12-20T12:00:00Z'), boardId: 'b2' };
		const { deps, doc } = setup([a, held, other]);
		postpone(doc('meeting:a'), 'i1', 'Lokalfrågan');
		addAgendaItem(doc('meeting:a'), { title: 'Öppnande' }, 'open');
		expect((await carryOver(setup([a], 'viewer').deps, user, a, { itemId: 'i1', to: 'backlog' })).ok).toBe(false);
		expect(await carryOver(deps, user, a, { itemId: 'open', to: 'backlog' })).toMatchObject({ errors: { _form: 'error_carry_not_postponed' } });
		expect(await carryOver(deps, user, a, { itemId: 'i1', to: 'next' })).toMatchObject({ errors: { _form: 'error_carry_no_target' } });
		expect(await carryOver(deps, user, a, { itemId: 'i1', to: 'h' })).toMatchObject({ errors: { _form: 'error_carry_target_closed' } });
		expect(await carryOver(deps, user, a, { itemId: 'i1', to: 'o' })).toMatchObject({ errors: { _form: 'error_carry_no_target' } });
		expect((await carryOver(deps, user, a, { itemId: 'i1', to: 'backlog' })).ok).toBe(true);
		expect(await carryOver(deps, user, a, { itemId: 'i1', to: 'backlog' })).toMatchObject({ errors: { _form: 'error_carry_already' } });
	});
});

describe('agenda suggestions', () => {
	it('offers postponed items of earlier meetings and the backlog, each added once', async () => {
		const a = meeting('a', '2026-12-01T12:00:00Z', 'held');
		const b = meeting('b', '2026-12-15T12:00:00Z');
		const { deps, doc } = setup([a, b]);
		postpone(doc('meeting:a'), 'i1', 'Boendestöd');
		postpone(doc('meeting:a'), 'i2', 'Lokalfrågan');
		await carryOver(deps, user, a, { itemId: 'i2', to: 'backlog' });
		const offered = (await suggestionsFor(deps, user, 'editor', b))!;
		expect(offered.map((s) => [s.source, s.title])).toEqual([
			['postponed', 'Boendestöd'],
			['backlog', 'Lokalfrågan']
		]);
		expect(await suggestionsFor(deps, user, 'viewer', b)).toBeNull();
		expect(await suggestionsFor(deps, user, 'editor', a)).toBeNull();

		for (const s of offered) expect(await addSuggestion(deps, user, b, s)).toMatchObject({ ok: true });
		expect(listAgenda(doc('meeting:b')).map((i) => i.title)).toEqual(['Boendestöd', 'Lokalfrågan']);
		expect(await suggestionsFor(deps, user, 'editor', b)).toEqual([]);
		expect(await addSuggestion(deps, user, b, offered[1])).toMatchObject({ errors: { _form: 'error_suggestion_gone' } });
		expect(await addSuggestion(deps, user, b, { source: 'nothing', key: 'x' })).toMatchObject({ errors: { _form: 'error_suggestion_gone' } });
	});

	it('takes one more source without changing anything else ', async () => {
		const b = meeting('b', '2026-12-15T12:00:00Z');
		const { deps } = setup([b]);
		const added: string[] = [];
		const asks: SuggestionSource = {
			kind: 'extra',
			list: async () => [{ source: 'extra', key: 'k1', title: 'Något annat att ta upp', from: null }],
			add: async (_ctx, key) => {
				added.push(key);
				return { ok: true, value: { title: 'Något annat att ta upp' } };
			}
		};
		const sources = [...SUGGESTION_SOURCES, asks];
		expect((await suggestionsFor(deps, user, 'editor', b, sources))!.map((s) => s.source)).toEqual(['extra']);
		expect(await addSuggestion(deps, user, b, { source: 'extra', key: 'k1' }, new Date(), sources)).toMatchObject({ ok: true });
		expect(added).toEqual(['k1']);
	});
});
