import { listActions, type ActionStatus } from '../../domain/board-doc.js';
import { docName } from '../../domain/doc-names.js';
import { listAgenda, listDecisions } from '../../domain/meeting-doc.js';
import type { BoardRole } from '../../domain/roles.js';
import { listPerspectives, listReservations, listSummaries } from '../../domain/voices-doc.js';
import { listThreads } from '../../domain/comments-doc.js';
import { listAsks, listFeedback } from '../../domain/board-voices-doc.js';
import type { LiveConnections, LiveDocs } from '../runtime.js';
import { invalidateOtherSessions } from '../auth/sessions.js';
import type { Store, User } from '../store/types.js';

/**
 * "My data" (issue 11, point 10; GDPR articles 15 and 20): everything Samtavla holds about one
 * person, in one structure that is served as JSON (to take elsewhere) and as a readable page.
 * Documents are read as they stand now (the live copy), so what was typed a moment ago is in it.
 * Other people's data stays out: a meeting's perspectives are theirs, an action only when the
 * person created it or it is assigned to them.
 */
export interface MyData {
	format: 'samtavla-my-data/1';
	exportedAt: string;
	account: { id: string; email: string; displayName: string; createdAt: string; agency: { id: string; name: string; kind: string } | null };
	memberships: Array<{ boardId: string; boardName: string; role: BoardRole }>;
	sessions: Array<{ createdAt: string; expiresAt: string }>;
	calendarFeed: { createdAt: string } | null;
	/** What the person said they need to take part in person (issue 12, point 11), or null. */
	accessNeeds: { needs: string[]; interpretingLanguage: string; updatedAt: string } | null;
	perspectives: Array<{ boardName: string; meetingTitle: string; meetingStartsAt: string; item: { number: number; title: string } | null; text: string; createdAt: string }>;
	summaries: Array<{ boardName: string; meetingTitle: string; meetingStartsAt: string; text: string }>;
	/** Their reservations against decisions (issue 12, point 5): their own words, like perspectives. */
	reservations: Array<{ boardName: string; meetingTitle: string; meetingStartsAt: string; item: { number: number; title: string } | null; decisionNumber: number | null; text: string; createdAt: string }>;
	/** Their comments on the minutes and decisions (issue 12, point 4), with the passage they are about. */
	comments: Array<{ boardName: string; meetingTitle: string; meetingStartsAt: string; item: { number: number; title: string } | null; quote: string; text: string; createdAt: string }>;
	/** Their asks on the board (issue 12, point 1) and what they were answered. */
	asks: Array<{ boardName: string; kind: string; text: string; createdAt: string; answer: string | null; withdrawnAt: string | null }>;
	/** What they said of done actions' effects (issue 12, point 3). */
	feedback: Array<{ boardName: string; actionTitle: string; effect: string; comment: string; createdAt: string }>;
	actions: Array<{
		boardName: string;
		title: string;
		description: string;
		dueDate: string | null;
		status: ActionStatus;
		createdAt: string;
		/** Why it is in the person's data: they raised it, it is theirs to do, or both. */
		relation: Array<'created' | 'assigned'>;
	}>;
	/** Audit entries the person made or that are about them, newest first (the chain's hashes left out). */
	auditEntries: Array<{ at: string; kind: string; actorName: string; actorAgency: string; boardId: string | null; meetingId: string | null; details: Record<string, unknown>; address: string | null }>;
}

/** Audit entries read a page at a time (the store caps a page at 1000). */
const AUDIT_PAGE = 1000;

async function auditEntriesOf(store: Pick<Store, 'audit'>, userId: string): Promise<MyData['auditEntries']> {
	const out: MyData['auditEntries'] = [];
	for (let before: number | undefined; ; ) {
		const page = await store.audit.list({ involving: userId, limit: AUDIT_PAGE, before });
		for (const { at, kind, actorName, actorAgency, boardId, meetingId, details, address } of page) {
			out.push({ at: at.toISOString(), kind, actorName, actorAgency, boardId, meetingId, details, address });
		}
		if (page.length < AUDIT_PAGE) return out;
		before = page.at(-1)!.id;
	}
}

