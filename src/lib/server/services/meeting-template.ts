import { boardLanguage } from '../../domain/board-language.js';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import { defaultTemplate, parseTemplateForm, type MeetingTemplate } from '../../domain/meeting-template.js';
import type { Board, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * The board's meeting template (issue 12, point 7), edited by owners and editors at
 * /boards/[id]/template. A board without one is offered the defaults in its language; until it
 * is saved, new meetings start with an empty agenda (as they did before templates).
 */
export async function templateForm(store: Pick<Store, 'templates'>, access: { board: Board; role: BoardRole }) {
	const stored = await store.templates.get(access.board.id);
	const language = boardLanguage(access.board.language);
	const template = stored ?? defaultTemplate(language);
	return {
		board: { id: access.board.id, name: access.board.name },
		canEdit: canCreateMeeting(access.role),
		saved: stored !== null,
		// The suggested items are in the board's language, not necessarily the reader's: marked as such.
		defaultsLanguage: stored ? null : language,
		template: { standingItems: template.standingItems, lengthMinutes: template.lengthMinutes }
	};
}

export async function saveTemplate(
	store: Pick<Store, 'templates' | 'boards'>,
	user: User,
	boardId: string,
	raw: { standingItems: string; lengthMinutes: string },
	now = new Date()
): Promise<Result<MeetingTemplate>> {
	if (!canCreateMeeting(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const parsed = parseTemplateForm(raw);
	if (!parsed.ok) return fail(parsed.errors);
	if (!(await store.templates.set(boardId, parsed.value, user.id, now))) return fail({ _form: 'error_not_allowed' });
	return ok(parsed.value);
}
