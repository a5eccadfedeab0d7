/**
 * The editing state of a short list whose entries are added from a form below it, changed in
 * place and removed after a confirmation (the decisions and the user perspectives under a §).
 * One entry is edited at a time; after saving or cancelling, focus returns to that entry's
 * button marked `data-focus-after-edit`; after a removal, to the add field (or, cancelled, to the
 * entry). The component renders; what adding, saving and removing write is given by it.
 */
/** What the owning component writes when an entry is added, saved or removed. */
export interface ListWrites<T> {
	add: (text: string) => void;
	save: (entry: T, text: string) => void;
	remove: (entry: T) => void;
}

export class ListEditor<T extends { id: string }> {
	/** the text typed into the add form */
	draft = $state('');
	/** the confirmation dialog for `removing` is open */
	confirmOpen = $state(false);
	/** the list element (bind:this), to find an entry's button again after it re-rendered */
	list = $state<HTMLElement | null>(null);
	/** the add form's text field (bind:this) */
	addInput = $state<HTMLTextAreaElement | null>(null);

	#editingId = $state<string | null>(null);
	#removing = $state<T | null>(null);
	#draftError = $state(false);
	#entryAttribute: string;
	#write: ListWrites<T>;

	/**
	 * @param entryAttribute the attribute that carries an entry's id on its list element (`data-decision-id`)
	 */
	constructor(entryAttribute: string, write: ListWrites<T>) {
		this.#entryAttribute = entryAttribute;
		this.#write = write;
	}

	get editingId(): string | null {
		return this.#editingId;
	}

	get removing(): T | null {
		return this.#removing;
	}

	/** the add form was sent empty */
	get draftError(): boolean {
		return this.#draftError;
	}

	startEdit(entry: T): void {
		this.#editingId = entry.id;
	}

	cancelEdit(): void {
		const id = this.#editingId;
		this.#editingId = null;
		if (id) this.#focusEntry(id);
	}

	saveEdit(entry: T, text: string): void {
		this.#write.save(entry, text);
		this.#editingId = null;
		this.#focusEntry(entry.id);
	}

	/** The add form's submit handler: an empty text is an error on the field, not an entry. */
	add = (event: SubmitEvent): void => {
		event.preventDefault();
		if (!this.draft.trim()) {
			this.#draftError = true;
			this.addInput?.focus();
			return;
		}
		this.#write.add(this.draft);
		this.draft = '';
		this.#draftError = false;
	};

	askRemove(entry: T): void {
		this.#removing = entry;
		this.confirmOpen = true;
	}

	/** The dialog's confirm. */
	confirmRemove = (): void => {
		if (this.#removing) this.#write.remove(this.#removing);
	};

	/** The dialog closed: focus goes where the person can carry on. */
	closed = (confirmed: boolean): void => {
		if (confirmed || !this.#removing) this.addInput?.focus();
		else this.#focusEntry(this.#removing.id);
	};

	#focusEntry(id: string): void {
		queueMicrotask(() => this.list?.querySelector<HTMLElement>(`[${this.#entryAttribute}="${id}"] [data-focus-after-edit]`)?.focus());
	}
}
