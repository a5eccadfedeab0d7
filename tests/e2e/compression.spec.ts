import { expect, test, type BrowserContext } from '@playwright/test';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * Issue 13: pages and their data are compressed as the client accepts (brotli, gzip) and sent
 * plain to a client that accepts neither; static files come precompressed and are not compressed
 * twice; the websocket upgrade on the same server is untouched.
 */

/** A raw GET (no client-side decompression), so the bytes and headers are the server's own. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

async function cookieHeader(context: BrowserContext): Promise<string> {
	return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

test('the meeting page is compressed when the client accepts it, plain when not, and its websocket still connects', async ({ browser, baseURL }) => {
	const owner = await personContext(browser);
	const page = await owner.newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Pia Packad', email: uniqueEmail('pia'), agency: 'Socialförvaltningen Packad', kind: 'social_services' });
	await expect(page).toHaveURL(/\/boards$/);
	await page.waitForSelector('html[data-hydrated]');
	await page.locator('#board-name').fill('Samverkan packad');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await page.waitForSelector('html[data-hydrated]');
	await page.locator('#meeting-title').fill('Möte som packas');
	await page.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingPath = new URL(page.url()).pathname;
	const meetingId = meetingPath.split('/').at(-1)!;
	await expectConnected(page);
	const words = 'Texten kommer packad och packas upp som den skrevs: å, ä, ö.';
	await typeInMinutes(page, words);
	const cookie = await cookieHeader(owner);
	const url = new URL(meetingPath, baseURL).href;

	// The page's HTML: brotli, gzip, or plain, each holding the notes (once the document has them stored in memory).
	await expect(async () => {
		const plain = await get(url, { cookie, 'accept-encoding': 'identity' });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString('utf8')).toContain(words);
	}).toPass({ timeout: 15_000 });
	// Once: drawn as the preview, not again in the page's hydration data.
	const plainText = (await get(url, { cookie })).body.toString('utf8');
	expect(plainText.split(words).length - 1).toBe(1);

	const br = await get(url, { cookie, 'accept-encoding': 'gzip, deflate, br' });
	expect(br.status).toBe(200);
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers['vary']).toMatch(/accept-encoding/i);
	expect(br.headers['content-length']).toBeUndefined();
	const brText = brotliDecompressSync(br.body).toString('utf8');
	expect(brText).toContain(words);
	expect(brText).toMatch(/^<!doctype html>/i);

	const gzip = await get(url, { cookie, 'accept-encoding': 'gzip' });
	expect(gzip.headers['content-encoding']).toBe('gzip');
	expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
	expect(gunzipSync(gzip.body).toString('utf8')).toContain(words);

	// A client with neither (or refusing both) gets the page as it is, and is told it could vary.
	for (const accept of [undefined, 'br;q=0, gzip;q=0', 'deflate']) {
		const plain = await get(url, { cookie, ...(accept ? { 'accept-encoding': accept } : {}) });
		expect(plain.status, `Accept-Encoding: ${accept}`).toBe(200);
		expect(plain.headers['content-encoding'], `Accept-Encoding: ${accept}`).toBeUndefined();
		expect(plain.headers['vary']).toMatch(/accept-encoding/i);
		expect(plain.body.toString('utf8')).toContain(words);
	}

	// The page's data for client-side navigation is compressed the same way.
	const data = await get(new URL(`${meetingPath}/__data.json`, baseURL).href, { cookie, 'accept-encoding': 'gzip' });
	expect(data.status).toBe(200);
	expect(data.headers['content-encoding']).toBe('gzip');
	expect(JSON.parse(gunzipSync(data.body).toString('utf8')).type).toBe('data');

	// A static file (the page's scripts) comes precompressed from the build, compressed once.
	const script = /\/_app\/immutable\/[^"']+\.js/.exec(brText)?.[0];
	expect(script, 'the page links its scripts').toBeTruthy();
	const file = await get(new URL(script!, baseURL).href, { 'accept-encoding': 'br' });
	expect(file.headers['content-encoding']).toBe('br');
	expect(brotliDecompressSync(file.body).toString('utf8')).toMatch(/import|export/);

	// The websocket upgrade, asked with the same Accept-Encoding, is still a websocket: the first sync comes.
	const ws = new WebSocket(new URL(`/collab/meeting:${meetingId}`, baseURL!.replace(/^http/, 'ws')).href, {
		headers: { cookie, origin: new URL(baseURL!).origin, 'accept-encoding': 'gzip, deflate, br' }
	});
	const first = await new Promise<Buffer>((resolve, reject) => {
		ws.once('message', (message: Buffer) => resolve(message));
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
	});
	expect(first.byteLength).toBeGreaterThan(0);
	ws.close();

	// And the browser, which accepts brotli, opens the page and connects as before.
	const reader = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: await owner.storageState() });
	const second = await reader.newPage();
	await open(second, meetingPath);
	await expectConnected(second);
	await expect(second.getByTestId('minutes-editor')).toContainText(words);
	await reader.close();
	await owner.close();
});
