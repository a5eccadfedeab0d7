/**
 * C0 control characters (and DEL) in text a person typed. PostgreSQL cannot store U+0000 in text
 * at all (the query fails), and the others are invisible on screen and in the protocol, so input
 * carrying them is refused with a message instead. Multi-line text keeps tab and line breaks.
 */
const SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlChars(value: string, multiline = false): boolean {
	return (multiline ? MULTI_LINE : SINGLE_LINE).test(value);
}

/** The message key the schemas and services answer with. */
export const CONTROL_CHARS_ERROR = 'access_error_control_chars';
