/**
 * PGlite unpacks its data file (pglite.data, 6 MB: PostgreSQL's share/ and lib/ directories) into
 * an in-memory file system whose files are views into the one buffer it read, so the whole
 * buffer stays resident as long as the database is open: 6 MB of the embedded server's idle
 * memory (issue 13: under 150 MB). Once PostgreSQL runs, 3.6 MB of it is never read again:
 * - initdb's scripts (postgres.bki and the *.sql, *.txt and *.sample files beside it; extensions'
 *   scripts live in share/postgresql/extension and stay);
 * - the makefiles for building extensions (lib/postgresql/pgxs);
 * - the encoding conversions (lib/postgresql/*_and_*.so): the server and its one client both
 *   speak UTF-8, so PostgreSQL never loads them;
 * - the replication client (libpqwalreceiver.so).
 * This drops those, gives every other file (time zones, text search dictionaries, plpgsql, ICU's
 * collation data) a buffer of its own, and detaches the big buffer so it can be freed.
 *
 * It runs on PGlite's worker thread and gets there as source text (worker-executor.ts), so it is
 * self-contained: no imports, no closures. It changes nothing unless it finds the buffer (a
 * later PGlite may pack its files differently) and returns what it did.
 */

/** The parts of PGlite's Emscripten module this needs (PGlite's `Module`). */
export interface PgliteModule {
	FS: {
		readdir(path: string): string[];
		lookupPath(path: string, options?: { follow?: boolean }): { node: FsNode };
		isDir(mode: number): boolean;
		isFile(mode: number): boolean;
		unlink(path: string): void;
	};
	MEMFS: unknown;
	HEAPU8: Uint8Array;
}

interface FsNode {
	mode: number;
	mount: { type: unknown };
	contents?: unknown;
	usedBytes?: number;
}

export interface ReleasedStartupFiles {
	/** Files given a buffer of their own. */
	kept: number;
	/** Files removed because nothing reads them once PostgreSQL runs. */
	dropped: number;
	/** Bytes of the detached buffer (what a collection frees). */
	bufferBytes: number;
	/** Bytes the kept files now hold. */
	keptBytes: number;
}

export function releaseStartupFiles(mod: PgliteModule): ReleasedStartupFiles | null {
	const { FS, MEMFS } = mod;
	const notNeeded = [
		/^\/pglite\/share\/postgresql\/[^/]+\.(bki|sql|txt|sample)$/,
		/\/pgxs\//,
		/^\/pglite\/lib\/postgresql\/[a-z0-9_]+_and_[a-z0-9_]+\.so$/,
		/^\/pglite\/lib\/postgresql\/libpqwalreceiver\.so$/
	];
	const files: { path: string; node: FsNode; bytes: Uint8Array }[] = [];
	// Depth first, with a list rather than a nested function (the source runs as text elsewhere).
	const dirs = ['/'];
	while (dirs.length > 0) {
		const dir = dirs.pop()!;
		for (const name of FS.readdir(dir)) {
			if (name === '.' || name === '..') continue;
			const path = (dir === '/' ? '' : dir) + '/' + name;
			const node = FS.lookupPath(path, { follow: false }).node;
			// Only the in-memory file system: the data directory is on disk (NODEFS), /dev and
			// /proc are devices.
			if (node.mount.type !== MEMFS) continue;
			if (FS.isDir(node.mode)) dirs.push(path);
			else if (FS.isFile(node.mode) && node.contents instanceof Uint8Array) files.push({ path, node, bytes: node.contents });
		}
	}
	// The buffer most files are views into (hundreds of them); never PostgreSQL's own memory.
	const counts = new Map<ArrayBufferLike, number>();
	for (const f of files) if (f.bytes.buffer !== mod.HEAPU8.buffer) counts.set(f.bytes.buffer, (counts.get(f.bytes.buffer) ?? 0) + 1);
	let bundle: ArrayBufferLike | null = null;
	for (const [buffer, count] of counts) if (count >= 50 && (!bundle || count > counts.get(bundle)!)) bundle = buffer;
	if (!bundle || !(bundle instanceof ArrayBuffer)) return null;
	const out: ReleasedStartupFiles = { kept: 0, dropped: 0, bufferBytes: bundle.byteLength, keptBytes: 0 };
	for (const f of files) {
		if (f.bytes.buffer !== bundle) continue;
		if (notNeeded.some((re) => re.test(f.path))) {
			FS.unlink(f.path);
			out.dropped++;
		} else {
			f.node.contents = f.bytes.slice(0, f.node.usedBytes ?? f.bytes.length);
			out.kept++;
			out.keptBytes += (f.node.contents as Uint8Array).length;
		}
	}
	// Detach it: PGlite's start-up closures still hold the buffer itself (only the loader, which
	// has run, reads it). Moved into a clone that is dropped at once, its memory goes at the next
	// collection.
	structuredClone(bundle, { transfer: [bundle] });
	return out;
}
