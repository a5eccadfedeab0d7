import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addComment, addThread, setResolved } from '../../src/lib/domain/comments-doc';
import { addPerspective, perspectiveText, removePerspective, setText, summaryText, voicesChangeAllowed, type Author } from '../../src/lib/domain/voices-doc';
import type { BoardRole } from '../../src/lib/domain/roles';
import { decideWrite, DenyReason, type Writer } from './write-policy';
import { addAsk, answerAsk, giveFeedback, listFeedback } from '../../src/lib/domain/board-voices-doc';
import { inspectUpdate } from '../../src/lib/domain/update-structure';
import { STRUCTURE_RULES } from '../../src/lib/domain/doc-structure-rules';
import { addAgendaItem, setCurrentItem } from '../../src/lib/domain/meeting-doc';
import { askForFloor, giveFloor, readFloor } from '../../src/lib/domain/speaker-list';

const anna: Author = { id: 'anna', name: 'Anna', agencyId: 'brukar', agencyName: 'Brukarföreningen' };
const bo: Author = { id: 'bo', name: 'Bo', agencyId: 'soc', agencyName: 'Socialtjänsten' };

/** A server doc with Bo's perspective, and a client replica of it. */
function voices() {
	const server = new Y.Doc();
	const bosId = addPerspective(server, 'item1', bo, 'Boendet behöver fler platser');
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return { server, client, bosId };
}

/** The update a change on the client produces. */
function change(client: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(client);
	edit(client);
	return Y.encodeStateAsUpdate(client, before);
}

const people: Record<string, Author> = { anna, bo, karin: { id: 'karin', name: 'Karin', agencyId: 'soc', agencyName: 'Socialtjänsten' } };
/** A writer as the server admits them: the identity comes from the server's record of the user. */
const writer = (userId: string, role: BoardRole | undefined, access: 'write' | 'read' = 'write'): Writer => {
	const { name, agencyId, agencyName } = people[userId];
	return { userId, role, access, identity: { name, agencyId, agencyName } };
};
const ALLOWED = { allowed: true };
const NOT_AUTHOR = { allowed: false, reason: DenyReason.notAuthor };
const FORGED = { allowed: false, reason: 'forged-identity' };

