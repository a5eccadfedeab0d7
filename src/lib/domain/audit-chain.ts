import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { canonicalJson } from './protocol/canonical.js';

/**
 * The audit log's hash chain (issue 11, point 8). Every entry stores the hash of the entry before
 * it (`prevHash`) and its own `hash` = SHA-256 of `prevHash`, a newline and the canonical JSON of
 * the entry's content (canonical.ts: sorted keys, NFC strings, no whitespace). Altering any field
 * of a stored entry changes its hash; removing one leaves the next entry pointing at a hash that
 * is no longer there. Both show up in `verifyChain`.
 *
 * The canonical form is made here, in TypeScript, for writing and checking alike, whatever the
 * store (jsonb's own text form reorders keys and prints numbers its own way). The server sends it
 * with the entry; samtavla_audit_append takes a lock, reads the newest hash and hashes
 * `prevHash + "\n" + canonical` with SQL's sha256 in the same transaction, so appends from several
 * servers form one line without retries; the adapter checks the result against `auditHash`.
 *
 * Retention removes the oldest entries only through samtavla_audit_trim, which records the hash
 * the first remaining entry points at as the chain's start (`startHash`); the check begins there.
 * What a chain cannot show is its newest entries cut off: `verifyChain` reports the head hash, which
 * an operator can note down and compare later.
 */

/** What the first entry of a never-trimmed log points at. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed content ever changes; every entry carries the version it was hashed with. */
export const AUDIT_FORMAT = 1;

/** The hashed content of an entry: everything but its id (assigned by the database) and its hashes. */
export interface AuditContent {
	at: Date;
	actorId: string | null;
	/** The actor's name and agency as they were then (a later rename does not rewrite the log). */
	actorName: string;
	actorAgency: string;
	kind: string;
	boardId: string | null;
	meetingId: string | null;
	/** Who or what the entry is about, e.g. the member whose role changed. */
	subject: string | null;
	details: Record<string, unknown>;
	/** The client's address as the proxy configuration reports it. */
	address: string | null;
}

export interface AuditLink extends AuditContent {
	prevHash: string;
	hash: string;
}

export interface AuditRecord extends AuditLink {
	id: number;
}

/** The canonical text of an entry's content (what the hash covers besides the previous hash). */
export function auditCanonical(entry: AuditContent): string {
	return canonicalJson({
		v: AUDIT_FORMAT,
		at: entry.at.toISOString(),
		actorId: entry.actorId,
		actorName: entry.actorName,
		actorAgency: entry.actorAgency,
		kind: entry.kind,
		boardId: entry.boardId,
		meetingId: entry.meetingId,
		subject: entry.subject,
		details: entry.details,
		address: entry.address
	});
}

export function auditHash(prevHash: string, entry: AuditContent): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${prevHash}\n${auditCanonical(entry)}`)));
}

/** The entry linked after `prevHash`. */
export function link(prevHash: string, entry: AuditContent): AuditLink {
	return { ...entry, prevHash, hash: auditHash(prevHash, entry) };
}

// Lone surrogates cannot be stored (UTF-8 has no encoding for them; drivers write U+FFFD) and
// PostgreSQL refuses U+0000: either would make the stored text differ from the hashed text.
const UNSTORABLE = /[\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string as the database will give it back. */
export function storableText(value: string): string {
	return value.replace(UNSTORABLE, '\ufffd');
}

/**
 * Details as they survive a jsonb round trip: strings storable, keys storable, non-finite numbers
 * and undefined dropped (JSON has neither), dates as ISO strings. What is hashed is this value.
 */
export function storableDetails(value: Record<string, unknown>): Record<string, unknown> {
	return storableValue(JSON.parse(JSON.stringify(value) ?? '{}')) as Record<string, unknown>;
}

function storableValue(value: unknown): unknown {
	if (typeof value === 'string') return storableText(value);
	if (Array.isArray(value)) return value.map(storableValue);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)]));
	}
	return value;
}

/** An entry with every text made storable, so the hash of what is written equals the hash of what is read. */
export function storableContent(entry: AuditContent): AuditContent {
	const t = (v: string | null) => (v === null ? null : storableText(v));
	return {
		at: new Date(entry.at.getTime()),
		actorId: t(entry.actorId),
		actorName: storableText(entry.actorName),
		actorAgency: storableText(entry.actorAgency),
		kind: storableText(entry.kind),
		boardId: t(entry.boardId),
		meetingId: t(entry.meetingId),
		subject: t(entry.subject),
		details: storableDetails(entry.details),
		address: t(entry.address)
	};
}

export type ChainBreak =
	/** The entry's hash is not the hash of its content: it was altered. */
	| { id: number; problem: 'altered' }
	/** The entry does not point at the one before it: entries between were removed (or reordered). */
	| { id: number; problem: 'gap'; expected: string; found: string };

export interface ChainReport {
	entries: number;
	/** The hash of the newest entry checked (the start hash when there is none). */
	head: string;
	breaks: ChainBreak[];
}

/**
 * Checks entries page by page, oldest first, from the chain's start; keeps only what the next
 * page needs, so a long log is checked in constant memory.
 */
export class ChainVerifier {
	private expected: string;
	private count = 0;
	private readonly found: ChainBreak[] = [];

	constructor(startHash: string) {
		this.expected = startHash;
	}

	add(records: Iterable<AuditRecord>): void {
		for (const r of records) {
			this.count++;
			if (r.prevHash !== this.expected) this.found.push({ id: r.id, problem: 'gap', expected: this.expected, found: r.prevHash });
			if (auditHash(r.prevHash, r) !== r.hash) this.found.push({ id: r.id, problem: 'altered' });
			// Continue from what the entry says it is, so one bad entry is reported once, not as a
			// break at every entry after it.
			this.expected = r.hash;
		}
	}

	report(): ChainReport {
		return { entries: this.count, head: this.expected, breaks: [...this.found] };
	}
}

/** Checks a whole sequence at once (tests, small logs). */
export function verifyChain(startHash: string, records: AuditRecord[]): ChainReport {
	const verifier = new ChainVerifier(startHash);
	verifier.add(records);
	return verifier.report();
}
