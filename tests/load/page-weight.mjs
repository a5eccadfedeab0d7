#!/usr/bin/env node
// Page weight: the gzip size of every JavaScript file a page of the production build makes
// Chromium load, per page and role, and the biggest chunks with what they hold. Seeds the Åsby
// demo on a fresh data dir, signs its people in through the real sign-in endpoint and opens the
// pages in real Chromium. Figures, never assertions (tests/e2e/page-weight.spec.ts keeps the budget).
//
//   node tests/load/page-weight.mjs            builds if needed, prints a Markdown table
//   PAGE_WEIGHT_PORT=4314 node tests/load/page-weight.mjs
//
// "gzip" is what this server sends: each file gzipped at level 9 (the build's precompressed .gz).
// A meeting page is measured twice: as opened (what a participant needs to see it), and after
// the person clicks into the minutes and types (everything an editing session loads).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { meetingId, signIn } from './demo-session.mjs';
import { MEETING_PAGE_JS_BUDGET_KB, MEETING_PAGE_JS_GOAL_KB } from './page-budget.mjs';

const root = new URL('../..', import.meta.url).pathname;
const port = Number(process.env.PAGE_WEIGHT_PORT ?? 3300 + Math.floor(Math.random() * 500));
const base = `http://127.0.0.1:${port}`;
const KB = (bytes) => (bytes / 1024).toFixed(1);

/** What a chunk holds, by the modules the build put in it (written by vite-plugin-chunk-map). */
function chunkContents() {
	const file = join(root, '.svelte-kit/output/chunk-map.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** The JavaScript a page loads, as { url: gzipBytes }, collected from the browser's responses. */
function watchScripts(page) {
	const sizes = new Map();
	page.on('response', async (response) => {
		const url = response.url();
		if (!url.startsWith(base) || !/\.m?js(\?|$)/.test(new URL(url).pathname)) return;
		try {
			const body = await response.body();
			sizes.set(new URL(url).pathname, gzipSync(body, { level: 9 }).length);
		} catch {
			// A response the page dropped (navigated away) has no body; it was not used.
		}
	});
	return sizes;
}

const total = (sizes) => [...sizes.values()].reduce((a, b) => a + b, 0);

async function main() {
	if (!process.argv.includes('--no-build')) {
		const build = spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' });
		if (build.status !== 0) process.exit(1);
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'samtavla-weight-'));
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ORIGIN: base };
	const seed = spawnSync(process.execPath, [join(root, 'build/node/server/seed.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	if (seed.status !== 0) process.exit(1);
	const server = spawn(process.execPath, [join(root, 'build/node/server/index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => p && existsSync(p));
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
	const rows = [];
	const seen = new Map();
	try {
		await waitUp();
		const owner = await signIn(base, 'karin@demo.samtavla.se');
		const meeting = await meetingId(base, owner);
		const boardPath = /\/boards\/[a-z0-9]+/.exec(await (await fetch(base + '/boards', { headers: { cookie: owner } })).text())[0];

		const visit = async (label, email, path, interact) => {
			const context = await browser.newContext({ locale: 'sv-SE' });
			if (email) {
				const [name, value] = (await signIn(base, email)).split('=');
				await context.addCookies([{ name, value, url: base }]);
			}
			const page = await context.newPage();
			const sizes = watchScripts(page);
			await page.goto(base + path);
			await page.waitForSelector('html[data-hydrated]');
			await page.waitForLoadState('networkidle');
			await sleep(300);
			const opened = total(sizes);
			let after = null;
			if (interact) {
				await interact(page);
				await page.waitForLoadState('networkidle');
				await sleep(500);
				after = total(sizes);
			}
			for (const [url, size] of sizes) seen.set(url, size);
			rows.push({ label, files: sizes.size, opened, after });
			await context.close();
		};

		const typeInMinutes = async (page) => {
			await page.getByTestId('connection-status').and(page.locator('[data-state=connected]')).waitFor({ timeout: 15_000 });
			const minutes = page.locator('.minutes-editor').first();
			await minutes.click();
			await page.getByTestId('minutes-editor').first().waitFor();
			await page.keyboard.type('vikt');
		};
		await visit('Sign-in page', null, '/signin');
		await visit('Board page (owner)', 'karin@demo.samtavla.se', boardPath);
		await visit('Meeting page, owner', 'karin@demo.samtavla.se', `/meetings/${meeting}`, typeInMinutes);
		await visit('Meeting page, contributor', 'maria@demo.samtavla.se', `/meetings/${meeting}`, typeInMinutes);
		await visit('Meeting page, viewer', 'sara@demo.samtavla.se', `/meetings/${meeting}`);
	} finally {
		await browser.close();
		server.kill('SIGTERM');
		await new Promise((resolve) => server.once('exit', resolve));
		rmSync(dataDir, { recursive: true, force: true });
	}

	console.log('\n| page | JS files | JS gzip as opened | JS gzip after clicking into the minutes and typing |');
	console.log('|---|---|---|---|');
	for (const row of rows) console.log(`| ${row.label} | ${row.files} | ${KB(row.opened)} KB | ${row.after === null ? '–' : `${KB(row.after)} KB`} |`);

	console.log(`\nMeeting page budget as opened: ${MEETING_PAGE_JS_BUDGET_KB} KB (issue 13's goal: ${MEETING_PAGE_JS_GOAL_KB} KB).`);
	const contents = chunkContents();
	console.log('\nBiggest chunks loaded by these pages (gzip; what they hold, by source module size):');
	for (const [url, size] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
		const parts = contents[url.replace(/^\//, '')] ?? [];
		console.log(`  ${KB(size).padStart(6)} KB  ${url.split('/').pop()}  ${parts.slice(0, 6).join(', ') || '(no chunk map: run a build)'}`);
	}
}

async function waitUp() {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(base + '/')).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error(`server at ${base} did not start`);
}

await main();
