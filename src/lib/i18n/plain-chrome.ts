import { m } from '$lib/paraglide/messages.js';
import { plainTexts } from './plain';

/**
 * The texts of the site's frame (header, navigation, footer) and of its error page, chosen on the
 * server for the request's language and the person's mode. Only the root layout's server load calls
 * this, and the layout and the error page read the strings from its data: they are on every page,
 * the meeting page too, whose scripts are at their budget, so neither the plain variants nor the
 * frame's standard messages are code there (a language switch reloads the page, so the strings
 * never go stale). Keys are camelCase: a message's key written as a string would put that message
 * among keyed-messages.ts's.
 */
export function frameTexts(easy: boolean) {
	const say = plainTexts(easy);
	return {
		appName: m.app_name(),
		skipToContent: say(m.skip_to_content, m.skip_to_content_plain),
		navLabel: say(m.nav_label, m.nav_label_plain),
		navBoards: say(m.nav_boards, m.nav_boards_plain),
		actNavRegister: say(m.act_nav_register, m.act_nav_register_plain),
		decNav: say(m.dec_nav, m.dec_nav_plain),
		// Already plain: the search form's name and button, "Sign out", "Guest".
		searchSiteLabel: m.search_site_label(),
		searchLabel: say(m.search_label, m.search_label_plain),
		searchSubmit: m.search_submit(),
		signedInAs: say(m.signed_in_as, m.signed_in_as_plain),
		accNav: say(m.acc_nav, m.acc_nav_plain),
		signOut: m.sign_out(),
		guestBadge: m.guest_badge(),
		footerLabel: say(m.stmt_footer_label, m.stmt_footer_label_plain),
		footerLink: say(m.stmt_footer_link, m.stmt_footer_link_plain)
	};
}

/**
 * The error page's plain variants, for a person in easy mode (null otherwise: the error page then
 * shows its standard messages). Sent with every page in easy mode, as an error can come on any.
 */
export function plainErrorTexts(easy: boolean) {
	if (!easy) return null;
	return {
		error404Title: m.error_404_title_plain(),
		error404: m.error_404_plain(),
		error403Title: m.error_403_title_plain(),
		error403: m.error_403_plain(),
		webUnavailableTitle: m.web_unavailable_title_plain(),
		webUnavailableText: m.web_unavailable_text_plain(),
		errorTitle: m.error_title_plain(),
		error500: m.error_500_plain(),
		navBoards: m.nav_boards_plain(),
		// Their holes stay in the text: the error page fills them, as only it knows them.
		errorStatus: m.error_status_plain({ status: '{status}' }),
		webErrorReference: m.web_error_reference_plain({ id: '{id}' })
	};
}

export type PlainErrorTexts = NonNullable<ReturnType<typeof plainErrorTexts>>;
