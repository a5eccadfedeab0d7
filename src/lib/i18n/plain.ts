/**
 * Plain-language texts (lättläst / let dansk; issue 14, point 2). A person in easy mode reads the
 * plain variant of a message where it has one, and the standard message where it has none.
 *
 * The plain variant of message `<key>` is a message of its own, `<key>_plain`, in
 * `messages/plain/{sv,en,da}.json` (plain.spec.ts checks each has its standard message and all three
 * languages). A page names both messages where it uses them, `say(m.boards_title,
 * m.boards_title_plain)`: each page then ships only its own variants, as Paraglide compiles every
 * message to a module of its own (one map from message to variant would put every variant on every
 * page that uses one).
 *
 * Whether the person is in easy mode comes from the root layout's data (`easyMode`), which the server
 * renders with, so the plain texts are there before the page's scripts run, and without them.
 *
 * The site's frame (the root layout and its error page) is on every page, the meeting page too, whose
 * scripts are at their budget: its texts are chosen on the server with this same helper
 * (plain-chrome.ts) and arrive as the layout's data, never as code.
 */

/** A Paraglide message function (inputs, then options). */
type Message = (...args: any[]) => string;

/**
 * The texts for a reader in easy mode or not: `say(standard, variant, inputs)` gives the variant in
 * easy mode when there is one, else the standard message.
 */
export function plainTexts(easy: boolean) {
	return function say<M extends Message>(standard: M, variant: M | undefined, ...inputs: Parameters<M>): string {
		return (easy && variant ? variant : standard)(...inputs);
	};
}