describe('decideWrite', () => {
	it('refuses every update from a read-only connection, whatever the document', () => {
		const { server, client } = voices();
		const update = change(client, (d) => addPerspective(d, 'item1', anna, 'Min röst'));
		for (const kind of ['board', 'meeting', 'voices'] as const) {
			expect(decideWrite(writer('anna', 'owner', 'read'), kind, server, update)).toEqual({ allowed: false, reason: 'read-only' });
		}
	});

	it('lets writers of meeting and board documents write anything there', () => {
		const doc = new Y.Doc();
		const update = change(new Y.Doc(), (d) => d.getText('minutes').insert(0, '§ 1'));
		expect(decideWrite(writer('anna', 'editor'), 'meeting', doc, update)).toEqual(ALLOWED);
		expect(decideWrite(writer('anna', 'editor'), 'board', doc, update)).toEqual(ALLOWED);
	});

	it('lets a contributor add, edit and remove their own perspective and write their own summary', () => {
		const { server, client } = voices();
		const add = change(client, (d) => addPerspective(d, 'item1', anna, 'Vi vill bli lyssnade på', new Date(), 'p-anna'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, add)).toEqual(ALLOWED);
		Y.applyUpdate(server, add);
		const edit = change(client, (d) => setText(perspectiveText(d, 'p-anna'), 'Vi vill bli lyssnade på, på riktigt'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, edit)).toEqual(ALLOWED);
		Y.applyUpdate(server, edit);
		const summary = change(client, (d) => summaryText(d, anna).insert(0, 'Sammanfattning'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, summary)).toEqual(ALLOWED);
		const remove = change(client, (d) => removePerspective(d, 'p-anna'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, remove)).toEqual(ALLOWED);
	});

	it("refuses a contributor's or an editor's change to someone else's perspective", () => {
		for (const role of ['contributor', 'editor', undefined] as const) {
			const { server, client, bosId } = voices();
			const edit = change(client, (d) => perspectiveText(d, bosId).insert(0, 'INTE MINA ORD '));
			expect(decideWrite(writer('anna', role), 'voices', server, edit), String(role)).toEqual(NOT_AUTHOR);
			const { server: s2, client: c2, bosId: id2 } = voices();
			const remove = change(c2, (d) => removePerspective(d, id2));
			expect(decideWrite(writer('anna', role), 'voices', s2, remove), String(role)).toEqual(NOT_AUTHOR);
		}
	});

	it("refuses a perspective or summary written in someone else's name", () => {
		const { server, client } = voices();
		const forged = change(client, (d) => addPerspective(d, 'item1', bo, 'Låtsas vara Bo'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, forged)).toEqual(NOT_AUTHOR);
		const other = voices();
		const summary = change(other.client, (d) => summaryText(d, bo).insert(0, 'Bos sammanfattning'));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', other.server, summary)).toEqual(NOT_AUTHOR);
	});

	it("refuses an entry under the writer's own id that shows someone else's name or agency, from a contributor and the owner alike", () => {
		const posing: Array<[string, Partial<Author>]> = [
			['name', { name: 'Bo' }],
			['agency', { agencyId: 'soc', agencyName: 'Socialtjänsten' }],
			['agency name only', { agencyName: 'Kommunstyrelsen' }]
		];
		for (const role of ['contributor', 'owner'] as const) {
			for (const [what, claim] of posing) {
				const { server, client } = voices();
				const forged = change(client, (d) => addPerspective(d, 'item1', { ...anna, ...claim }, 'Låtsas vara någon annan'));
				expect(decideWrite(writer('anna', role), 'voices', server, forged), `${role}: ${what}`).toEqual(FORGED);
				const other = voices();
				const summary = change(other.client, (d) => summaryText(d, { ...anna, ...claim }).insert(0, 'Sammanfattning'));
				expect(decideWrite(writer('anna', role), 'voices', other.server, summary), `${role}: summary ${what}`).toEqual(FORGED);
			}
		}
	});

	it("refuses renaming an existing entry, the owner's rename of someone else's too", () => {
		const { server, client, bosId } = voices();
		const renamed = change(client, (d) => d.getMap<Y.Map<unknown>>('perspectives').get(bosId)!.set('authorName', 'Anna'));
		expect(decideWrite(writer('bo', 'contributor'), 'voices', server, renamed)).toEqual(FORGED);
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, renamed)).toEqual(FORGED);
		const other = voices();
		const taken = change(other.client, (d) => {
			const entry = d.getMap<Y.Map<unknown>>('perspectives').get(other.bosId)!;
			for (const [key, value] of Object.entries({ authorId: 'anna', authorName: 'Anna', agencyId: 'brukar', agencyName: 'Brukarföreningen' })) entry.set(key, value);
		});
		expect(decideWrite(writer('anna', 'owner'), 'voices', other.server, taken), "the owner takes Bo's words as hers").toEqual(FORGED);
	});

	it("refuses the owner writing a new entry in another member's name, even with that member's true record", () => {
		const { server, client } = voices();
		const onBehalf = change(client, (d) => addPerspective(d, 'item1', bo, 'Bo sa så här'));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, onBehalf)).toEqual(FORGED);
		const other = voices();
		const summary = change(other.client, (d) => summaryText(d, bo).insert(0, 'Bos sammanfattning'));
		expect(decideWrite(writer('anna', 'owner'), 'voices', other.server, summary)).toEqual(FORGED);
	});

	it('refuses a summary kept under a key other than its author', () => {
		const { server, client } = voices();
		const misplaced = change(client, (d) => {
			const entry = new Y.Map<unknown>();
			d.getMap('summaries').set('bo', entry);
			for (const [key, value] of Object.entries({ authorId: 'anna', authorName: 'Anna', agencyId: 'brukar', agencyName: 'Brukarföreningen' })) entry.set(key, value);
			entry.set('text', new Y.Text('Under fel nyckel'));
		});
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, misplaced)).not.toEqual(ALLOWED);
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, misplaced)).not.toEqual(ALLOWED);
	});

	it("lets the author and the owner edit an entry whose stored name is older than the author's current record", () => {
		const { server, client, bosId } = voices();
		const renamedBo = { ...people.bo, name: 'Bo Ek' };
		const edit = change(client, (d) => perspectiveText(d, bosId).insert(0, 'Tillägg: '));
		expect(decideWrite({ ...writer('bo', 'contributor'), identity: { ...writer('bo', 'contributor').identity, name: renamedBo.name } }, 'voices', server, edit)).toEqual(ALLOWED);
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, edit)).toEqual(ALLOWED);
	});

	it('lets the owner remove a malformed entry (not a map) that a client stored earlier', () => {
		const { server, client } = voices();
		server.getMap('perspectives').set('junk', 'inte en karta' as never);
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const remove = change(client, (d) => d.getMap('perspectives').delete('junk'));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, remove)).toEqual(ALLOWED);
		const write = change(client, (d) => d.getMap('perspectives').set('junk2', 42 as never));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, write)).not.toEqual(ALLOWED);
	});

	it("refuses a planted delete of someone else's text once that text has arrived", () => {
		const { server, client, bosId } = voices();
		// Bo writes more (not yet on the server); the attacker has seen it and deletes it.
		const bosClient = new Y.Doc();
		Y.applyUpdate(bosClient, Y.encodeStateAsUpdate(server));
		const bosMore = change(bosClient, (d) => perspectiveText(d, bosId).insert(0, 'Framtida ord. '));
		Y.applyUpdate(client, bosMore);
		const planted = change(client, (d) => perspectiveText(d, bosId).delete(0, 14));
		// Before Bo's words arrive the delete refers to content the server lacks: the connection
		// holds it back (inspectUpdate reports it missing) instead of letting Yjs keep it pending…
		expect(inspectUpdate(server, planted, STRUCTURE_RULES.voices).missing).toBe(true);
		// …and once they have arrived, the entry check sees whose words it deletes.
		Y.applyUpdate(server, bosMore);
		expect(inspectUpdate(server, planted, STRUCTURE_RULES.voices).missing).toBe(false);
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, planted)).toEqual(NOT_AUTHOR);
	});

	it("lets the owner change or remove anyone's perspective", () => {
		const { server, client, bosId } = voices();
		const edit = change(client, (d) => perspectiveText(d, bosId).insert(0, 'Redigerat: '));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, edit)).toEqual(ALLOWED);
		Y.applyUpdate(server, edit);
		const remove = change(client, (d) => removePerspective(d, bosId));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, remove)).toEqual(ALLOWED);
	});

	it('refuses anyone, the owner too, writing outside the voices roots', () => {
		const { server, client } = voices();
		const stray = change(client, (d) => d.getText('minutes').insert(0, 'fel dokument'));
		expect(decideWrite(writer('anna', 'owner'), 'voices', server, stray)).toEqual(NOT_AUTHOR);
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, stray)).toEqual(NOT_AUTHOR);
	});

	it('allows an update that changes nothing (a sync step 2 with nothing new)', () => {
		const { server, client } = voices();
		const empty = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
		expect(decideWrite(writer('anna', 'contributor'), 'voices', server, empty)).toEqual(ALLOWED);
	});

	it('does not modify the live document', () => {
		const { server, client, bosId } = voices();
		const before = Y.encodeStateAsUpdate(server);
		decideWrite(writer('anna', 'owner'), 'voices', server, change(client, (d) => removePerspective(d, bosId)));
		expect(Y.encodeStateAsUpdate(server)).toEqual(before);
	});

	it('comments: every role writes its own, only owners and editors resolve, nobody changes another’s', () => {
		const server = new Y.Doc();
		const threadId = addThread(server, bo, { itemId: 'i1', anchor: { kind: 'decision', decisionId: 'd1' }, quote: 'q', text: 'Bo frågar' });
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const reply = change(client, (d) => addComment(d, threadId, anna, 'Anna svarar'));
		for (const role of ['viewer', 'contributor', 'editor', 'owner'] as const) expect(decideWrite(writer('anna', role), 'comments', server, reply)).toEqual(ALLOWED);
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
		const resolve = change(fresh, (d) => setResolved(d, threadId, { id: 'anna', name: 'Anna' }));
		expect(decideWrite(writer('anna', 'contributor'), 'comments', server, resolve)).toEqual({ allowed: false, reason: 'not-editor' });
		expect(decideWrite(writer('anna', 'editor'), 'comments', server, resolve)).toEqual(ALLOWED);
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
		const meddle = change(other, (d) => ((d.getMap('comments').values().next().value as Y.Map<Y.Text>).get('text') as Y.Text).insert(0, 'Nej: '));
		expect(decideWrite(writer('anna', 'editor'), 'comments', server, meddle)).toEqual(NOT_AUTHOR);
		expect(decideWrite(writer('anna', 'viewer', 'read'), 'comments', server, reply)).toEqual({ allowed: false, reason: 'read-only' });
	});
});

