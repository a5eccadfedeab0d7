import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../domain/protocol/canonical';
import { buildFixture } from '../../domain/protocol/protocol-fixture';
import { renderProtocol } from '../../domain/protocol/render-protocol';
import type { Meeting, Publication, SealedProtocol, Store, User } from '../store/types';
import type { Addendum } from '../../domain/addendum';
import { readVerifyForm, verifyHash } from './verify';

const HASH = 'ab'.repeat(32);
const protocol = renderProtocol(buildFixture());

/** Only what verifyHash reads of the store. */
const ADDENDA: Array<Addendum & { revision: number }> = [
	{ number: 1, text: 'Rättelse av § 2.', by: 'chair', at: '2026-12-06T09:00:00.000Z', hash: '11'.repeat(32), approvals: [], approvedAt: '2026-12-07T09:00:00.000Z', revision: 2 },
	{ number: 2, text: 'Väntar ännu.', by: 'chair', at: '2026-12-08T09:00:00.000Z', hash: '22'.repeat(32), approvals: [], approvedAt: null, revision: 0 }
];

function fakeStore(approvals: unknown, adjustment: unknown, publication: Publication | null = null): Store {
	const sealed: SealedProtocol = { meetingId: 'm1', hash: HASH, format: 1, canonical: canonicalJson(protocol), meetingState: new Uint8Array(), voicesState: new Uint8Array(), approvals, sealedAt: new Date('2026-12-05T10:00:00Z') };
	const names: Record<string, string> = { chair: 'Karin Ordförande', adj: 'Maria Justerare', old: 'Olle Tidigare' };
	return {
		protocols: { findByHash: async (hash: string) => (hash === HASH ? sealed : null), get: async (id: string) => (id === 'm1' ? sealed : null) },
		addenda: {
			list: async () => ADDENDA,
			findByHash: async (hash: string) => {
				const found = ADDENDA.find((a) => a.hash === hash);
				return found ? { ...found, meetingId: 'm1' } : null;
			}
		},
		meetings: { get: async () => ({ adjustment }) as unknown as Meeting },
		users: { get: async (id: string) => (names[id] ? ({ id, displayName: names[id] } as User) : null) },
		publications: { forMeeting: async () => publication, slug: async () => 'lg' }
	} as unknown as Store;
}

describe('verifyHash', () => {
	const adjustment = { chairId: 'chair', appointment: { adjusterIds: ['adj'] } };

	it('lists the standing approvals of this version, chair first, with names from the store', async () => {
		const approvals = [
			{ by: 'adj', at: '2026-12-04T09:00:00Z', version: HASH, withdrawnAt: null },
			{ by: 'old', at: '2026-12-01T09:00:00Z', version: 'cd'.repeat(32), withdrawnAt: '2026-12-02T09:00:00Z' },
			{ by: 'chair', at: '2026-12-04T10:00:00Z', version: HASH, withdrawnAt: null },
			{ by: 'gone', at: '2026-12-04T11:00:00Z', version: HASH, withdrawnAt: null },
			'nonsense'
		];
		const v = await verifyHash(fakeStore(approvals, adjustment), HASH.toUpperCase());
		expect(v.kind === 'match' && v.approvers).toEqual([
			{ name: 'Karin Ordförande', role: 'chair', at: '2026-12-04T10:00:00Z' },
			{ name: 'Maria Justerare', role: 'adjuster', at: '2026-12-04T09:00:00Z' },
			{ name: null, role: 'other', at: '2026-12-04T11:00:00Z' }
		]);
		expect(v).toMatchObject({ kind: 'match', boardName: protocol.header.boardName, meetingTitle: protocol.header.meetingTitle, publicPath: null });
	});

	it('links the public version only while it is published', async () => {
		const live: Publication = { meetingId: 'm1', boardId: 'b1', pathDate: '2026-11-21', publishedBy: 'chair', publishedAt: new Date(), unpublishedBy: null, unpublishedAt: null };
		expect(await verifyHash(fakeStore([], adjustment, live), HASH)).toMatchObject({ publicPath: '/p/lg/2026-11-21' });
		const down = { ...live, unpublishedAt: new Date(), unpublishedBy: 'chair' };
		expect(await verifyHash(fakeStore([], adjustment, down), HASH)).toMatchObject({ publicPath: null });
	});

	it("lists the approved addenda without their text; an approved addendum's own hash verifies as part of its protocol", async () => {
		const approved = { number: 1, hash: '11'.repeat(32), approvedAt: '2026-12-07T09:00:00.000Z' };
		const v = await verifyHash(fakeStore([], adjustment), HASH);
		expect(v).toMatchObject({ kind: 'match', hash: HASH, addenda: [approved], addendum: null });
		expect(JSON.stringify(v)).not.toContain('Rättelse');
		expect(await verifyHash(fakeStore([], adjustment), approved.hash)).toMatchObject({ kind: 'match', hash: HASH, addendum: approved, meetingTitle: protocol.header.meetingTitle });
		// One still waiting for approval is not yet part of the adjusted record.
		expect(await verifyHash(fakeStore([], adjustment), '22'.repeat(32))).toEqual({ kind: 'no-match', hash: '22'.repeat(32) });
	});

	it('answers no-match and malformed without throwing', async () => {
		expect(await verifyHash(fakeStore([], null), 'cd'.repeat(32))).toEqual({ kind: 'no-match', hash: 'cd'.repeat(32) });
		expect(await verifyHash(fakeStore([], null), '../etc')).toEqual({ kind: 'malformed' });
	});
});

describe('readVerifyForm', () => {
	it('prefers a typed hash, and says what is wrong otherwise', async () => {
		const form = (entries: Record<string, string | File>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(entries)) f.set(k, v);
			return f;
		};
		expect(await readVerifyForm(form({ hash: ` ${HASH} ` }))).toEqual({ ok: true, hash: HASH });
		expect(await readVerifyForm(form({ hash: 'abc' }))).toEqual({ ok: false, error: 'malformed' });
		expect(await readVerifyForm(form({ hash: '' }))).toEqual({ ok: false, error: 'empty' });
		expect(await readVerifyForm(form({ pdf: new File(['hello'], 'a.txt') }))).toEqual({ ok: false, error: 'not_samtavla' });
		const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.pdf');
		expect(await readVerifyForm(form({ pdf: big }))).toEqual({ ok: false, error: 'too_large' });
	});
});
