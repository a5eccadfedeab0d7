import { m } from '../../paraglide/messages.js';
import type { BoardLanguage } from '../../domain/board-language.js';
import { LANGUAGE_TAGS, PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import type { BoardRole } from '../../domain/roles.js';
import { protocolHash } from '../../domain/protocol/canonical.js';
import { contentDisposition } from '../../domain/protocol/file-name.js';
import { addendaToMarkdown, protocolToMarkdown } from '../../domain/protocol/markdown.js';
import { printedAddenda, type PrintedAddendum } from '../../domain/addendum.js';
import { identityNumbersIn, type PersonalDataSpot } from './personal-data-guard.js';
import { PROTOCOL_FORMAT, type Protocol } from '../../domain/protocol/protocol-model.js';
import { publicVersion } from '../../domain/protocol/render-protocol.js';
import { currentProtocol, type DocReader } from '../protocol/current-protocol.js';
import { exportLabels } from '../protocol/labels.js';
import type { Board, Meeting, Store, User } from '../store/types.js';

/**
 * A meeting's protocol for its members (issue 10, points 6–8): the print view's model and the
 * downloads. One rule for all of them: until the meeting is adjusted it is a draft rendered from
 * the documents now (the live ones, as the approvers see them) in the board's language and zone,
 * never the reader's: a protocol's time is part of what is approved and hashed, so it must not
 * depend on who reads it. Once adjusted it is the sealed canonical form, never rendered again,
 * with its hash and where to verify it. Members get the internal version unless they ask for the
 * public one (`?version=public`), which leaves internal items out.
 */
export type ProtocolVersion = 'internal' | 'public';
export type ProtocolFormat = 'pdf' | 'docx' | 'md';

export const versionFrom = (params: URLSearchParams): ProtocolVersion => (params.get('version') === 'public' ? 'public' : 'internal');

export interface ProtocolAccess {
	user: User;
	board: Board;
	role: BoardRole;
	meeting: Meeting;
}

export interface ProtocolOptions {
	version: ProtocolVersion;
	/** The app's origin, for the absolute verification address printed in files. */
	origin: string;
	/** Where a draft's documents are read from: the routes pass the live ones; by default as stored. */
	read?: DocReader;
}

export interface ProtocolState {
	protocol: Protocol;
	version: ProtocolVersion;
	adjusted: boolean;
	/** SHA-256 of the adjusted protocol (the sealed canonical form), or null for a draft. */
	hash: string | null;
	/** A draft's version: the hash of the whole protocol now, the one its approvers approve (null once adjusted). */
	draftVersion: string | null;
	language: BoardLanguage;
	/** Where this version has identity numbers (personal-data-guard.ts); empty when it has none. */
	personalData: PersonalDataSpot[];
}

export const verifyPath = (hash: string) => `/verify/${hash}`;

/** The stored canonical JSON read back as a protocol; a format this code does not know is refused. */
export function parseSealed(canonical: string): Protocol {
	const value = JSON.parse(canonical) as Protocol;
	if (!value || typeof value !== 'object' || value.format !== PROTOCOL_FORMAT || !Array.isArray(value.items)) {
		throw new Error(`sealed protocol in an unknown format (${String((value as { format?: unknown })?.format)})`);
	}
	return value;
}

export async function protocolState(store: Store, access: ProtocolAccess, options: Omit<ProtocolOptions, 'origin'>): Promise<ProtocolState> {
	const { board, meeting } = access;
	const sealed = meeting.status === 'adjusted' ? await store.protocols.get(meeting.id) : null;
	const full = sealed
		? parseSealed(sealed.canonical)
		: await currentProtocol(store, { meeting, board, timeZone: PROTOCOL_TIME_ZONES[board.language] }, options.read);
	const protocol = options.version === 'public' ? publicVersion(full) : full;
	return {
		protocol,
		personalData: identityNumbersIn(protocol),
		version: options.version,
		adjusted: sealed !== null,
		hash: sealed?.hash ?? null,
		draftVersion: sealed ? null : protocolHash(full),
		language: board.language
	};
}

/** The public version of a state already read, without reading the meeting's documents again. */
export function publicOf(state: ProtocolState): ProtocolState {
	if (state.version === 'public') return state;
	const protocol = publicVersion(state.protocol);
	return { ...state, protocol, version: 'public', personalData: identityNumbersIn(protocol) };
}

/**
 * Approved addenda follow the adjusted protocol, on screen and in every download; only in the
 * internal version, as an addendum is free text that may concern an internal § (the public
 * version never shows what it cannot filter).
 */
async function addendaFor(store: Store, state: ProtocolState, meetingId: string): Promise<PrintedAddendum[]> {
	if (!state.adjusted || state.version !== 'internal') return [];
	return printedAddenda(await store.addenda.list(meetingId));
}

/** The print view's model: the protocol, which version and state it is, and what links to offer. */
export async function printView(store: Store, access: ProtocolAccess, options: Omit<ProtocolOptions, 'origin'>) {
	const full = await protocolState(store, access, options);
	// A public version with an identity number in it is never shown: only where the numbers are.
	const refused = full.version === 'public' && full.personalData.length > 0;
	const state = refused ? { ...full, protocol: null } : full;
	const addenda = await addendaFor(store, full, access.meeting.id);
	const base = `/meetings/${access.meeting.id}/protocol`;
	const query = state.version === 'public' ? '?version=public' : '';
	return {
		...state,
		refused,
		addenda,
		meeting: { id: access.meeting.id, title: access.meeting.title },
		board: { id: access.board.id, name: access.board.name },
		verifyPath: state.hash ? verifyPath(state.hash) : null,
		links: {
			internal: base,
			public: `${base}?version=public`,
			pdf: `${base}.pdf${query}`,
			docx: `${base}.docx${query}`,
			md: `${base}.md${query}`,
			// Downloads of an internal version with identity numbers ask first (acknowledgePath).
			acknowledge: `${base}/download`
		}
	};
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });

