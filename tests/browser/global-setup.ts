import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paraglideOptions } from '../../src/lib/i18n/paraglide-options';

/**
 * Components import the compiled catalogues ($lib/paraglide). Under Vitest the Paraglide plugin
 * does not run (its compiler kept Vitest's server from closing), so compile them here, exactly as
 * the build does and into the same (git-ignored) folder — unless the build or a dev server already
 * compiled them from the current catalogues (compiling takes 5–15 s on two busy cores, and two
 * compilers writing one folder at once trip over each other). In a child process: the compiler
 * leaves handles open that kept Vitest from exiting ("close timed out after 10000ms").
 */
export default function setup() {
	if (isFresh()) return;
	const script = `import { compile } from '@inlang/paraglide-js'; await compile(${JSON.stringify(paraglideOptions)});`;
	execFileSync(process.execPath, ['--input-type=module', '--eval', script], { stdio: 'inherit' });
}

function isFresh(): boolean {
	const output = join(paraglideOptions.outdir, 'runtime.js');
	if (!existsSync(output)) return false;
	const compiledAt = statSync(output).mtimeMs;
	const sources = [join(paraglideOptions.project, 'settings.json'), 'src/lib/i18n/paraglide-options.ts', ...files('src/lib/i18n/messages')];
	return sources.every((file) => statSync(file).mtimeMs <= compiledAt);
}

function files(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((name) => join(dir, name))
		.filter((path) => statSync(path).isFile());
}
