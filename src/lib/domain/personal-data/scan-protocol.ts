import { isOmitted, type MinutesBlock, type Protocol } from '../protocol/protocol-model.js';
import { detectPersonalData } from './detect.js';
import { SEVERITY_RANK, type PersonalDataKind, type Severity } from './types.js';

/**
 * Where in a protocol personal data is (issue 11, point 3): the server runs this on the
 * canonical protocol before a meeting goes to adjustment and before a public version is exported
 * or published, and refuses or asks for an acknowledgement with the list of places.
 *
 * A place names the § and the field, never the matched text: the list goes into responses,
 * logs and the audit trail, which must not become a second copy of the personal data.
 */

export type ProtocolField =
	| 'title'
	| 'place'
	| 'minutes'
	| 'decision'
	| 'perspective'
	| 'action'
	| 'internal-reason'
	| 'notes'
	| 'summary';

export interface PersonalDataPlace {
	/** The § number, or null for the header, the notes, the summaries and actions without a §. */
	item: number | null;
	field: ProtocolField;
	/**
	 * Which entry of a list field (0-based, in protocol order): the decision, action, perspective
	 * or summary, or the top-level minutes block. Null for single fields (title, place, reason).
	 */
	index: number | null;
	kind: PersonalDataKind;
	severity: Severity;
}

/**
 * Every finding of at least `minSeverity` (default: all, hints included), in protocol order:
 * header, then each § (title, minutes, decisions, actions, perspectives, internal reason), then
 * actions without a §, the notes and the summaries. Scan `publicVersion(protocol)` to check what
 * the public would see — omitted items carry no text, so they have nothing to report.
 */
export function scanProtocol(protocol: Protocol, options: { minSeverity?: Severity } = {}): PersonalDataPlace[] {
	const threshold = SEVERITY_RANK[options.minSeverity ?? 'hint'];
	const places: PersonalDataPlace[] = [];
	const scan = (text: string | null, item: number | null, field: ProtocolField, index: number | null, alreadyShown = '') => {
		if (!text) return;
		for (const { kind, severity, text: found } of detectPersonalData(text)) {
			if (SEVERITY_RANK[severity] <= threshold && !alreadyShown.includes(found)) places.push({ item, field, index, kind, severity });
		}
	};
	const scanBlocks = (blocks: MinutesBlock[], item: number | null, field: 'minutes' | 'notes') =>
		blocks.forEach((block, index) => {
			for (const { text, hrefs } of blockTexts(block)) {
				scan(text, item, field, index);
				// A link target counts only for what its text does not already show.
				for (const href of hrefs) scan(href, item, field, index, text);
			}
		});

	scan(protocol.header.meetingTitle, null, 'title', null);
	scan(protocol.header.place, null, 'place', null);
	for (const entry of protocol.items) {
		if (isOmitted(entry)) continue;
		const n = entry.number;
		scan(entry.title, n, 'title', null);
		scanBlocks(entry.minutes, n, 'minutes');
		entry.decisions.forEach((d, i) => scan(d.text, n, 'decision', i));
		entry.actions.forEach((a, i) => scan(a.title, n, 'action', i));
		entry.perspectives.forEach((p, i) => scan(p.text, n, 'perspective', i));
		scan(entry.internalReason, n, 'internal-reason', null);
	}
	protocol.meetingActions.forEach((a, i) => scan(a.title, null, 'action', i));
	scanBlocks(protocol.notes, null, 'notes');
	protocol.summaries.forEach((s, i) => scan(s.text, null, 'summary', i));
	return places;
}

/**
 * The distinct (§, field) pairs with an identity number — what a refused public version lists.
 * `possible-identity` counts too when asked: a mistyped personnummer is still one.
 */
export function identityPlaces(places: PersonalDataPlace[], options: { includePossible?: boolean } = {}): Array<{ item: number | null; field: ProtocolField }> {
	const threshold = SEVERITY_RANK[options.includePossible ? 'possible-identity' : 'identity'];
	const seen = new Set<string>();
	const out: Array<{ item: number | null; field: ProtocolField }> = [];
	for (const { item, field, severity } of places) {
		const key = `${item}|${field}`;
		if (SEVERITY_RANK[severity] > threshold || seen.has(key)) continue;
		seen.add(key);
		out.push({ item, field });
	}
	return out;
}

/**
 * The text of a block as a reader sees it: runs joined (a number half in bold is still one
 * number), each paragraph of a list on its own, and link targets too (a `mailto:` or a query
 * string can carry what the link text does not).
 */
function blockTexts(block: MinutesBlock): Array<{ text: string; hrefs: string[] }> {
	if ('items' in block) return block.items.flatMap((blocks) => blocks.flatMap(blockTexts));
	const hrefs = block.runs.map((r) => r.href).filter((h): h is string => h !== null);
	return [{ text: block.runs.map((r) => r.text).join(''), hrefs: hrefs.map(decodeForScan) }];
}

/** `mailto:a%40b.se`, `?pnr=811218%2D9876`: percent-decoded where it decodes. */
function decodeForScan(href: string): string {
	try {
		return decodeURIComponent(href);
	} catch {
		return href;
	}
}