const CONTENT_TYPES: Record<ProtocolFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8'
};

/** The date of the meeting (YYYY-MM-DD) in the protocol's own zone, for the file name. */
function meetingDate(protocol: Protocol): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: protocol.header.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(protocol.header.startsAt));
	} catch {
		return '';
	}
}

/**
 * A download of the protocol: the file's bytes with its type and name, in the board's language.
 * Identity numbers in it: a public version is refused (to the print view, which says where they
 * are); an internal one needs `acknowledged` (the person ticked that they know), else it goes to
 * the page that asks. `onAcknowledged` records a download that went ahead that way.
 */
export async function protocolDownload(
	store: Store,
	access: ProtocolAccess,
	format: ProtocolFormat,
	options: ProtocolOptions & { acknowledged?: boolean; onAcknowledged?: (spots: PersonalDataSpot[]) => Promise<void> }
): Promise<Response> {
	const state = await protocolState(store, access, options);
	const base = `/meetings/${access.meeting.id}/protocol`;
	if (state.personalData.length && state.version === 'public') return seeOther(`${base}?version=public`);
	if (state.personalData.length && !options.acknowledged) return seeOther(`${base}/download?format=${format}`);
	if (state.personalData.length) await options.onAcknowledged?.(state.personalData);
	const { protocol, language, hash } = state;
	const addenda = await addendaFor(store, state, access.meeting.id);
	const o = { locale: language };
	const labels = exportLabels(language, (h) => `${options.origin}${verifyPath(h)}`);
	const title = m.prot_document_title({ title: protocol.header.meetingTitle }, o) + (state.adjusted ? '' : ` (${m.prot_draft_title({}, o)})`);
	const draft = state.adjusted ? null : m.prot_draft_line({}, o);
	let body: Uint8Array | string;
	// PDFKit with its fonts and docx load on the first export, not with every meeting page: together
	// ~30 MB of resident memory a server that never exports would carry (tests/load/idle-rss.mjs).
	if (format === 'pdf') body = await (await import('../protocol/pdf.js')).protocolToPdf(protocol, labels, { title, lang: LANGUAGE_TAGS[language], hash, draft, addenda });
	else if (format === 'docx') body = await (await import('../protocol/docx.js')).protocolToDocx(protocol, labels, { title, lang: LANGUAGE_TAGS[language], hash, draft, addenda });
	else {
		const draft = state.adjusted ? '' : `*${m.prot_draft({}, o)}*\n\n`;
		const closing = hash ? `\n---\n\n${labels.hashLine(hash)}\n` : '';
		const after = addenda.length ? `\n${addendaToMarkdown(addenda, labels, protocol.header.timeZone, labels.hashLine)}` : '';
		body = draft + protocolToMarkdown(protocol, labels) + closing + after;
	}
	const name = [
		m.prot_file_word({}, o),
		meetingDate(protocol),
		protocol.header.meetingTitle,
		state.version === 'public' ? m.prot_file_public({}, o) : '',
		state.adjusted ? '' : m.prot_file_draft({}, o)
	];
	return new Response(typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': contentDisposition(name, format),
			// A member's protocol, internal items and all: never kept by a shared cache.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
