/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { keepsPage, keepsResponse } from '$lib/domain/offline-pages';

/**
 * Offline (issue 14, point 9): the app shell (this build's scripts and styles, the static files)
 * is kept at install, and every board or meeting page a person opens is kept as they last saw it
 * online, so that it opens with no connection at all; its live documents come from IndexedDB, its
 * edits wait there and are sent when the connection returns. Pages go to the network first, so
 * online nobody sees an old page. A new version drops the old caches: their pages name scripts
 * that are gone. Signing out clears everything (Clear-Site-Data).
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = `pages-${version}`;
const SHELL_FILES = [...build, ...files.filter((file) => !file.startsWith('/screenshots/'))];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(SHELL)).addAll(SHELL_FILES);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== SHELL && key !== PAGES) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

async function page(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (keepsPage(new URL(request.url), sw.location.origin) && keepsResponse(response)) await cache.put(request.url, response.clone());
		return response;
	} catch (error) {
		const kept = await cache.match(request.url);
		if (kept) return kept;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.mode === 'navigate') {
		event.respondWith(page(request));
		return;
	}
	// The shell's files never change under the same name: from the cache, else the network.
	if (SHELL_FILES.includes(url.pathname)) {
		event.respondWith((async () => (await (await caches.open(SHELL)).match(url.pathname)) ?? fetch(request))());
	}
});
