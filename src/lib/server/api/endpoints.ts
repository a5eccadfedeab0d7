import type * as v from 'valibot';
import type { ApiScope } from '../../domain/api-tokens.js';
import * as s from '../../domain/api-schemas.js';

/**
 * Every operation of /api/v1 (issue 15), in one list: the routes take theirs from here (its
 * schemas validate their requests), the OpenAPI description is generated from it, and the tests
 * check that each is served and answers its schema. Paths are OpenAPI templates under /api/v1.
 */
export type ApiMethod = 'GET' | 'POST' | 'PATCH';

export interface Endpoint {
	/** The OpenAPI operationId, and the message key stem of its summary on the reference page (`apiref_op_<id>`). */
	id: string;
	method: ApiMethod;
	path: string;
	/** The scope a token needs. */
	scope: ApiScope;
	tag: 'me' | 'boards' | 'meetings' | 'protocols' | 'actions' | 'decisions' | 'asks';
	/** English summary for the description (the reference page shows its own translation). */
	summary: string;
	query?: v.ObjectSchema<v.ObjectEntries, undefined>;
	body?: v.ObjectSchema<v.ObjectEntries, undefined>;
	/** The JSON answer's schema; 'file' for a download (PDF, DOCX, Markdown). */
	response: v.GenericSchema | 'file';
	/** The success status (200 unless it makes something). */
	status?: 200 | 201;
	/** Answered only to a personal token (the person's own data). */
	personal?: boolean;
}

const endpoint = <E extends Endpoint>(e: E) => e;

export const endpoints = {
	me: endpoint({ id: 'getMe', method: 'GET', path: '/me', scope: 'read', tag: 'me', summary: 'Who the token speaks for, and what it may do until when', response: s.Me }),
	myData: endpoint({
		id: 'getMyData',
		method: 'GET',
		path: '/me/data',
		scope: 'read',
		tag: 'me',
		summary: 'Everything Samtavla holds of the person, as the account page’s export (personal tokens only)',
		response: s.MyData,
		personal: true
	}),
	myActions: endpoint({
		id: 'listMyActions',
		method: 'GET',
		path: '/actions',
		scope: 'read',
		tag: 'actions',
		summary: 'The action register: actions of every board the caller reads, with the register’s filters',
		query: s.ActionsQuery,
		response: s.listOf(s.Action)
	}),
	myDecisions: endpoint({
		id: 'listMyDecisions',
		method: 'GET',
		path: '/decisions',
		scope: 'read',
		tag: 'decisions',
		summary: 'The decision register across the caller’s boards, with its filters',
		query: s.DecisionsQuery,
		response: s.listOf(s.Decision)
	}),
	boards: endpoint({ id: 'listBoards', method: 'GET', path: '/boards', scope: 'read', tag: 'boards', summary: 'The boards the caller reads', query: s.PagingOnly, response: s.listOf(s.Board) }),
	board: endpoint({ id: 'getBoard', method: 'GET', path: '/boards/{boardId}', scope: 'read', tag: 'boards', summary: 'A board with its members and agencies', response: s.BoardDetail }),
	boardMeetings: endpoint({
		id: 'listBoardMeetings',
		method: 'GET',
		path: '/boards/{boardId}/meetings',
		scope: 'read',
		tag: 'meetings',
		summary: 'A board’s meetings, earliest first, filtered by status and dates',
		query: s.MeetingsQuery,
		response: s.listOf(s.Meeting)
	}),
	boardActions: endpoint({
		id: 'listBoardActions',
		method: 'GET',
		path: '/boards/{boardId}/actions',
		scope: 'read',
		tag: 'actions',
		summary: 'A board’s actions, with the register’s filters',
		query: s.ActionsQuery,
		response: s.listOf(s.Action)
	}),
	createAction: endpoint({
		id: 'createAction',
		method: 'POST',
		path: '/boards/{boardId}/actions',
		scope: 'actions:write',
		tag: 'actions',
		summary: 'Records an action on a board (an agency promises something)',
		body: s.NewActionBody,
		response: s.Action,
		status: 201
	}),
	changeAction: endpoint({
		id: 'changeAction',
		method: 'PATCH',
		path: '/boards/{boardId}/actions/{actionId}',
		scope: 'actions:write',
		tag: 'actions',
		summary: 'Changes an action’s status or what came of it',
		body: s.ActionChangeBody,
		response: s.Action
	}),
	boardDecisions: endpoint({
		id: 'listBoardDecisions',
		method: 'GET',
		path: '/boards/{boardId}/decisions',
		scope: 'read',
		tag: 'decisions',
		summary: 'A board’s decision register, with its filters',
		query: s.DecisionsQuery,
		response: s.listOf(s.Decision)
	}),
	boardAsks: endpoint({ id: 'listBoardAsks', method: 'GET', path: '/boards/{boardId}/asks', scope: 'read', tag: 'asks', summary: 'What members asked the board for, with the answers', query: s.PagingOnly, response: s.listOf(s.Ask) }),
	createAsk: endpoint({
		id: 'createAsk',
		method: 'POST',
		path: '/boards/{boardId}/asks',
		scope: 'asks:write',
		tag: 'asks',
		summary: 'Asks the board for an agenda item or an action, in the caller’s name',
		body: s.NewAskBody,
		response: s.Ask,
		status: 201,
		personal: true
	}),
	meeting: endpoint({ id: 'getMeeting', method: 'GET', path: '/meetings/{meetingId}', scope: 'read', tag: 'meetings', summary: 'A meeting with its agenda, decisions, attendance and status', response: s.MeetingDetail }),
	protocol: endpoint({ id: 'getProtocol', method: 'GET', path: '/meetings/{meetingId}/protocol', scope: 'read', tag: 'protocols', summary: 'The protocol’s state: adjusted or draft, its hash and where its exports are', response: s.ProtocolInfo }),
	protocolPdf: endpoint({ id: 'getProtocolPdf', method: 'GET', path: '/meetings/{meetingId}/protocol.pdf', scope: 'read', tag: 'protocols', summary: 'The protocol as PDF/A', query: s.ProtocolExportQuery, response: 'file' }),
	protocolDocx: endpoint({ id: 'getProtocolDocx', method: 'GET', path: '/meetings/{meetingId}/protocol.docx', scope: 'read', tag: 'protocols', summary: 'The protocol as a Word document', query: s.ProtocolExportQuery, response: 'file' }),
	protocolMd: endpoint({ id: 'getProtocolMd', method: 'GET', path: '/meetings/{meetingId}/protocol.md', scope: 'read', tag: 'protocols', summary: 'The protocol as Markdown', query: s.ProtocolExportQuery, response: 'file' })
} satisfies Record<string, Endpoint>;

export const ENDPOINTS: Endpoint[] = Object.values(endpoints);
