import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build' }),
		// Form actions are same-origin only; the collab server applies the same rule to upgrades.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
