import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The Supabase service role key bypasses row-level security: it must never reach a browser.
 * Two guarantees, each tested:
 *  1. Supabase code lives only in src/lib/server/store/supabase/, and only server modules import
 *     it. SvelteKit refuses to build when client code imports anything under $lib/server, so the
 *     adapter, the key and supabase-js cannot be bundled for the browser by mistake.
 *  2. The production build's browser assets (build/client, and build/prerendered when present,
 *     gzip and brotli copies included) contain no trace of the key's name, the config field,
 *     supabase-js or PostgREST. The scan is shown to find planted markers, so a clean result means
 *     something. The key's value is read at run time from the environment, never at build time,
 *     so no build can hold it; its names are what could leak.
 *
 * `npm test` builds before the integration suite; alone, build first (`node server/start.mjs --build-only`).
 */

const root = resolve('.');
const ADAPTER_DIR = join(root, 'src', 'lib', 'server', 'store', 'supabase');
const SERVER_ONLY_DIR = join(root, 'src', 'lib', 'server');

const FORBIDDEN: Array<{ what: string; pattern: RegExp }> = [
	{ what: 'the service role key variable', pattern: /SUPABASE_SERVICE_ROLE_KEY/ },
	{ what: 'the config field holding the key', pattern: /serviceRoleKey/ },
	{ what: "Supabase's service role", pattern: /service_role/ },
	{ what: 'an @supabase/* package', pattern: /@supabase\// },
	{ what: 'supabase-js', pattern: /supabase-js/i },
	{ what: 'PostgREST client code', pattern: /postgrest/i },
	{ what: "the Data API's path", pattern: /\/rest\/v1\b/ },
	{ what: 'a store function name', pattern: /samtavla_(?:doc_|create_board|register_actions|recorded_migrations)/ }
];

interface Finding {
	file: string;
	what: string;
}

async function* files(dir: string): AsyncGenerator<string> {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* files(path);
		else if (entry.isFile()) yield path;
	}
}

/** Every forbidden trace in every file under `dir` (compressed copies decompressed first). */
async function scan(dir: string): Promise<Finding[]> {
	const findings: Finding[] = [];
	for await (const file of files(dir)) {
		let bytes = await readFile(file);
		if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
		else if (file.endsWith('.br')) bytes = brotliDecompressSync(bytes);
		// latin1 maps each byte to one character: ASCII patterns match in any file, text or binary.
		const text = bytes.toString('latin1');
		for (const { what, pattern } of FORBIDDEN) if (pattern.test(text)) findings.push({ file: relative(dir, file), what });
	}
	return findings;
}

const temporary: string[] = [];
afterAll(async () => {
	for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('the Supabase service role key never reaches the browser', () => {
	it('the scan finds planted traces (plain, nested, gzip, brotli) and nothing in clean files', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'samtavla-bundle-scan-'));
		temporary.push(dir);
		await mkdir(join(dir, '_app', 'immutable', 'chunks'), { recursive: true });
		await writeFile(join(dir, '_app', 'immutable', 'chunks', 'leak.js'), 'const k=process.env.SUPABASE_SERVICE_ROLE_KEY;');
		await writeFile(join(dir, 'config.js'), 'export default{url:u,serviceRoleKey:k}');
		await writeFile(join(dir, 'vendor.js.gz'), gzipSync('class PostgrestError extends Error{};fetch(u+"/rest/v1/rpc/samtavla_doc_load")'));
		await writeFile(join(dir, 'client.js.br'), brotliCompressSync('headers:{"X-Client-Info":"supabase-js-web/2.109.0"}'));
		await writeFile(join(dir, 'clean.js'), 'export const board = "Samverkan"; // Samtavla, PostgreSQL');
		await writeFile(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
		const findings = await scan(dir);
		const by = (file: string) => findings.filter((f) => f.file === file).map((f) => f.what);
		expect(by(join('_app', 'immutable', 'chunks', 'leak.js'))).toEqual(['the service role key variable']);
		expect(by('config.js')).toEqual(['the config field holding the key']);
		expect(by('vendor.js.gz')).toEqual(['PostgREST client code', "the Data API's path", 'a store function name']);
		expect(by('client.js.br')).toEqual(['supabase-js']);
		expect(by('clean.js')).toEqual([]);
		expect(by('image.png')).toEqual([]);
	});

	it('supabase-js is imported only by the adapter, and the adapter only by server code (SvelteKit keeps $lib/server out of the browser)', async () => {
		expect(ADAPTER_DIR.startsWith(SERVER_ONLY_DIR + sep)).toBe(true);
		const importers: Array<{ file: string; imports: string }> = [];
		for (const top of ['src', 'server']) {
			for await (const file of files(join(root, top))) {
				if (!/\.(ts|js|mjs|svelte)$/.test(file) || file.includes(`${sep}paraglide${sep}`)) continue;
				const source = await readFile(file, 'utf8');
				for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
					const spec = match[1];
					const target = spec.startsWith('.') ? resolve(dirname(file), spec) : spec.replace(/^\$lib\//, join(root, 'src', 'lib') + sep);
					if (spec.startsWith('@supabase/') || target.startsWith(ADAPTER_DIR)) importers.push({ file: relative(root, file), imports: spec });
				}
			}
		}
		// Spec files (unit tests) are never bundled; everything else must be server-only.
		const outside = importers.filter(({ file, imports }) => {
			const abs = join(root, file);
			if (imports.startsWith('@supabase/')) return !abs.startsWith(ADAPTER_DIR + sep);
			return !abs.startsWith(SERVER_ONLY_DIR + sep) && !abs.startsWith(join(root, 'server') + sep);
		});
		expect(outside, 'modules outside the server-only folders importing Supabase code').toEqual([]);
		// And the search did see the adapter being used.
		expect(importers.some((i) => i.imports.startsWith('@supabase/'))).toBe(true);
		expect(importers.some((i) => i.file === join('src', 'lib', 'server', 'store', 'index.ts'))).toBe(true);
	});

	it('the production build’s browser assets hold no trace of the key, supabase-js or PostgREST', async () => {
		const clientDir = join(root, 'build', 'client');
		if (!existsSync(clientDir)) {
			expect.fail('build/client is missing: build first (`node server/start.mjs --build-only`; `npm test` does it before this suite)');
		}
		const dirs = [clientDir, join(root, 'build', 'prerendered')].filter((d) => existsSync(d));
		const findings: Finding[] = [];
		let scanned = 0;
		for (const dir of dirs) {
			for await (const _ of files(dir)) scanned++;
			findings.push(...(await scan(dir)).map((f) => ({ ...f, file: join(relative(root, dir), f.file) })));
		}
		expect(scanned, 'files scanned in the browser build').toBeGreaterThan(10);
		expect(findings).toEqual([]);
	});
});
