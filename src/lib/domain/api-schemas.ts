import * as v from 'valibot';
import { ACTION_STATUSES } from './board-doc.js';
import { AGENCY_KINDS } from './agencies.js';
import { BOARD_ROLES } from './roles.js';
import { BOARD_LANGUAGES } from './board-language.js';
import { DECISION_KINDS, PRESENCE_KINDS } from './meeting-doc.js';
import { LIFECYCLE_STATUSES } from './meeting-lifecycle.js';
import { ASK_KINDS, ASK_OUTCOMES } from './board-voices-doc.js';
import { KIND_FILTERS, RESERVATION_FILTERS, REVIEW_FILTERS } from './decision-register.js';
import { REGISTER_STATUS, REGISTER_WHO } from './register-query.js';
import { API_SCOPES } from './api-tokens.js';

/**
 * The JSON API's shapes (issue 15), as valibot schemas: the requests are validated with them, the
 * OpenAPI description is generated from them (`@valibot/to-json-schema`), and the tests check every
 * response against them. Their error messages are message keys, like the forms' schemas.
 */

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'error_invalid'));
const IsoDate = v.pipe(v.string(), v.isoDate('error_invalid'));
const Instant = v.pipe(v.string(), v.isoTimestamp());

// --- Lists: every list is paged the same way -----------------------------------------------------

/** `limit` (1–200, 50 by default) and the opaque `cursor` a previous page's `next` carried. */
export const PageQuery = {
	limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'error_invalid'), v.transform(Number), v.minValue(1, 'error_invalid'), v.maxValue(200, 'error_invalid')), '50'),
	cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,7}$/, 'error_invalid'), v.transform(Number)))
};
export const DEFAULT_PAGE_SIZE = 50;

export const listOf = <T extends v.GenericSchema>(item: T) =>
	v.object({
		items: v.array(item),
		/** The next page's address (relative to the API's root), or null on the last page. */
		next: v.nullable(v.string())
	});

// --- Resources -----------------------------------------------------------------------------------

export const AgencyRef = v.object({ id: v.string(), name: v.string() });

export const Me = v.object({
	id: v.string(),
	name: v.string(),
	email: v.string(),
	agency: v.nullable(v.object({ id: v.string(), name: v.string(), kind: v.picklist(AGENCY_KINDS) })),
	language: v.picklist(BOARD_LANGUAGES),
	token: v.object({
		id: v.string(),
		name: v.string(),
		scopes: v.array(v.picklist(API_SCOPES)),
		expiresAt: Instant,
		/** Set for a board token: the one board it reads. */
		boardId: v.nullable(v.string())
	})
});

export const Board = v.object({
	id: v.string(),
	name: v.string(),
	description: v.string(),
	language: v.picklist(BOARD_LANGUAGES),
	/** The caller's role; a board token acts as an owner. */
	role: v.picklist(BOARD_ROLES)
});

export const BoardDetail = v.object({
	...Board.entries,
	members: v.array(v.object({ id: v.string(), name: v.string(), agency: v.nullable(AgencyRef), role: v.picklist(BOARD_ROLES) })),
	agencies: v.array(AgencyRef)
});

export const Meeting = v.object({
	id: v.string(),
	boardId: v.string(),
	title: v.string(),
	startsAt: Instant,
	place: v.string(),
	status: v.picklist(LIFECYCLE_STATUSES)
});

const Person = v.object({ name: v.string(), agencyName: v.string() });

export const MeetingDetail = v.object({
	...Meeting.entries,
	agenda: v.array(
		v.object({
			number: v.number(),
			title: v.string(),
			internal: v.boolean(),
			presenterAgency: v.nullable(v.string()),
			decisions: v.array(
				v.object({
					number: v.number(),
					text: v.string(),
					kind: v.nullable(v.picklist(DECISION_KINDS)),
					reviewDate: v.nullable(v.string()),
					reservations: v.array(v.object({ authorName: v.string(), agencyName: v.string(), text: v.string() }))
				})
			),
			actions: v.array(v.object({ title: v.string(), agencyName: v.string(), assigneeName: v.nullable(v.string()), dueDate: v.nullable(v.string()) }))
		})
	),
	attendance: v.object({
		present: v.array(v.object({ agencyName: v.string(), people: v.array(v.object({ name: v.string(), how: v.nullable(v.picklist(PRESENCE_KINDS)) })) })),
		absent: v.array(Person),
		excused: v.array(Person),
		guests: v.array(v.object({ name: v.string(), agency: v.string() })),
		chair: v.nullable(Person),
		secretary: v.nullable(Person),
		adjusters: v.array(Person)
	})
});

