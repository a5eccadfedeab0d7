// Over 300 lines on purpose: one decoding pass over an update answers every question (parents,
// roots, depth, keys, dependencies) from shared memo tables; split up, each part would decode again.
import * as Y from 'yjs';

/**
 * What a Yjs update would add to a document, read from the update itself (no copy of the
 * document, no apply), so the server can refuse a hostile update before Yjs ever integrates it.
 *
 * A valid update can still break a document for good: a Y.Map nested a few thousand levels deep
 * makes Yjs's delete and garbage collection recurse once per level and overflow the stack on
 * every later load; an update that refers to content the document lacks is kept pending and
 * re-merged on every later update. This module finds both, and everything else the document's
 * layout never contains (unknown roots, sub-documents, binary content, deep JSON values).
 */
export interface StructureRules {
	/** Root names the layout uses; a write under any other root is refused. Null: any root. */
	roots: ReadonlySet<string> | null;
	/** Deepest shared type allowed: a type directly in a root has depth 1. */
	maxTypeDepth: number;
	/** Most shared types one update may create. */
	maxNewTypes: number;
	/** Deepest JSON value (nested arrays/objects) allowed in a map entry or array element. */
	maxValueDepth: number;
	/**
	 * Map keys that name who created an entry (e.g. `createdBy`): written only together with a new
	 * entry, and only with the writer's own id. Checked when the writer is known.
	 */
	authorKeys?: ReadonlySet<string>;
	/** Fields of plain values in lists that name who did something (e.g. a history entry's `by`): the writer's id. */
	authorFields?: ReadonlySet<string>;
	/** Roots that hold only plain values (the speaker list): a shared type anywhere under them is refused. */
	flatRoots?: ReadonlySet<string>;
}

export type StructureViolation =
	| { kind: 'malformed'; detail: string }
	| { kind: 'unknown-root'; root: string }
	| { kind: 'too-deep'; depth: number }
	| { kind: 'too-many-types'; count: number }
	| { kind: 'value-too-deep' }
	| { kind: 'forged-author'; key: string }
	| { kind: 'content-not-in-layout'; content: string };

export interface StructureReport {
	/** Null when nothing in the update breaks the rules. */
	violation: StructureViolation | null;
	/** The update refers to content the document does not have (Yjs would keep it pending). */
	missing: boolean;
	newTypes: number;
	/** Deepest type the update creates (0 when it creates none). */
	maxDepth: number;
}

type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs does not export the DeleteSet type; this is the part read here. */
type DeleteSet = { clients: Map<number, Array<{ clock: number; len: number }>> };
type ParentRef = { root: string } | { type: Y.AbstractType<unknown> } | { item: Y.Item } | { unknown: true };

/** Content classes no layout of ours uses: refused wherever they appear. */
const FOREIGN_CONTENT: Array<[new (...args: never[]) => unknown, string]> = [
	[Y.ContentDoc, 'sub-document'],
	[Y.ContentBinary, 'binary']
];

/** `writerId`: whose update it is; author stamps (`authorKeys`, `authorFields`) must name them. */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, rules: StructureRules, writerId?: string): StructureReport {
	let decoded: { structs: Struct[]; ds: DeleteSet };
	try {
		decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
	} catch (error) {
		// Includes RangeError from a value nested too deep to decode at all.
		return { violation: { kind: 'malformed', detail: (error as Error).message }, missing: false, newTypes: 0, maxDepth: 0 };
	}
	return new Inspection(doc, decoded.structs, decoded.ds, rules, writerId).run();
}

class Inspection {
	/** Structs of the update per client, in clock order (as the encoding guarantees). */
	readonly #byClient = new Map<number, Array<Y.Item | Y.GC>>();
	/** Per client: the clock up to which document and update together hold everything. */
	readonly #known = new Map<number, number>();
	readonly #typeDepth = new Map<Y.Item, number>();
	readonly #docDepth = new Map<Y.AbstractType<unknown>, number>();
	readonly #parentOf = new Map<Y.Item, ParentRef>();
	readonly #rootOf = new Map<Y.Item, string | null>();
	readonly #subOf = new Map<Y.Item, string | null>();
	#missing = false;

	constructor(
		private readonly doc: Y.Doc,
		private readonly structs: Struct[],
		private readonly ds: DeleteSet,
		private readonly rules: StructureRules,
		private readonly writerId?: string
	) {}

