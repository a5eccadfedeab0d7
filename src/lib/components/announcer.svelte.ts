import { tick } from 'svelte';

/**
 * The words of one polite live region (`<p role="status">{announcer.text}</p>`, on the page
 * before anything is said, or screen readers miss the first message). The text is emptied first,
 * so the same sentence twice in a row ("Link created" for a second link) is read twice.
 */
export class Announcer {
	#text = $state('');

	get text(): string {
		return this.#text;
	}

	async say(message: string): Promise<void> {
		this.#text = '';
		await tick();
		this.#text = message;
	}
}