describe('decideWrite on a board voices document (issue 12: asks, answers, feedback)', () => {
	const withKind = (w: Writer, agencyKind: Writer['agencyKind']): Writer => ({ ...w, agencyKind });
	it('lets a viewer ask, refuses their answer (not-answerer) and a social worker’s feedback (not-user-association)', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const ask = change(client, (d) => addAsk(d, anna, { kind: 'item', text: 'Punkt' }, new Date(), 'ask1'));
		expect(decideWrite(withKind(writer('anna', 'viewer'), 'user_association'), 'boardVoices', server, ask)).toEqual(ALLOWED);
		Y.applyUpdate(server, ask);
		const answer = change(client, (d) => answerAsk(d, anna, { askId: 'ask1', outcome: 'declined', reason: 'nej' }));
		expect(decideWrite(withKind(writer('anna', 'contributor'), 'user_association'), 'boardVoices', server, answer)).toEqual({ allowed: false, reason: DenyReason.notAnswerer });
		const boAnswers = change(new Y.Doc(), (d) => {
			Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
			answerAsk(d, bo, { askId: 'ask1', outcome: 'declined', reason: 'nej' });
		});
		expect(decideWrite(withKind(writer('bo', 'editor'), 'social_services'), 'boardVoices', server, boAnswers)).toEqual(ALLOWED);
		// From a replica of what the server holds (the refused answer above never reached it).
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
		const feedback = change(fresh, (d) => giveFeedback(d, bo, { actionId: 'a1', effect: 'worked', comment: '' }));
		expect(decideWrite(withKind(writer('bo', 'owner'), 'social_services'), 'boardVoices', server, feedback)).toEqual({ allowed: false, reason: DenyReason.notUserAssociation });
		const annas = new Y.Doc();
		Y.applyUpdate(annas, Y.encodeStateAsUpdate(server));
		const hers = change(annas, (d) => giveFeedback(d, anna, { actionId: 'a1', effect: 'partly', comment: 'ok' }));
		expect(decideWrite(withKind(writer('anna', 'viewer'), 'user_association'), 'boardVoices', server, hers)).toEqual(ALLOWED);
		Y.applyUpdate(server, hers);
		expect(listFeedback(server)).toHaveLength(1);
	});
});

