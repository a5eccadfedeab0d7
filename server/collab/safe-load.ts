import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { inspectUpdate, type StructureRules, type StructureViolation } from '../../src/lib/domain/update-structure.js';
import type { StoredDoc } from '../../src/lib/server/store/types.js';
import { STRUCTURE_RULES, STRUCTURE_RULES_VERSION } from '../../src/lib/domain/doc-structure-rules.js';
import { parseDocName } from '../../src/lib/domain/doc-names.js';

/**
 * Loads a stored document so that nothing stored can keep it from loading.
 *
 * Every stored piece (snapshot, then each update) is read before it is applied — except a
 * snapshot the server wrote under the structure rules it runs now (`snapshotJudgedUnder`): it
 * was made from a document whose every piece was judged on its way in, and reading it again was
 * a third of a long meeting's cold open (issue 13). When all of them
 * are sound, they are applied as always. When one is not — content the server accepted before it
 * checked structure, such as a map nested thousands of levels deep, whose removal overflows
 * Yjs's recursive delete and garbage collection — the whole document is rebuilt in a worker
 * thread with a much larger stack, where that recursion fits: the offending types are deleted
 * there and collected, and only the flat, sound result comes back. The offending pieces are
 * handed back to be set aside (quarantined) with the reason; everything else is kept.
 *
 * Updates that can never integrate (they refer to content that was set aside) would stay in the
 * document's pending store for ever, re-merged on every update: they are set aside too.
 */
export interface SetAside {
	content: Uint8Array;
	reason: string;
}

export interface SafeLoadResult {
	setAside: SetAside[];
	/** The document was rebuilt: its stored form should be replaced by a fresh snapshot. */
	rebuilt: boolean;
}

/** Rules for stored content: any number of types (a snapshot holds the whole meeting), any root. */
export function loadRules(rules: StructureRules): StructureRules {
	return { ...rules, maxNewTypes: Number.POSITIVE_INFINITY, roots: null };
}

/** Structure rules of a document's kind (names that parse to no kind get the strictest). */
export function rulesForDoc(name: string): StructureRules {
	return STRUCTURE_RULES[parseDocName(name)?.kind ?? 'board'];
}

/**
 * The one way a stored document (snapshot, then the updates after it) is loaded into a Y.Doc, for
 * a live document and for anything else that reads one (the projection rebuilt at start).
 */
export async function loadSafely(doc: Y.Doc, stored: StoredDoc, rules: StructureRules, origin: unknown): Promise<SafeLoadResult> {
	const pieces = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates];
	const checked = loadRules(rules);
	/** Pieces before this index were judged when stored (the server's own snapshot). */
	const judged = stored.snapshot && stored.snapshotJudgedUnder === STRUCTURE_RULES_VERSION ? 1 : 0;
	// Each piece is read against what the pieces before it built, then applied; the first unsound
	// one stops the fast path. What was applied so far is sound and stays: the rebuilt state
	// holds the same content under the same ids, so applying it on top adds only the rest.
	const unsound: SetAside[] = [];
	let next = 0;
	try {
		Y.transact(
			doc,
			() => {
				for (; next < pieces.length; next++) {
					const violation = next < judged ? null : inspectUpdate(doc, pieces[next], checked).violation;
					if (violation) return void unsound.push({ content: pieces[next], reason: describe(violation) });
					Y.applyUpdate(doc, pieces[next], origin);
				}
			},
			origin
		);
	} catch (error) {
		unsound.push({ content: pieces[next] ?? new Uint8Array(), reason: `apply failed: ${(error as Error).message}` });
	}
	if (unsound.length === 0) return { setAside: dropNeverIntegrating(doc), rebuilt: false };

	// Later pieces that break the rules on their own are set aside as well (the rebuild removes
	// what they add either way; this only makes the quarantine complete).
	for (let i = next + 1; i < pieces.length; i++) {
		const { violation } = inspectUpdate(doc, pieces[i], checked);
		if (violation) unsound.push({ content: pieces[i], reason: describe(violation) });
	}
	const state = await rebuildInWorker(pieces, rules);
	const report = inspectUpdate(doc, state, checked);
	if (report.violation) throw new Error(`rebuilt document still breaks its layout (${describe(report.violation)})`);
	Y.applyUpdate(doc, state, origin);
	return { setAside: [...unsound, ...dropNeverIntegrating(doc)], rebuilt: true };
}

