import { isOmitted, type MinutesBlock, type Protocol, type ProtocolItem } from '../protocol/protocol-model.js';
import { changed, diffWords, type DiffPart } from './word-diff.js';

/**
 * "Compare a version with now", per § (issue 11, point 6): both sides are rendered by the one
 * protocol renderer, then each § is matched by its agenda item id (numbers move when the agenda
 * is reordered; ids do not) and its title, minutes, decisions and perspectives are diffed word by
 * word. Pure: the ids come beside the protocols, in the order of their items.
 */
export type SectionState = 'same' | 'changed' | 'added' | 'removed';

export interface SectionComparison {
	itemId: string;
	/** Its § number now, and in the version (null where it does not exist). */
	number: number | null;
	thenNumber: number | null;
	state: SectionState;
	title: DiffPart[];
	minutes: DiffPart[];
	decisions: DiffPart[];
	perspectives: DiffPart[];
}

export interface MeetingComparison {
	sections: SectionComparison[];
	/** The notes outside the agenda. */
	notes: DiffPart[];
}

export interface ProtocolWithIds {
	protocol: Protocol;
	/** The agenda item id of each of `protocol.items`, in the same order. */
	itemIds: string[];
}

export function compareProtocols(then: ProtocolWithIds, now: ProtocolWithIds): MeetingComparison {
	const before = itemsById(then);
	const after = itemsById(now);
	const sections: SectionComparison[] = [];
	// In today's order, then what the version had and today lacks, in the version's order.
	const order = [...after.keys(), ...[...before.keys()].filter((id) => !after.has(id))];
	for (const itemId of order) {
		const a = before.get(itemId);
		const b = after.get(itemId);
		const field = (read: (item: ProtocolItem) => string) => diffWords(a ? read(a) : '', b ? read(b) : '');
		const title = field((i) => i.title);
		const minutes = field((i) => blocksText(i.minutes));
		const decisions = field((i) => i.decisions.map((d) => d.text).join('\n'));
		const perspectives = field((i) => i.perspectives.map((p) => `${p.authorName} (${p.agencyName}): ${p.text}`).join('\n'));
		const state: SectionState = !a ? 'added' : !b ? 'removed' : [title, minutes, decisions, perspectives].some(changed) ? 'changed' : 'same';
		sections.push({ itemId, number: b?.number ?? null, thenNumber: a?.number ?? null, state, title, minutes, decisions, perspectives });
	}
	return { sections, notes: diffWords(blocksText(then.protocol.notes), blocksText(now.protocol.notes)) };
}

function itemsById({ protocol, itemIds }: ProtocolWithIds): Map<string, ProtocolItem> {
	const out = new Map<string, ProtocolItem>();
	protocol.items.forEach((item, i) => {
		if (!isOmitted(item) && itemIds[i] !== undefined) out.set(itemIds[i], item);
	});
	return out;
}

/** Minutes as plain text: a line per paragraph or heading, list items marked, nested indented. */
export function blocksText(blocks: readonly MinutesBlock[], depth = 0): string {
	const lines: string[] = [];
	for (const block of blocks) {
		if (block.type === 'heading' || block.type === 'paragraph') lines.push(block.runs.map((r) => r.text).join(''));
		else
			block.items.forEach((item, i) => {
				const marker = block.type === 'orderedList' ? `${i + 1}.` : '•';
				const inner = blocksText(item, depth + 1).split('\n');
				lines.push(`${'  '.repeat(depth)}${marker} ${inner[0] ?? ''}`, ...inner.slice(1));
			});
	}
	return lines.join('\n');
}