	run(): StructureReport {
		const { rules } = this;
		for (const struct of this.structs) {
			// A Skip (from merging updates with gaps) holds nothing: what follows it waits.
			if (struct instanceof Y.Skip) continue;
			const list = this.#byClient.get(struct.id.client) ?? [];
			list.push(struct);
			this.#byClient.set(struct.id.client, list);
		}
		// A gap between what the document has and the next struct cannot integrate yet.
		for (const [client, list] of this.#byClient) {
			let expected = Y.getState(this.doc.store, client);
			for (const s of list) {
				if (s.id.clock > expected) this.#missing = true;
				expected = Math.max(expected, s.id.clock + s.length);
			}
			this.#known.set(client, expected);
		}
		let newTypes = 0;
		let maxDepth = 0;
		const report = (violation: StructureViolation | null): StructureReport => ({ violation, missing: this.#missing, newTypes, maxDepth });

		for (const struct of this.structs) {
			if (!(struct instanceof Y.Item)) continue;
			if (this.#alreadyKnown(struct)) continue;
			for (const dep of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
				if (dep && !this.#has(dep)) this.#missing = true;
			}
			const { content } = struct;
			for (const [kind, label] of FOREIGN_CONTENT) if (content instanceof kind) return report({ kind: 'content-not-in-layout', content: label });
			if (content instanceof Y.ContentType && content.type.constructor === Y.XmlHook) return report({ kind: 'content-not-in-layout', content: 'xml-hook' });
			if ((content instanceof Y.ContentAny || content instanceof Y.ContentJSON) && !shallowEnough(content.arr, rules.maxValueDepth)) return report({ kind: 'value-too-deep' });
			if (content instanceof Y.ContentEmbed && !shallowEnough([content.embed], rules.maxValueDepth)) return report({ kind: 'value-too-deep' });
			if (content instanceof Y.ContentFormat && !shallowEnough([content.value], rules.maxValueDepth)) return report({ kind: 'value-too-deep' });

			const forged = this.writerId === undefined ? null : this.#forgedAuthor(struct);
			if (forged) return report({ kind: 'forged-author', key: forged });

			const root = rules.roots ? this.#rootName(struct) : null;
			if (root !== null && !rules.roots!.has(root)) return report({ kind: 'unknown-root', root });

			if (content instanceof Y.ContentType && root !== null && rules.flatRoots?.has(root)) return report({ kind: 'content-not-in-layout', content: `type under ${root}` });
			if (content instanceof Y.ContentType) {
				if (++newTypes > rules.maxNewTypes) return report({ kind: 'too-many-types', count: newTypes });
				const depth = this.#depthOfNewType(struct);
				maxDepth = Math.max(maxDepth, depth);
				if (depth > rules.maxTypeDepth) return report({ kind: 'too-deep', depth });
			}
		}
		this.#checkDeletes();
		return report(null);
	}

	/** The author key or field this item fills with someone other than the writer, if any. */
	#forgedAuthor(item: Y.Item): string | null {
		const { authorKeys, authorFields } = this.rules;
		const { content } = item;
		const parentSub = this.#parentSubOf(item);
		if (parentSub !== null && authorKeys?.has(parentSub)) {
			const own = content instanceof Y.ContentAny && content.arr.every((v) => v === this.writerId);
			// Only a new entry gets its creator: re-stamping an existing one would take it over.
			const parent = this.#parentRef(item);
			if (!own || !('item' in parent)) return parentSub;
		}
		if (authorFields && parentSub === null && (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) {
			for (const value of content.arr) {
				if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
				for (const field of authorFields) if (field in value && (value as Record<string, unknown>)[field] !== this.writerId) return field;
			}
		}
		return null;
	}

	/**
	 * The map key an item is stored under. Only an item without neighbours carries it; one that
	 * replaces a key's value has the previous value as origin, whose key it shares (as Yjs reads it).
	 */
	#parentSubOf(item: Y.Item): string | null {
		const chain: Y.Item[] = [];
		let current: Y.Item = item;
		let sub: string | null = null;
		for (;;) {
			if (this.#subOf.has(current)) {
				sub = this.#subOf.get(current)!;
				break;
			}
			chain.push(current);
			if (current.parentSub !== null || current.parent !== null) {
				sub = current.parentSub;
				break;
			}
			const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
			const next = neighbour ? this.#updateItem(neighbour) : null;
			if (neighbour && next && next !== current && chain.length < this.structs.length) {
				current = next;
				continue;
			}
			sub = neighbour && !next ? (this.#docItem(neighbour)?.parentSub ?? null) : null;
			break;
		}
		for (const c of chain) this.#subOf.set(c, sub);
		return sub;
	}

	/** Yjs skips structs the document already holds; so do we. */
	#alreadyKnown(item: Y.Item): boolean {
		return item.id.clock + item.length <= Y.getState(this.doc.store, item.id.client);
	}

	/** Is the struct holding `id` in the document, or in this update? */
	#has(id: Y.ID): boolean {
		return id.clock < Y.getState(this.doc.store, id.client) || this.#find(id) !== null;
	}

	/** Deleting what neither the document nor the update holds leaves a pending delete set. */
	#checkDeletes(): void {
		for (const [client, deletes] of this.ds.clients) {
			const known = this.#known.get(client) ?? Y.getState(this.doc.store, client);
			for (const { clock, len } of deletes) if (clock + len > known) this.#missing = true;
		}
	}

	#updateItem(id: Y.ID): Y.Item | null {
		const found = this.#find(id);
		return found instanceof Y.Item ? found : null;
	}

