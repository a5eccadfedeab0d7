import { floorAccess } from '$lib/domain/permissions';
import { askForFloor, endTurn, floorView, giveFloor, moveInQueue, spokenNow, withdrawAsk, type FloorView, type SpeakerEntry } from '$lib/domain/speaker-list';
import type { MeetingRoom } from './meeting-room.svelte';

/**
 * The meeting's speaker list as the page uses it (issue 14, point 5): the view read from the
 * room's meeting document, who may ask and who may manage, the writes, and a clock that ticks
 * only while someone holds the floor (the live "time spoken" counters). Kept beside the room, not
 * in it, so pages that do not show the list carry none of it.
 */
export class Floor {
	readonly #room: MeetingRoom;
	#now = $state(new Date());

	constructor(room: MeetingRoom) {
		this.#room = room;
	}

	get view(): FloorView {
		return floorView(this.#room.meeting?.speakers ?? []);
	}

	/** Now, to the second, while the clock runs (`runClock`). */
	get now(): Date {
		return this.#now;
	}

	/** Starts the clock that moves the live counters; returns its stop. */
	runClock(): () => void {
		this.#now = new Date();
		const timer = setInterval(() => (this.#now = new Date()), 1000);
		return () => clearInterval(timer);
	}

	/** Seconds `userId` has spoken in this meeting, the turn in progress included. */
	spoken(userId: string): number {
		return spokenNow(this.view, userId, this.#now);
	}

	/** Seconds of the turn in progress. */
	get turnSeconds(): number {
		const speaking = this.view.speaking;
		return speaking ? Math.max(0, Math.round((this.#now.getTime() - Date.parse(speaking.startedAt!)) / 1000)) : 0;
	}

	/** Writers of the meeting, and contributors while they may write perspectives (permissions.ts). */
	get mayAsk(): boolean {
		const room = this.#room;
		return floorAccess({ meeting: room.mayEditMeeting ? 'write' : 'read', voices: room.mayWriteVoices ? 'write' : 'read' }, room.role) === 'write';
	}

	get canAsk(): boolean {
		return this.mayAsk && !!this.#room.meetingSession?.connection.canWrite;
	}

	/** The chair or the secretary (or, with no chair chosen, any editor), connected. */
	get canManage(): boolean {
		return this.#room.canSetCurrentItem;
	}

	/** This person's ask or turn in progress, if any. */
	get mine(): SpeakerEntry | null {
		const id = this.#room.user.id;
		const { speaking, queue } = this.view;
		return speaking?.userId === id ? speaking : (queue.find((e) => e.userId === id) ?? null);
	}

	/** 1-based place of this person's ask in the queue (0: not waiting). */
	get myPlace(): number {
		const mine = this.mine;
		return mine && !mine.startedAt ? this.view.queue.findIndex((e) => e.id === mine.id) + 1 : 0;
	}

	/** A name as the board knows the person; the one written with the ask only for someone not on it. */
	nameOf(entry: SpeakerEntry): string {
		return this.#room.memberName(entry.userId) ?? entry.name;
	}

	agencyOf(entry: SpeakerEntry) {
		const member = this.#room.members.find((p) => p.id === entry.userId);
		return member?.agency ?? this.#room.agency(entry.agencyId);
	}

	ask(): void {
		if (!this.canAsk) return;
		// Exactly the identity the server records: it refuses a contributor's ask that shows another.
		const { id, name, agencyId } = this.#room.author;
		askForFloor(this.#room.meetingDoc, { userId: id, name, agencyId });
	}

	withdraw(): void {
		const mine = this.mine;
		if (this.canAsk && mine && !mine.startedAt) withdrawAsk(this.#room.meetingDoc, mine.id);
	}

	/**
	 * The chair adds someone present to the list: a member of the board, or a guest of the meeting
	 * (attendance's guests, by their id there; their agency is the board's of that name, if any).
	 */
	add(userId: string): void {
		if (!this.canManage) return;
		const person = this.#room.members.find((p) => p.id === userId);
		if (person) return void askForFloor(this.#room.meetingDoc, { userId: person.id, name: person.name, agencyId: person.agencyId });
		const guest = this.#room.meeting?.guests.find((g) => g.id === userId);
		const agencyId = this.#room.agencies.find((a) => a.name === guest?.agency)?.id ?? null;
		if (guest) askForFloor(this.#room.meetingDoc, { userId: guest.id, name: guest.name, agencyId });
	}

	give(entryId: string): void {
		if (this.canManage) giveFloor(this.#room.meetingDoc, entryId);
	}

	end(): void {
		if (this.canManage) endTurn(this.#room.meetingDoc);
	}

	move(entryId: string, direction: 'up' | 'down'): boolean {
		return this.canManage && moveInQueue(this.#room.meetingDoc, entryId, direction);
	}

	remove(entryId: string): void {
		if (this.canManage) withdrawAsk(this.#room.meetingDoc, entryId);
	}
}
