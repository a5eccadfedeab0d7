/**
 * Names of the collaborative documents (see design.md, "Documents"). One parser shared by the
 * browser (which connects to `/collab/<name>`) and the collab server (which authorises it).
 */
export type DocRef =
	| { kind: 'board'; boardId: string }
	| { kind: 'meeting'; meetingId: string }
	| { kind: 'voices'; meetingId: string }
	/** the user associations' voice at board level: asks, answers, feedback (board-voices-doc.ts) */
	| { kind: 'boardVoices'; boardId: string }
	| { kind: 'comments'; meetingId: string };

/** A document that belongs to a board directly, not to one of its meetings. */
export type BoardLevelRef = Extract<DocRef, { boardId: string }>;
export const isBoardLevel = (ref: DocRef): ref is BoardLevelRef => ref.kind === 'board' || ref.kind === 'boardVoices';

const ID = '[a-z0-9]{1,64}';
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => DocRef]> = [
	[new RegExp(`^board:(${ID})$`), (m) => ({ kind: 'board', boardId: m[1] })],
	[new RegExp(`^meeting:(${ID})$`), (m) => ({ kind: 'meeting', meetingId: m[1] })],
	[new RegExp(`^meeting:(${ID}):voices$`), (m) => ({ kind: 'voices', meetingId: m[1] })],
	[new RegExp(`^board:(${ID}):voices$`), (m) => ({ kind: 'boardVoices', boardId: m[1] })],
	[new RegExp(`^meeting:(${ID}):comments$`), (m) => ({ kind: 'comments', meetingId: m[1] })]
];

export function parseDocName(name: string): DocRef | null {
	for (const [pattern, build] of PATTERNS) {
		const match = pattern.exec(name);
		if (match) return build(match);
	}
	return null;
}

export function docName(ref: DocRef): string {
	switch (ref.kind) {
		case 'board':
			return `board:${ref.boardId}`;
		case 'meeting':
			return `meeting:${ref.meetingId}`;
		case 'voices':
			return `meeting:${ref.meetingId}:voices`;
		case 'boardVoices':
			return `board:${ref.boardId}:voices`;
		case 'comments':
			return `meeting:${ref.meetingId}:comments`;
	}
}