	#find(id: Y.ID): Y.Item | Y.GC | null {
		const list = this.#byClient.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid];
			if (id.clock < s.id.clock) hi = mid - 1;
			else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
			else return s;
		}
		return null;
	}

	#docItem(id: Y.ID): Y.Item | null {
		if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
		const found = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
		return found instanceof Y.Item ? found : null;
	}

	/**
	 * Where an item sits: a root (by name), a type already in the document, or an item of this
	 * update whose content is the parent type. An item without parent info shares its origin's
	 * parent; that chain can be long (one item per typed character), so it is walked in a loop and
	 * every item on it remembered.
	 */
	#parentRef(item: Y.Item): ParentRef {
		const chain: Y.Item[] = [];
		let current: Y.Item = item;
		let found: ParentRef;
		for (;;) {
			const known = this.#parentOf.get(current);
			if (known) {
				found = known;
				break;
			}
			chain.push(current);
			const { parent } = current;
			if (typeof parent === 'string') {
				found = { root: parent };
				break;
			}
			if (parent instanceof Y.ID) {
				const inUpdate = this.#updateItem(parent);
				if (inUpdate) found = { item: inUpdate };
				else {
					const inDoc = this.#docItem(parent);
					found = inDoc && inDoc.content instanceof Y.ContentType ? { type: inDoc.content.type } : { unknown: true };
				}
				break;
			}
			if (parent instanceof Y.AbstractType) {
				found = { type: parent };
				break;
			}
			const neighbour = current.origin ?? current.rightOrigin;
			if (!neighbour) {
				found = { unknown: true };
				break;
			}
			const next = this.#updateItem(neighbour);
			if (next && next !== current) {
				current = next;
				continue;
			}
			const inDoc = this.#docItem(neighbour);
			found = inDoc && inDoc.parent instanceof Y.AbstractType ? { type: inDoc.parent } : { unknown: true };
			break;
		}
		for (const c of chain) this.#parentOf.set(c, found);
		return found;
	}

	/** The name of the root an item ends up under, or null when it cannot be known yet. */
	#rootName(item: Y.Item): string | null {
		const chain: Y.Item[] = [];
		let current: Y.Item = item;
		let name: string | null = null;
		for (;;) {
			if (this.#rootOf.has(current)) {
				name = this.#rootOf.get(current)!;
				break;
			}
			chain.push(current);
			// Deeper than any layout (or a cycle): the depth check refuses it; no need to walk on.
			if (chain.length > this.rules.maxTypeDepth + 2) break;
			const ref = this.#parentRef(current);
			if ('root' in ref) name = ref.root;
			else if ('type' in ref) name = this.#docRootName(ref.type);
			else if ('item' in ref) {
				current = ref.item;
				continue;
			}
			break;
		}
		for (const c of chain) this.#rootOf.set(c, name);
		return name;
	}

	#docRootName(type: Y.AbstractType<unknown>): string | null {
		let t: Y.AbstractType<unknown> = type;
		while (t._item) {
			const parent = t._item.parent;
			if (!(parent instanceof Y.AbstractType)) return null;
			t = parent;
		}
		for (const [name, shared] of this.doc.share) if (shared === t) return name;
		return null;
	}

	#docTypeDepth(type: Y.AbstractType<unknown>): number {
		const known = this.#docDepth.get(type);
		if (known !== undefined) return known;
		let depth = 0;
		for (let t: Y.AbstractType<unknown> | null = type; t?._item; t = t._item.parent instanceof Y.AbstractType ? t._item.parent : null) depth++;
		this.#docDepth.set(type, depth);
		return depth;
	}

	/** Depth of the type an item of this update creates; iterative, as the chain may be very long. */
	#depthOfNewType(item: Y.Item): number {
		const chain: Y.Item[] = [];
		let current: Y.Item = item;
		let base = 0;
		for (;;) {
			const known = this.#typeDepth.get(current);
			if (known !== undefined) {
				base = known;
				break;
			}
			chain.push(current);
			// Past the limit the exact figure no longer matters; stop walking a hostile chain.
			if (chain.length > this.rules.maxTypeDepth + 1) {
				base = 0;
				break;
			}
			const ref = this.#parentRef(current);
			if ('item' in ref && ref.item.content instanceof Y.ContentType) {
				current = ref.item;
				continue;
			}
			base = 'type' in ref ? this.#docTypeDepth(ref.type) : 0;
			break;
		}
		// chain[0] is `item`; the last entry sits directly in `base`.
		for (let i = chain.length - 1; i >= 0; i--) this.#typeDepth.set(chain[i], base + (chain.length - i));
		return this.#typeDepth.get(item)!;
	}
}

/** Is every value at most `max` levels of arrays/objects deep? Iterative: the value may be hostile. */
function shallowEnough(values: unknown[], max: number): boolean {
	const stack: Array<[unknown, number]> = values.map((v) => [v, 0]);
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (value === null || typeof value !== 'object') continue;
		if (depth >= max) return false;
		const children = Array.isArray(value) ? value : value instanceof Uint8Array ? [] : Object.values(value);
		for (const child of children) stack.push([child, depth + 1]);
	}
	return true;
}
