/**
 * Another person's caret and name label, as CollaborationCaret's default draws them (same classes
 * and colours), but hidden from assistive technology: the widget sits inside the editable text, so
 * a screen reader would otherwise read the name in the middle of a word ("Inga personu / Cecilia /
 * ppgifter"). Who is present is already listed beside the meeting.
 */
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function renderHiddenCaret(user: Record<string, unknown>): HTMLElement {
	const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : 'transparent';
	const caret = document.createElement('span');
	caret.classList.add('collaboration-carets__caret');
	caret.setAttribute('aria-hidden', 'true');
	caret.style.borderColor = color;

	const label = document.createElement('div');
	label.classList.add('collaboration-carets__label');
	label.setAttribute('aria-hidden', 'true');
	label.style.backgroundColor = color;
	label.append(document.createTextNode(typeof user.name === 'string' ? user.name : ''));
	caret.append(label);
	return caret;
}