export async function myData(store: Store, live: LiveDocs, user: User, now = new Date()): Promise<MyData> {
	const [agency, boards, sessions, feed, auditEntries, needs] = await Promise.all([
		store.agencies.get(user.agencyId),
		store.boards.listForUser(user.id),
		store.sessions.listForUser(user.id),
		store.calendarFeeds.activeForUser(user.id),
		auditEntriesOf(store, user.id),
		store.accessNeeds.get(user.id)
	]);
	const data: MyData = {
		format: 'samtavla-my-data/1',
		exportedAt: now.toISOString(),
		account: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			createdAt: user.createdAt.toISOString(),
			agency: agency ? { id: agency.id, name: agency.name, kind: agency.kind } : null
		},
		memberships: boards.map((b) => ({ boardId: b.id, boardName: b.name, role: b.role })),
		sessions: sessions.map((s) => ({ createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
		calendarFeed: feed ? { createdAt: feed.createdAt.toISOString() } : null,
		accessNeeds: needs ? { needs: needs.needs, interpretingLanguage: needs.interpretingLanguage, updatedAt: needs.updatedAt.toISOString() } : null,
		perspectives: [],
		summaries: [],
		reservations: [],
		comments: [],
		asks: [],
		feedback: [],
		actions: [],
		auditEntries
	};
	for (const board of boards) {
		const boardDoc = await live.readDoc(docName({ kind: 'board', boardId: board.id }));
		for (const action of listActions(boardDoc)) {
			const relation = [...(action.createdBy === user.id ? (['created'] as const) : []), ...(action.assigneeId === user.id ? (['assigned'] as const) : [])];
			if (!relation.length) continue;
			const { title, description, dueDate, status, createdAt } = action;
			data.actions.push({ boardName: board.name, title, description, dueDate, status, createdAt, relation });
		}
		const titles = new Map(listActions(boardDoc).map((a) => [a.id, a.title]));
		boardDoc.destroy();
		const boardVoices = await live.readDoc(docName({ kind: 'boardVoices', boardId: board.id }));
		for (const ask of listAsks(boardVoices).filter((a) => a.authorId === user.id)) {
			data.asks.push({ boardName: board.name, kind: ask.kind, text: ask.text, createdAt: ask.createdAt, answer: ask.answer?.outcome ?? null, withdrawnAt: ask.withdrawnAt });
		}
		for (const f of listFeedback(boardVoices).filter((x) => x.authorId === user.id)) {
			data.feedback.push({ boardName: board.name, actionTitle: titles.get(f.actionId) ?? '', effect: f.effect, comment: f.comment, createdAt: f.createdAt });
		}
		boardVoices.destroy();
		for (const meeting of await store.meetings.listForBoard(board.id)) {
			const where = { boardName: board.name, meetingTitle: meeting.title, meetingStartsAt: meeting.startsAt.toISOString() };
			const voices = await live.readDoc(docName({ kind: 'voices', meetingId: meeting.id }));
			const mine = listPerspectives(voices).filter((p) => p.authorId === user.id);
			const summaries = listSummaries(voices).filter((s) => s.authorId === user.id);
			const reservations = listReservations(voices).filter((r) => r.authorId === user.id);
			voices.destroy();
			const commentsDoc = await live.readDoc(docName({ kind: 'comments', meetingId: meeting.id }));
			const comments = listThreads(commentsDoc).flatMap((t) => t.comments.filter((c) => c.authorId === user.id && !c.removed).map((c) => ({ itemId: t.itemId, quote: t.quote, text: c.text, createdAt: c.createdAt })));
			commentsDoc.destroy();
			if (mine.length || reservations.length || comments.length) {
				// The § a perspective belongs to, as the agenda has it now.
				const meetingDoc = await live.readDoc(docName({ kind: 'meeting', meetingId: meeting.id }));
				const items = new Map(listAgenda(meetingDoc).map((i) => [i.id, { number: i.number, title: i.title }]));
				const decisions = new Map(listDecisions(meetingDoc).map((d) => [d.id, d.number]));
				meetingDoc.destroy();
				for (const p of mine) data.perspectives.push({ ...where, item: items.get(p.itemId) ?? null, text: p.text, createdAt: p.createdAt });
				for (const c of comments) data.comments.push({ ...where, item: items.get(c.itemId) ?? null, quote: c.quote, text: c.text, createdAt: c.createdAt });
				for (const r of reservations) {
					data.reservations.push({ ...where, item: items.get(r.itemId) ?? null, decisionNumber: decisions.get(r.decisionId) ?? null, text: r.text, createdAt: r.createdAt });
				}
			}
			for (const s of summaries) data.summaries.push({ ...where, text: s.text });
		}
	}
	return data;
}

/** The account page: who the person is here (their agency by name). */
export async function accountPage(store: Pick<Store, 'agencies' | 'sessions'>, user: User) {
	const [agency, sessions] = await Promise.all([store.agencies.get(user.agencyId), store.sessions.listForUser(user.id)]);
	return { account: { displayName: user.displayName, email: user.email, agencyName: agency?.name ?? '' }, sessionCount: sessions.length, easyMode: user.easyMode === true };
}

/**
 * "Sign out everywhere else": ends every other session of the person (a lost phone, a shared
 * computer) and closes the live editors those sessions had open, on every instance. How many.
 */
export async function signOutElsewhere(store: Pick<Store, 'sessions'>, live: Pick<LiveConnections, 'closeSession'>, user: User, keepSessionId: string): Promise<number> {
	const ended = await invalidateOtherSessions(store as Store, user.id, keepSessionId);
	for (const id of ended) live.closeSession(id);
	return ended.length;
}