export const ProtocolInfo = v.object({
	meetingId: v.string(),
	adjusted: v.boolean(),
	/** SHA-256 of the adjusted protocol (what /verify/<hash> checks); null for a draft. */
	hash: v.nullable(v.string()),
	/** The draft's version (changes with every edit); null once adjusted. */
	draftVersion: v.nullable(v.string()),
	language: v.picklist(BOARD_LANGUAGES),
	verifyUrl: v.nullable(v.string()),
	/** Whether the public version can be exported (not when it holds identity numbers). */
	publicExportable: v.boolean(),
	exports: v.object({ pdf: v.string(), docx: v.string(), md: v.string() })
});

export const Action = v.object({
	id: v.string(),
	boardId: v.string(),
	boardName: v.string(),
	title: v.string(),
	agency: v.object({ id: v.string(), name: v.nullable(v.string()) }),
	raisedByAgencyName: v.nullable(v.string()),
	assigneeName: v.nullable(v.string()),
	dueDate: v.nullable(v.string()),
	status: v.picklist(ACTION_STATUSES),
	overdue: v.boolean(),
	createdAt: Instant,
	lastChange: v.nullable(v.object({ by: v.nullable(v.string()), at: Instant })),
	outcome: v.string()
});

export const Decision = v.object({
	boardId: v.string(),
	meetingId: v.string(),
	meetingTitle: v.string(),
	meetingDay: v.string(),
	itemNumber: v.number(),
	itemTitle: v.string(),
	id: v.string(),
	number: v.number(),
	text: v.string(),
	kind: v.nullable(v.picklist(DECISION_KINDS)),
	reviewDate: v.nullable(v.string()),
	reservations: v.array(v.object({ authorName: v.string(), agencyName: v.string(), text: v.string() }))
});

export const Ask = v.object({
	id: v.string(),
	boardId: v.string(),
	kind: v.picklist(ASK_KINDS),
	text: v.string(),
	meetingId: v.nullable(v.string()),
	toAgencyId: v.nullable(v.string()),
	createdAt: Instant,
	authorName: v.string(),
	agencyName: v.string(),
	withdrawn: v.boolean(),
	answer: v.nullable(v.object({ outcome: v.picklist(ASK_OUTCOMES), meetingId: v.nullable(v.string()), actionId: v.nullable(v.string()), reason: v.string() }))
});

const Item = v.nullable(v.object({ number: v.number(), title: v.string() }));

/** Everything Samtavla holds of the person (GET /me/data): the same export as /account/data.json. */
export const MyData = v.object({
	format: v.literal('samtavla-my-data/1'),
	exportedAt: Instant,
	account: v.object({
		id: v.string(),
		email: v.string(),
		displayName: v.string(),
		createdAt: Instant,
		agency: v.nullable(v.object({ id: v.string(), name: v.string(), kind: v.string() }))
	}),
	memberships: v.array(v.object({ boardId: v.string(), boardName: v.string(), role: v.picklist(BOARD_ROLES) })),
	sessions: v.array(v.object({ createdAt: Instant, expiresAt: Instant })),
	calendarFeed: v.nullable(v.object({ createdAt: Instant })),
	accessNeeds: v.nullable(v.object({ needs: v.array(v.string()), interpretingLanguage: v.string(), updatedAt: v.string() })),
	perspectives: v.array(v.object({ boardName: v.string(), meetingTitle: v.string(), meetingStartsAt: v.string(), item: Item, text: v.string(), createdAt: v.string() })),
	summaries: v.array(v.object({ boardName: v.string(), meetingTitle: v.string(), meetingStartsAt: v.string(), text: v.string() })),
	reservations: v.array(
		v.object({ boardName: v.string(), meetingTitle: v.string(), meetingStartsAt: v.string(), item: Item, decisionNumber: v.nullable(v.number()), text: v.string(), createdAt: v.string() })
	),
	comments: v.array(v.object({ boardName: v.string(), meetingTitle: v.string(), meetingStartsAt: v.string(), item: Item, quote: v.string(), text: v.string(), createdAt: v.string() })),
	asks: v.array(v.object({ boardName: v.string(), kind: v.string(), text: v.string(), createdAt: v.string(), answer: v.nullable(v.string()), withdrawnAt: v.nullable(v.string()) })),
	feedback: v.array(v.object({ boardName: v.string(), actionTitle: v.string(), effect: v.string(), comment: v.string(), createdAt: v.string() })),
	actions: v.array(
		v.object({
			boardName: v.string(),
			title: v.string(),
			description: v.string(),
			dueDate: v.nullable(v.string()),
			status: v.picklist(ACTION_STATUSES),
			createdAt: v.string(),
			relation: v.array(v.picklist(['created', 'assigned']))
		})
	),
	auditEntries: v.array(
		v.object({
			at: Instant,
			kind: v.string(),
			actorName: v.string(),
			actorAgency: v.string(),
			boardId: v.nullable(v.string()),
			meetingId: v.nullable(v.string()),
			details: v.record(v.string(), v.unknown()),
			address: v.nullable(v.string())
		})
	)
});

