import { expect, test, type Page } from '@playwright/test';
import { msg, swedishOnlyPhrases, type Locale } from './catalogue';
import { expectAccessible, expectConnected, open, openItem, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 12's new pages and sections in English and Danish: the asks and their answers, effect
 * feedback, comments on the minutes, decision kinds, review dates and reservations, the decision
 * registers, search, venues, access needs and venue warnings, the meeting template and series
 * fields, the carry-over and the agenda suggestions. One board is set up (in Swedish, the default);
 * then for each language, chosen with the header's language switch as a person would, every page
 * has the right `lang`, its headings and labels in that language (read from the message
 * catalogues), no Swedish wording left over, no serious axe violation, and no sideways scroll at
 * 360 px.
 *
 * People's own words here (names, titles, minutes) have no å, ä or ö, so a Swedish letter on an
 * English or Danish page can only come from the app.
 */

const OWNER = { name: 'Olivia Owen', agency: 'Nordvik Social Services' };
const MEMBER = { name: 'Nils Nord', agency: 'Nordvik User Association' };
const BOARD = 'Nordvik Group';
const VENUE = 'Nordvik Hall';
const FIRST = 'Meeting Alpha';
const NEXT = 'Meeting Beta';
const ITEM = 'Pilot project';
const POSTPONED = 'Housing support';
const DECISION = 'The pilot runs for one year.';
const RESERVATION = 'One year is too short.';
const COMMENT = 'What does the pilot cost?';
const ITEM_ASK = 'Support at weekends';
const ACTION_ASK = 'Open the meeting place in the evenings';
const SEARCHED = 'pilotproject';

const SWEDISH = swedishOnlyPhrases();

/** What the person reads on the page: rendered text (screen-reader-only text included). */
const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

/** The common checks of one page in one language. */
async function expectLanguagePage(page: Page, locale: Locale, label: string) {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	const text = await visibleText(page);
	expect(
		SWEDISH.filter((phrase) => text.includes(phrase)),
		`Swedish wording on ${label} (${locale})`
	).toEqual([]);
	// Danish has å but never ä or ö; English none of them.
	const letters = text.match(locale === 'en' ? /[^\n]*[åäöÅÄÖ][^\n]*/g : /[^\n]*[äöÄÖ][^\n]*/g) ?? [];
	expect(letters, `Swedish letters on ${label} (${locale})`).toEqual([]);
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll, `${label} (${locale}) at 360 px`).toBeLessThanOrEqual(widths.client);
	// axe once per page, in English: Danish has the same markup, and what a language changes (the
	// lang attribute, the wording, the width) is checked above for both.
	if (locale === 'en') await expectAccessible(page, `${label} (${locale}, 360 px)`);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: false }).first();

