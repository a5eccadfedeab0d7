import { m } from '$lib/paraglide/messages.js';

/**
 * The plain variants of the site's frame (header, navigation, footer, error page), for a person in
 * easy mode, in the request's language. Only the root layout's server load calls this, so these
 * messages stay out of every page's scripts (the meeting page's are at their budget): the layout and
 * the error page read the strings from the layout's data with `plainOr`, and show the standard
 * message for any text not listed here (search's own label, "Sign out" and the language names are
 * plain already).
 */
export function plainChrome() {
	// Named in camelCase: a message's key written as a string would put it among keyed-messages.ts's.
	return {
		skipToContent: m.skip_to_content_plain(),
		navLabel: m.nav_label_plain(),
		navBoards: m.nav_boards_plain(),
		actNavRegister: m.act_nav_register_plain(),
		decNav: m.dec_nav_plain(),
		searchLabel: m.search_label_plain(),
		signedInAs: m.signed_in_as_plain(),
		accNav: m.acc_nav_plain(),
		stmtFooterLabel: m.stmt_footer_label_plain(),
		stmtFooterLink: m.stmt_footer_link_plain(),
		error404Title: m.error_404_title_plain(),
		error404: m.error_404_plain(),
		error403Title: m.error_403_title_plain(),
		error403: m.error_403_plain(),
		webUnavailableTitle: m.web_unavailable_title_plain(),
		webUnavailableText: m.web_unavailable_text_plain(),
		errorTitle: m.error_title_plain(),
		error500: m.error_500_plain(),
		// Their holes stay in the text: the error page fills them (plainOr), as only it knows them.
		errorStatus: m.error_status_plain({ status: '{status}' }),
		webErrorReference: m.web_error_reference_plain({ id: '{id}' })
	};
}

export type PlainChrome = ReturnType<typeof plainChrome>;
