import { existsSync } from 'node:fs';

/**
 * The Chromium every browser test runs on, shared by Playwright's e2e config and Vitest's browser
 * project: the system's (CHROMIUM_PATH, Debian's /usr/bin/chromium) when present, otherwise
 * Playwright's own download (undefined). Debian's chromium-headless-shell comes first when it is
 * there: it is the same engine built without the desktop browser's shell, which is what Playwright
 * itself runs headless, and on a two-core machine it runs the e2e suite about a third faster. The flags keep it quiet and offline: no sandbox (CI runs
 * as root in a container), no GPU, no background traffic to Google.
 */
export const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

export const chromiumLaunchOptions = {
	executablePath: systemChromium,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
};
