import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * How Paraglide compiles the catalogues, shared by the Vite plugin (dev and build) and the browser
 * test project (which compiles once in its global setup instead of running the plugin).
 * The person's choice (cookie) first, then their browser's languages, then Swedish.
 */
export const paraglideOptions = {
	project: './src/lib/i18n/project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'samtavla_locale'
} satisfies CompilerOptions;