// --- Queries and bodies --------------------------------------------------------------------------

export const MeetingsQuery = v.object({
	...PageQuery,
	status: v.optional(v.picklist(LIFECYCLE_STATUSES, 'error_invalid')),
	/** Meetings starting on or after this day (YYYY-MM-DD, UTC). */
	from: v.optional(IsoDate),
	/** Meetings starting before the end of this day (YYYY-MM-DD, UTC). */
	to: v.optional(IsoDate)
});

/** The action register's filters, as on /actions, plus a board. */
export const ActionsQuery = v.object({
	...PageQuery,
	who: v.optional(v.picklist(REGISTER_WHO, 'error_invalid'), 'all'),
	status: v.optional(v.picklist(REGISTER_STATUS, 'error_invalid'), 'active'),
	overdue: v.optional(v.picklist(['0', '1'], 'error_invalid'), '0'),
	board: v.optional(Id)
});

/** The decision register's filters, as on /decisions. */
export const DecisionsQuery = v.object({
	...PageQuery,
	q: v.optional(v.pipe(v.string(), v.maxLength(200, 'error_too_long'))),
	kind: v.optional(v.picklist(KIND_FILTERS.filter(Boolean) as Exclude<(typeof KIND_FILTERS)[number], ''>[], 'error_invalid')),
	reservations: v.optional(v.picklist(RESERVATION_FILTERS.filter(Boolean) as Exclude<(typeof RESERVATION_FILTERS)[number], ''>[], 'error_invalid')),
	review: v.optional(v.picklist(REVIEW_FILTERS.filter(Boolean) as Exclude<(typeof REVIEW_FILTERS)[number], ''>[], 'error_invalid')),
	meeting: v.optional(Id),
	board: v.optional(Id)
});

export const ProtocolExportQuery = v.object({ version: v.optional(v.picklist(['internal', 'public'], 'error_invalid'), 'internal') });

export const PagingOnly = v.object({ ...PageQuery });

export const NewActionBody = v.object({
	title: v.string('error_invalid'),
	description: v.optional(v.string('error_invalid'), ''),
	agencyId: v.string('error_invalid'),
	assigneeId: v.optional(v.nullable(v.string('error_invalid'))),
	dueDate: v.optional(v.nullable(v.string('error_invalid'))),
	/** The agency it is owed to; the caller's own when left out. */
	raisedByAgencyId: v.optional(v.nullable(v.string('error_invalid'))),
	meetingId: v.optional(v.nullable(Id))
});

export const ActionChangeBody = v.object({
	status: v.optional(v.picklist(ACTION_STATUSES, 'error_invalid')),
	/** What came of it, in a sentence or two (max 2000). */
	outcome: v.optional(v.pipe(v.string('error_invalid'), v.maxLength(2000, 'error_too_long')))
});

export const NewAskBody = v.object({
	kind: v.picklist(ASK_KINDS, 'asks_error_kind'),
	/** At most ASK_TEXT_MAX characters (checked by the same service as the board page's form). */
	text: v.string('error_invalid'),
	meetingId: v.optional(v.nullable(Id)),
	toAgencyId: v.optional(v.nullable(Id))
});