/** Chooses the language with the header's switch (which sets the samtavla_locale cookie and reloads). */
async function chooseLanguage(page: Page, locale: Locale) {
	const names: Record<Locale, string> = { sv: 'Svenska', en: 'English', da: 'Dansk' };
	await page.waitForSelector('html[data-hydrated]');
	await page.getByTestId('language-switch').getByRole('button', { name: names[locale] }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await page.waitForSelector('html[data-hydrated]');
	expect((await page.context().cookies()).find((c) => c.name === 'samtavla_locale')?.value).toBe(locale);
}

test('issue 12’s pages and sections in English and Danish: translated, axe clean, at 360 px', async ({ browser }) => {
	test.setTimeout(900_000);
	const owner = await (await personContext(browser)).newPage();
	const member = await (await personContext(browser)).newPage();

	// ── Setup, in Swedish: a board, a venue without step-free entrance, a member who needs one.
	await open(owner, '/signup');
	await signUp(owner, { ...OWNER, email: uniqueEmail('olivia'), kind: 'social_services' });
	await owner.locator('#board-name').fill(BOARD);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardPath = new URL(owner.url()).pathname;

	await open(owner, `${boardPath}/venues`);
	await owner.locator('#venue-add-name').fill(VENUE);
	await owner.locator('#venue-add-address').fill('Main Street 1');
	await owner.getByRole('checkbox', { name: 'Hiss' }).check();
	await owner.getByTestId('venue-add-submit').click();
	await expect(owner.getByTestId('venue-card')).toHaveCount(1);

	await open(owner, boardPath);
	await owner.locator('#invite-role-contributor').check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const invite = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
	await open(member, `/signup?redirectTo=${encodeURIComponent(invite)}`);
	await signUp(member, { ...MEMBER, email: uniqueEmail('nils'), kind: 'user_association' });
	await expect(member).toHaveURL(/\/invite\//);
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(new RegExp(`${boardPath}$`));
	await open(member, '/account/access');
	await member.getByRole('checkbox', { name: 'Stegfri entré' }).check();
	await member.getByTestId('needs-save').click();
	await expect(member.getByTestId('needs-notice')).toBeVisible();

	// Two meetings: the next one first, then the first one, at the saved venue.
	await open(owner, boardPath);
	await owner.locator('#meeting-title').fill(NEXT);
	await owner.locator('#meeting-starts-at').fill('2030-04-10T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const nextPath = new URL(owner.url()).pathname;
	await open(owner, boardPath);
	await owner.locator('#meeting-title').fill(FIRST);
	await owner.locator('#meeting-starts-at').fill('2030-03-10T09:30');
	await owner.getByTestId('venue-choice-saved').check();
	await owner.getByTestId('venue-select').selectOption({ label: `${VENUE}, Main Street 1` });
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const firstPath = new URL(owner.url()).pathname;
	await owner.waitForSelector('html[data-hydrated]');
	await expectConnected(owner);

	// A § with minutes and a majority decision to review before the next meeting; another § postponed.
	const add = owner.getByTestId('add-item-form');
	await add.getByLabel('Rubrik').fill(ITEM);
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	await add.getByLabel('Rubrik').fill(POSTPONED);
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	const postponed = await openItem(owner, POSTPONED);
	await postponed.getByLabel('Status för punkten').selectOption({ label: 'Bordlagd' });
	const item = await openItem(owner, ITEM);
	await item.getByTestId('item-minutes-editor').click();
	await owner.keyboard.type(`The ${SEARCHED} starts in spring.`);
	await item.getByLabel('Nytt beslut under § 1').fill(DECISION);
	await item.getByText('Beslutsform och utvärderingsdatum (frivilligt)').click();
	await item.getByLabel('Hur fattades beslutet?').selectOption('majority');
	await item.getByLabel('Utvärderas senast (frivilligt)').fill('2030-03-20');
	await item.getByRole('button', { name: 'Lägg till beslut' }).click();
	await expect(item.getByTestId('decision-kind')).toBeVisible();

	// The member records a reservation and comments on the §.
	await open(member, firstPath);
	await expectConnected(member);
	const theirs = await openItem(member, ITEM);
	await theirs.getByText('Reservera dig mot beslut 1').click();
	await theirs.getByLabel('Din reservation mot beslut 1').fill(RESERVATION);
	await theirs.getByRole('button', { name: 'Lägg till reservation' }).click();
	await expect(theirs.getByTestId('reservation')).toContainText(RESERVATION);
	await theirs.getByTestId('comment-on-item').click();
	await theirs.getByRole('textbox', { name: 'Din kommentar' }).fill(COMMENT);
	await theirs.getByTestId('new-comment-form').getByRole('button', { name: 'Skicka kommentar' }).click();
	await expect(theirs.getByTestId('comment-thread')).toContainText(COMMENT);

	// The member asks for an item and for an action; the owner turns the second into an action and
	// marks it done, leaving the first open (so its answer form shows).
	await open(member, boardPath);
	await expectConnected(member);
	const askForm = member.getByTestId('ask-form');
	await askForm.getByLabel('Föreslå en punkt till dagordningen').check();
	await askForm.getByLabel('Beskriv kort vad du vill').fill(ITEM_ASK);
	await askForm.getByRole('button', { name: 'Skicka önskemålet' }).click();
	// The form is reset once the post has answered: wait for that before filling it again.
	await expect(member.getByTestId('ask-status')).not.toBeEmpty();
	await expect(member.getByTestId('my-asks').getByTestId('ask-card')).toHaveCount(1);
	await askForm.getByLabel('Be en förvaltning om en åtgärd').check();
	await askForm.getByLabel('Beskriv kort vad du vill').fill(ACTION_ASK);
	await askForm.getByLabel('Vilken förvaltning?').selectOption({ label: OWNER.agency });
	await askForm.getByRole('button', { name: 'Skicka önskemålet' }).click();
	await expect(member.getByTestId('my-asks').getByTestId('ask-card')).toHaveCount(2);

	await open(owner, boardPath);
	await expectConnected(owner);
	const actionAsk = owner.getByTestId('open-asks').getByTestId('ask-card').filter({ hasText: ACTION_ASK });
	await actionAsk.getByTestId('answer-toggle').click();
	await actionAsk.getByRole('button', { name: /^Skicka svaret/ }).click();
	const action = owner.getByTestId('action-card').filter({ has: owner.getByRole('heading', { name: ACTION_ASK }) });
	await action.getByLabel(/^Status/).selectOption({ label: 'Klar' });
	await action.getByLabel(/^Vad blev resultatet\?/).fill('Open on Tuesdays until 9 pm.');
	await action.getByRole('button', { name: /^Spara resultatet/ }).click();
	await expect(owner.getByTestId('no-feedback')).toContainText(ACTION_ASK);

	// The minutes reach the search index a moment after they are typed.
	await expect(async () => {
		await open(owner, `/search?q=${SEARCHED}`);
		await expect(owner.getByTestId('search-result')).toHaveCount(1, { timeout: 1_000 });
	}).toPass({ timeout: 30_000 });

	await owner.setViewportSize({ width: 360, height: 800 });
	await member.setViewportSize({ width: 360, height: 800 });

	for (const locale of ['en', 'da'] as const) {
		const t = (key: string, params?: Record<string, string | number>) => msg(locale, key, params);
		await open(owner, boardPath);
		await chooseLanguage(owner, locale);
		await open(member, boardPath);
		await chooseLanguage(member, locale);

		// The board page, as its owner: open asks with the answer form, done actions without
		// feedback, the venue warning, the links to venues, decisions and the template, the series.
		await expectConnected(owner);
		await expect(owner.locator('#asks-heading')).toHaveText(t('asks_section_title'));
		const openAsks = owner.getByTestId('open-asks');
		await expect(openAsks.getByTestId('ask-card')).toContainText(t('asks_kind_item_short'));
		await expect(openAsks.getByTestId('ask-card')).toContainText(t('asks_from', { name: MEMBER.name, agency: MEMBER.agency }));
		await openAsks.getByTestId('answer-toggle').click();
		await expect(openAsks.getByRole('radio', { name: t('asks_outcome_scheduled') })).toBeChecked();
		await expect(heading(owner, t('asks_no_feedback_title'))).toBeVisible();
		await expect(owner.getByTestId('no-feedback')).toContainText(ACTION_ASK);
		const boardWarning = owner.getByTestId('venue-warnings');
		await expect(boardWarning.getByRole('heading')).toHaveText(t('venue_warn_title'));
		await expect(boardWarning).toContainText(t('venue_warn_people', { venue: VENUE, people: MEMBER.name }));
		await expect(boardWarning.getByTestId('venue-warning-missing')).toHaveText(t('venue_feature_stepFree'));
		await expect(owner.getByTestId('venue-manage-link')).toHaveText(t('venue_manage_link'));
		await expect(owner.getByTestId('board-decisions-link')).toContainText(t('dec_board_link'));
		await expect(owner.getByRole('link', { name: t('fo_template_link') })).toBeVisible();
		await owner.getByTestId('venue-choice-saved').check();
		await expect(owner.getByRole('radio', { name: t('venue_picker_saved'), exact: true })).toBeChecked();
		await expect(owner.getByRole('combobox', { name: t('venue_picker_select'), exact: true })).toBeVisible();
		await owner.getByLabel(t('fo_series_repeat')).check();
		await expect(owner.getByTestId('series-fields').getByLabel(t('fo_series_every_weeks'))).toBeVisible();
		await expect(owner.getByTestId('series-fields').getByLabel(t('fo_series_until'))).toBeVisible();
		await expectLanguagePage(owner, locale, 'board page (owner)');

		// The board page, as the member: their asks and answers, and the effect feedback form.
		await expectConnected(member);
		// A refused post answers in the reader's language too.
		await member.getByTestId('ask-form').getByRole('button', { name: t('asks_submit') }).click();
		await expect(member.getByTestId('ask-form').getByTestId('error-summary')).toContainText(t('asks_error_text_required'));
		await expect(member.getByTestId('ask-form').getByRole('radio', { name: t('asks_kind_item'), exact: true })).toBeChecked();
		const mine = member.getByTestId('my-asks');
		await expect(mine.getByTestId('ask-card').filter({ hasText: ACTION_ASK }).getByTestId('ask-answer')).toContainText(t('asks_answer_action', { agency: OWNER.agency }));
		await expect(mine.getByTestId('ask-card').filter({ hasText: ITEM_ASK })).toContainText(t('asks_kind_item_short'));
		const done = member.getByTestId('action-card').filter({ has: member.getByRole('heading', { name: ACTION_ASK }) });
		await expect(done.getByTestId('action-outcome')).toContainText(t('asks_outcome_shown'));
		const feedbackForm = done.getByTestId('feedback-form');
		await expect(feedbackForm.getByRole('group', { name: t('asks_effect_legend') })).toBeVisible();
		for (const effect of ['asks_effect_worked', 'asks_effect_partly', 'asks_effect_not']) await expect(feedbackForm.getByRole('radio', { name: t(effect), exact: true })).toBeVisible();
		await expect(feedbackForm.getByRole('button', { name: t('asks_effect_submit') })).toBeVisible();
		await expectLanguagePage(member, locale, 'board page (member)');

		// The first meeting, as its owner: the venue card and warning, the decision's kind and review
		// date, the reservation, the comment thread, and the postponed § with its carry-over.
		await open(owner, firstPath);
		await expectConnected(owner);
		const venue = owner.getByTestId('meeting-venue');
		await expect(venue).toContainText(t('venue_card_has'));
		await expect(venue).toContainText(t('venue_feature_lift'));
		await expect(venue).toContainText(t('venue_card_lacks'));
		const meetingWarning = owner.getByTestId('venue-warnings');
		await expect(meetingWarning.getByRole('heading')).toHaveText(t('venue_warn_meeting_title'));
		await expect(meetingWarning).toContainText(t('venue_warn_suggest'));
		const shown = await openItem(owner, ITEM);
		await expect(shown.getByTestId('decision-kind')).toHaveText(t('dec_kind_majority'));
		await expect(shown.getByTestId('decision-review')).toContainText(t('dec_review_short', { date: '' }).trim());
		await expect(shown.getByTestId('reservation')).toContainText(t('dec_reservation_by', { who: `${MEMBER.name}, ${MEMBER.agency}` }));
		const comments = shown.getByTestId('item-comments');
		await expect(comments.getByRole('heading')).toContainText(t('cmt_title'));
		await expect(comments).toContainText(t('cmt_intro'));
		await expect(comments.getByTestId('comment-thread')).toContainText(COMMENT);
		await expect(comments.getByTestId('comment-author')).toHaveText(t('cmt_author', MEMBER));
		await expect(comments.getByRole('textbox', { name: t('cmt_reply_label') })).toBeVisible();
		await expect(comments.getByTestId('resolve-thread')).toHaveText(t('cmt_resolve'));
		const carry = owner.getByTestId('carry-over');
		await expect(carry.getByRole('heading', { level: 2 })).toHaveText(t('fo_carry_title'));
		await expect(carry.getByTestId('carry-next')).toHaveText(t('fo_carry_to_next', { title: NEXT }));
		await expectLanguagePage(owner, locale, 'first meeting (owner)');

		// The same meeting, as the member: the reservation form and comments, read-only minutes.
		await open(member, firstPath);
		await expectConnected(member);
		const theirItem = await openItem(member, ITEM);
		await expect(theirItem.getByText(t('dec_reservation_open', { number: 1 }))).toBeVisible();
		await expect(theirItem.getByTestId('comment-on-item')).toHaveText(t('cmt_on_item', { number: 1 }));
		await expect(theirItem.getByTestId('comment-on-selection')).toContainText(t('cmt_on_selection'));
		await expectLanguagePage(member, locale, 'first meeting (member)');

		// The next meeting: the postponed § offered among the agenda's suggestions, and the decision
		// whose review date has passed in its follow-up.
		await open(owner, nextPath);
		await expectConnected(owner);
		const suggestions = owner.getByTestId('agenda-suggestions');
		await expect(suggestions.getByRole('heading', { level: 2 })).toHaveText(t('fo_suggestions_title'));
		const suggestion = suggestions.getByTestId('suggestion').filter({ hasText: POSTPONED });
		await expect(suggestion).toContainText(t('fo_suggestion_from_meeting', { meeting: FIRST }));
		await expect(suggestion.getByRole('button')).toContainText(t('fo_suggestion_add'));
		await expect(heading(owner, t('dec_followup_title'))).toBeVisible();
		await expectLanguagePage(owner, locale, 'next meeting (owner)');

		// The board's decision register and the person's.
		await open(member, `${boardPath}/decisions`);
		await expect(member.getByRole('heading', { level: 1 })).toHaveText(t('dec_register_board_title', { board: BOARD }));
		const row = member.getByTestId('decision-register-row');
		await expect(row.getByTestId('decision-kind')).toHaveText(t('dec_kind_majority'));
		await expect(row.getByTestId('register-reservation')).toContainText(RESERVATION);
		const filters = member.getByTestId('decision-filters');
		await expect(filters.getByLabel(t('dec_filter_search'))).toBeVisible();
		await expect(filters.getByLabel(t('dec_filter_kind'))).toBeVisible();
		await expect(filters.getByLabel(t('dec_filter_reservations'))).toBeVisible();
		await expect(filters.getByRole('button', { name: t('dec_filter_submit') })).toBeVisible();
		await expectLanguagePage(member, locale, 'board decision register');
		await open(owner, '/decisions');
		await expect(owner.getByRole('heading', { level: 1 })).toHaveText(t('dec_register_all_title'));
		await expect(owner.getByTestId('decision-register-row')).toContainText(DECISION);
		await expect(owner.getByTestId('decision-filters').getByLabel(t('dec_filter_kind'))).toBeVisible();
		await expectLanguagePage(owner, locale, 'decision register across boards');

		// Search, from the header's field.
		await open(owner, '/boards');
		await owner.getByTestId('nav-search').getByLabel(t('search_label')).fill(SEARCHED);
		await owner.getByTestId('nav-search').getByRole('button', { name: t('search_submit') }).click();
		await expect(owner).toHaveURL(/\/search\?q=/);
		await owner.waitForSelector('html[data-hydrated]');
		await expect(owner.getByRole('heading', { level: 1 })).toHaveText(t('search_title'));
		await expect(owner.getByTestId('search-summary')).toContainText(t('search_results_one', { query: SEARCHED }));
		await expect(owner.getByTestId('search-result')).toContainText(t('search_kind_item'));
		await expect(owner.getByTestId('search-result-link')).toHaveText(t('search_item', { number: 1, title: ITEM }));
		await expectLanguagePage(owner, locale, 'search results');

		// The board's venues.
		await open(owner, `${boardPath}/venues`);
		await expect(owner.getByRole('heading', { level: 1 })).toHaveText(t('venue_page_title'));
		await expect(heading(owner, t('venue_add_title'))).toBeVisible();
		await expect(owner.locator('#venue-add-name')).toHaveAccessibleName(new RegExp(`^${t('venue_field_name')}`));
		await owner.getByTestId('venue-add-submit').click();
		await expect(owner.locator('#venue-add-name-error')).toContainText(t('venue_error_name_required'));
		await expect(owner.getByRole('checkbox', { name: t('venue_feature_hearingLoop') }).first()).toBeVisible();
		const card = owner.getByTestId('venue-card');
		await expect(card.getByTestId('venue-has')).toContainText(t('venue_feature_lift'));
		await expect(card.getByTestId('venue-lacks')).toContainText(t('venue_feature_stepFree'));
		await expectLanguagePage(owner, locale, 'venues page');

		// The member's access needs.
		await open(member, '/account/access');
		await expect(member.getByRole('heading', { level: 1 })).toHaveText(t('venue_needs_title'));
		await expect(member.getByRole('group', { name: t('venue_needs_legend') })).toBeVisible();
		await expect(member.getByRole('checkbox', { name: t('venue_feature_stepFree') })).toBeChecked();
		await expect(member.getByTestId('needs-save')).toHaveText(t('venue_needs_submit'));
		await expectLanguagePage(member, locale, 'access needs page');

		// The meeting template.
		await open(owner, `${boardPath}/template`);
		await expect(owner.getByRole('heading', { level: 1 })).toHaveText(t('fo_template_title'));
		// The suggested standing items are in the board's language (Swedish here), and say so.
		await expect(owner.getByLabel(t('fo_template_items_label'))).toHaveAttribute('lang', 'sv-SE');
		await expect(owner.getByLabel(t('fo_template_length_label'))).toBeVisible();
		await expect(owner.getByRole('button', { name: t('fo_template_save') })).toBeVisible();
		await expectLanguagePage(owner, locale, 'meeting template');
	}
});