function describe(violation: StructureViolation): string {
	switch (violation.kind) {
		case 'malformed':
			return `malformed: ${violation.detail}`;
		case 'too-deep':
			return `too-deep: a type ${violation.depth} levels deep`;
		case 'too-many-types':
			return `too-many-types: ${violation.count}`;
		case 'unknown-root':
			return `unknown-root: ${violation.root}`;
		case 'content-not-in-layout':
			return `content-not-in-layout: ${violation.content}`;
		default:
			return violation.kind;
	}
}

/** Pending content can never integrate once what it waits for was set aside: set it aside too. */
function dropNeverIntegrating(doc: Y.Doc): SetAside[] {
	const { pendingStructs, pendingDs } = doc.store;
	const out: SetAside[] = [];
	if (pendingStructs) out.push({ content: pendingStructs.update, reason: 'never-integrates: refers to content the document does not have' });
	if (pendingDs) out.push({ content: pendingDs, reason: 'never-integrates: deletes content the document does not have' });
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
	return out;
}

/** Stack for the rebuild: Yjs recurses about three frames per nesting level when deleting. */
const WORKER_STACK_MB = 512;
const yjsPath = createRequire(import.meta.url).resolve('yjs');

/**
 * Runs in the worker (CommonJS, evaluated): applies every piece (each on its own, so a failing one
 * costs only itself), deletes types deeper than the layout allows and values nested deeper than
 * allowed, lets gc turn them into flat tombstones, and returns the whole state.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjsPath);
const { pieces, maxTypeDepth, maxValueDepth } = workerData;
const doc = new Y.Doc({ gc: true });
for (const piece of pieces) { try { Y.applyUpdate(doc, piece); } catch (e) { /* set aside by the caller */ } }
const depthOf = new Map();
function typeDepth(type) {
  const chain = [];
  let t = type, base = 0;
  while (t) {
    if (depthOf.has(t)) { base = depthOf.get(t); break; }
    chain.push(t);
    t = t._item && t._item.parent instanceof Y.AbstractType ? t._item.parent : null;
  }
  for (let i = chain.length - 1; i >= 0; i--) depthOf.set(chain[i], base + (chain.length - 1 - i) + (t ? 1 : 0));
  return depthOf.get(type);
}
function tooDeep(values) {
  const stack = values.map((v) => [v, 0]);
  while (stack.length) {
    const [v, d] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (d >= maxValueDepth) return true;
    for (const c of Array.isArray(v) ? v : v instanceof Uint8Array ? [] : Object.values(v)) stack.push([c, d + 1]);
  }
  return false;
}
const doomed = [];
for (const structs of doc.store.clients.values()) {
  for (const item of structs) {
    if (!(item instanceof Y.Item) || item.deleted) continue;
    const c = item.content;
    if (c instanceof Y.ContentType) {
      const parentDepth = item.parent instanceof Y.AbstractType ? typeDepth(item.parent) : 0;
      if (parentDepth === maxTypeDepth) doomed.push(item); // the shallowest type too deep: its subtree goes with it
    } else if (c instanceof Y.ContentDoc || c instanceof Y.ContentBinary) doomed.push(item);
    else if ((c instanceof Y.ContentAny || c instanceof Y.ContentJSON) && tooDeep(c.arr)) doomed.push(item);
    else if (c instanceof Y.ContentFormat && tooDeep([c.value])) doomed.push(item);
    else if (c instanceof Y.ContentEmbed && tooDeep([c.embed])) doomed.push(item);
  }
}
if (doomed.length) doc.transact((tr) => { for (const item of doomed) if (!item.deleted) item.delete(tr); });
parentPort.postMessage({ state: Y.encodeStateAsUpdate(doc), removed: doomed.length });
`;

function rebuildInWorker(pieces: Uint8Array[], rules: StructureRules): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { yjsPath, pieces, maxTypeDepth: rules.maxTypeDepth, maxValueDepth: rules.maxValueDepth },
			resourceLimits: { stackSizeMb: WORKER_STACK_MB }
		});
		worker.once('message', (message: { state: Uint8Array }) => {
			resolve(message.state);
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`rebuild worker exited with ${code}`)));
	});
}
