import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../../src/lib/i18n/paraglide-options';

/**
 * Components import the compiled catalogues ($lib/paraglide). Under Vitest the Paraglide plugin
 * does not run (its compiler kept Vitest's server from closing), so compile them once here,
 * exactly as the build does, into the same (git-ignored) folder.
 */
export default async function setup() {
	await compile(paraglideOptions);
}
