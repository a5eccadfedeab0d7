import { AlignmentType, LevelFormat, type ILevelsOptions, type INumberingOptions } from 'docx';

/**
 * Real Word lists for the DOCX export: every list in the protocol gets its own numbering
 * definition, so a numbered list restarts where it should (or starts at the decision's number
 * within the meeting) and Word and LibreOffice show it as a list, not as typed "1." text.
 */
export type ListKind = 'bullet' | 'decimal';

const BULLETS = ['•', '◦', '▪'];
/** Twips (1/1440 inch) per list level. */
export const LIST_INDENT = 720;
const HANGING = 360;

function levels(kind: ListKind, start: number): ILevelsOptions[] {
	return Array.from({ length: 9 }, (_, level) => ({
		level,
		format: kind === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
		text: kind === 'bullet' ? BULLETS[level % BULLETS.length] : `%${level + 1}.`,
		start: level === 0 ? start : 1,
		alignment: AlignmentType.LEFT,
		style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: HANGING } } }
	}));
}

/** Hands out one numbering reference per list and collects their definitions for the document. */
export class ListNumbering {
	#config: Array<{ reference: string; levels: ILevelsOptions[] }> = [];

	/** A new list; `start` is where a numbered list begins (decisions keep their number). */
	newList(kind: ListKind, start = 1): string {
		const reference = `${kind}-${this.#config.length + 1}`;
		this.#config.push({ reference, levels: levels(kind, Math.max(0, Math.floor(start))) });
		return reference;
	}

	get options(): INumberingOptions {
		return { config: this.#config };
	}
}
