import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build' }),
		// Every stylesheet a page needs goes into its HTML (the largest, the app's base, is ~27 KB,
		// ~6 KB compressed): no render-blocking stylesheet requests before the first paint (issue 13,
		// a meeting page linked six). Client-side navigation still loads them as files.
		inlineStyleThreshold: 32 * 1024,
		// Form actions are same-origin only, checked in hooks.server.ts (handleCsrf) with SvelteKit's
		// own rule, so that a refusal is a page in the person's language rather than SvelteKit's bare
		// English line. The collab server applies the same rule to upgrades.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			// Nonces for server-rendered pages, hashes for prerendered ones.
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// No inline script: SvelteKit's own start-up script carries the response's nonce.
				'script-src': ['self'],
				// Style attributes are set by Svelte (style: directives), bits-ui and TipTap/ProseMirror.
				// With 'unsafe-inline' present SvelteKit adds no style nonce (which would void it).
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				// hooks.server.ts adds this host's ws:/wss: origin per request.
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
