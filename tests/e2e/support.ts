import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Each person gets their own browser context: no shared cookies, no BroadcastChannel shortcut. */
export async function personContext(browser: Browser, locale = 'sv-SE'): Promise<BrowserContext> {
	return browser.newContext({ locale, timezoneId: 'Europe/Stockholm' });
}

/** Navigates and waits for hydration: clicks before it would be lost. */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.waitForSelector('html[data-hydrated]');
}

export async function hydrated(page: Page): Promise<void> {
	await page.waitForSelector('html[data-hydrated]');
}

/**
 * axe-core on the current page: no serious or critical violation (WCAG 2.2 AA rules included).
 * Run as one `axe.run` in the page (legacy mode): the default runs each frame apart, then opens a
 * blank page to merge them, which doubles a pass's cost, and the app has no frames. Only
 * violations are gathered: collecting every passing node of a long page is most of the rest.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
		`axe on ${label}`
	).toEqual([]);
}

let counter = 0;
export function uniqueEmail(name: string): string {
	counter++;
	return `${name}.${Date.now()}.${counter}@example.se`;
}

export const PASSWORD = 'en lång mening som lösenord';

/** Signs up through the real form; `agency` is created unless it already exists in the list. */
export async function signUp(page: Page, person: { name: string; email: string; agency: string; kind: string }): Promise<void> {
	await page.locator('#signup-name').fill(person.name);
	await page.locator('#signup-email').fill(person.email);
	await page.locator('#signup-password').fill(PASSWORD);
	const existing = page.locator('#signup-agency');
	const option = existing.locator('option', { hasText: person.agency });
	if ((await existing.count()) > 0 && (await option.count()) > 0) {
		await page.locator('#agency-existing').check();
		await existing.selectOption({ label: (await option.first().textContent())!.trim() });
	} else {
		await page.locator('#agency-new').check();
		await page.locator('#signup-agency-name').fill(person.agency);
		await page.locator('#signup-agency-kind').selectOption(person.kind);
	}
	await page.getByTestId('signup-form').getByRole('button', { name: /Skapa konto|Create account|Opret konto/ }).click();
}

/**
 * A new person signs up (on /signup, in the page's language: Swedish), creates a board and, when
 * `meeting` is given, a meeting on 10 December 2026 at 09:30 through the real forms, and ends on
 * that meeting's page, connected. Returns the board's and the meeting's paths ('' without a meeting).
 */
export async function startBoard(
	page: Page,
	setup: { person: { name: string; agency: string; kind: string }; board: string; meeting?: string }
): Promise<{ boardPath: string; meetingPath: string }> {
	await open(page, '/signup');
	await signUp(page, { ...setup.person, email: uniqueEmail(setup.person.name.split(' ')[0].toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') || 'person') });
	await page.locator('#board-name').fill(setup.board);
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardPath = new URL(page.url()).pathname;
	if (!setup.meeting) return { boardPath, meetingPath: '' };
	await page.locator('#meeting-title').fill(setup.meeting);
	await page.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	const meetingPath = new URL(page.url()).pathname;
	await expectConnected(page);
	return { boardPath, meetingPath };
}

/** Types into the live minutes editor at its end. */
export async function typeInMinutes(page: Page, text: string): Promise<void> {
	// The testid sits on ProseMirror's contenteditable itself (role textbox, named "Protokoll").
	await page.getByTestId('minutes-editor').click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(text);
}

export async function expectConnected(page: Page): Promise<void> {
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
}

/**
 * Opens the § titled `title` from the agenda list (its link) and waits until it is the one shown
 * beside the list; returns that open §, where its minutes, decisions and tools live.
 */
export async function openItem(page: Page, title: string): Promise<Locator> {
	const entry = page.getByTestId('agenda-item').filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) });
	await entry.getByTestId('item-link').click();
	const shown = page.getByTestId('open-item');
	await expect(shown.locator('#open-item-heading')).toContainText(title);
	return shown;
}