describe('decideWrite: the speaker list of the meeting document (issue 14, point 5)', () => {
	/** A server meeting doc with one item and Bo's ask, and a client replica of it. */
	function meeting() {
		const server = new Y.Doc();
		const itemId = addAgendaItem(server, { title: 'Lägesbild' });
		const bosAsk = askForFloor(server, { userId: 'bo', name: 'Bo', agencyId: 'soc' });
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		return { server, client, itemId, bosAsk };
	}

	it('a contributor asks in their own name as the server records it; anything else is refused', () => {
		const { server, client } = meeting();
		const contributor = writer('anna', 'contributor');
		expect(decideWrite(contributor, 'meeting', server, change(client, (d) => askForFloor(d, { userId: 'anna', name: 'Anna', agencyId: 'brukar' })))).toEqual(ALLOWED);
		// Each refused change on a fresh replica: the server never took the one before it.
		const judged = (edit: (doc: Y.Doc, m: ReturnType<typeof meeting>) => unknown) => {
			const m = meeting();
			return decideWrite(contributor, 'meeting', m.server, change(m.client, (d) => edit(d, m)));
		};
		expect(judged((d) => askForFloor(d, { userId: 'karin', name: 'Karin', agencyId: 'soc' }))).toEqual(NOT_AUTHOR);
		expect(judged((d) => askForFloor(d, { userId: 'anna', name: 'Ordföranden', agencyId: 'brukar' }))).toEqual(FORGED);
		expect(judged((d, m) => setCurrentItem(d, m.itemId))).toEqual(NOT_AUTHOR);
		expect(judged((d, m) => giveFloor(d, m.bosAsk))).toEqual(NOT_AUTHOR);
	});

	it('editors (the chair, the secretary) manage anyone’s place; viewers write nothing', () => {
		const { server, client, bosAsk } = meeting();
		const update = change(client, (d) => giveFloor(d, bosAsk));
		expect(decideWrite(writer('karin', 'editor'), 'meeting', server, update)).toEqual(ALLOWED);
		expect(decideWrite(writer('karin', 'viewer', 'read'), 'meeting', server, update)).toEqual({ allowed: false, reason: 'read-only' });
		expect(readFloor(server).speaking).toBeNull(); // judged, not applied
	});
});
