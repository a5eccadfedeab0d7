import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addComment,
	addThread,
	editComment,
	eraseCommentAuthorName,
	judgeCommentsChange,
	listThreads,
	MAX_COMMENT_LENGTH,
	quoteOf,
	setResolved,
	withdrawComment,
	type CommentAnchor
} from './comments-doc';
import { decodeAnchorPosition, encodeAnchorPosition } from './comment-anchor';

const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen' };
const erik = { id: 'erik', name: 'Erik Nilsson', agencyId: 'soc', agencyName: 'Socialtjänsten' };
const contributor = { mayResolve: false, mayRemoveOthers: false };
const editor = { mayResolve: true, mayRemoveOthers: false };
const anchor: CommentAnchor = { kind: 'decision', decisionId: 'd1' };

/** The update a client would send after making `change` on its own replica of `base`. */
function updateFrom(base: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

function withThread(): { doc: Y.Doc; threadId: string } {
	const doc = new Y.Doc();
	const threadId = addThread(doc, maria, { itemId: 'i1', anchor, quote: 'Beslut 1', text: 'Vad betyder det här?' });
	return { doc, threadId };
}

describe('comment threads', () => {
	it('list a thread with its replies, author and agency, oldest first', () => {
		const doc = new Y.Doc();
		const id = addThread(doc, maria, { itemId: 'i1', anchor, quote: '  a  long\n passage ', text: ' Första. ' }, new Date('2026-11-30T10:00:00Z'));
		addComment(doc, id, erik, 'Svar.', new Date('2026-11-30T10:05:00Z'));
		const [thread] = listThreads(doc);
		expect(thread.quote).toBe('a long passage');
		expect(thread.anchor).toEqual(anchor);
		expect(thread.comments.map((c) => [c.authorName, c.agencyName, c.text])).toEqual([
			['Maria Johansson', 'Brukarföreningen', 'Första.'],
			['Erik Nilsson', 'Socialtjänsten', 'Svar.']
		]);
		expect(thread.resolved).toBeNull();
	});

	it('cap the quote', () => {
		expect(quoteOf('x'.repeat(500))).toHaveLength(200);
	});

	it('lose the name of an erased author, keep the agency', () => {
		const { doc, threadId } = withThread();
		setResolved(doc, threadId, { id: 'maria', name: maria.name });
		expect(eraseCommentAuthorName(doc, 'maria')).toBe(3);
		const [thread] = listThreads(doc);
		expect([thread.authorName, thread.agencyName, thread.comments[0].authorName, thread.resolved?.byName]).toEqual(['', 'Brukarföreningen', '', '']);
	});
});

describe('judgeCommentsChange', () => {
	it('lets anyone open a thread in their own name', () => {
		const doc = new Y.Doc();
		const update = updateFrom(doc, (r) => addThread(r, erik, { itemId: 'i1', anchor, quote: 'q', text: 'Hej' }));
		expect(judgeCommentsChange(doc, update, erik, contributor)).toBe('allowed');
	});

	it('lets anyone reply in their own name', () => {
		const { doc, threadId } = withThread();
		const update = updateFrom(doc, (r) => addComment(r, threadId, erik, 'Svar'));
		expect(judgeCommentsChange(doc, update, erik, contributor)).toBe('allowed');
	});

	it('lets the author edit their own comment', () => {
		const { doc } = withThread();
		const update = updateFrom(doc, (r) => (r.getMap<Y.Map<Y.Text>>('comments').values().next().value!.get('text') as Y.Text).insert(0, 'Ja. '));
		expect(judgeCommentsChange(doc, update, maria, contributor)).toBe('allowed');
	});

	it("refuses changing someone else's comment, even for an editor", () => {
		const { doc } = withThread();
		const update = updateFrom(doc, (r) => (r.getMap<Y.Map<Y.Text>>('comments').values().next().value!.get('text') as Y.Text).insert(0, 'Nej. '));
		expect(judgeCommentsChange(doc, update, erik, editor)).toBe('not-author');
	});

	it("refuses removing someone else's comment, but the owner may", () => {
		const { doc } = withThread();
		const id = [...doc.getMap('comments').keys()][0];
		const update = updateFrom(doc, (r) => r.getMap('comments').delete(id));
		expect(judgeCommentsChange(doc, update, erik, editor)).toBe('not-author');
		expect(judgeCommentsChange(doc, update, erik, { mayResolve: true, mayRemoveOthers: true })).toBe('allowed');
	});

	it("refuses moving someone else's anchor", () => {
		const { doc, threadId } = withThread();
		const update = updateFrom(doc, (r) => (r.getMap('threads').get(threadId) as Y.Map<unknown>).set('anchor', { kind: 'decision', decisionId: 'd2' }));
		expect(judgeCommentsChange(doc, update, erik, editor)).toBe('not-author');
		expect(judgeCommentsChange(doc, update, maria, contributor)).toBe('allowed');
	});

	it('refuses a forged identity', () => {
		const doc = new Y.Doc();
		const asMaria = updateFrom(doc, (r) => addThread(r, maria, { itemId: 'i1', anchor, quote: 'q', text: 'Hej' }));
		expect(judgeCommentsChange(doc, asMaria, erik, contributor)).toBe('forged-identity');
		const otherAgency = updateFrom(doc, (r) => addThread(r, { ...erik, agencyName: 'Kommunstyrelsen' }, { itemId: 'i1', anchor, quote: 'q', text: 'Hej' }));
		expect(judgeCommentsChange(doc, otherAgency, erik, contributor)).toBe('forged-identity');
		const { doc: d2, threadId } = withThread();
		const reply = updateFrom(d2, (r) => addComment(r, threadId, { ...erik, name: 'Someone Else' }, 'Svar'));
		expect(judgeCommentsChange(d2, reply, erik, contributor)).toBe('forged-identity');
	});

	it('refuses a contributor resolving a thread, even their own', () => {
		const { doc, threadId } = withThread();
		const update = updateFrom(doc, (r) => setResolved(r, threadId, { id: 'maria', name: maria.name }));
		expect(judgeCommentsChange(doc, update, maria, contributor)).toBe('not-editor');
	});

	it('lets an editor resolve and reopen a thread in their own name', () => {
		const { doc, threadId } = withThread();
		const resolve = updateFrom(doc, (r) => setResolved(r, threadId, { id: 'erik', name: erik.name }));
		expect(judgeCommentsChange(doc, resolve, erik, editor)).toBe('allowed');
		const forged = updateFrom(doc, (r) => setResolved(r, threadId, { id: 'maria', name: maria.name }));
		expect(judgeCommentsChange(doc, forged, erik, editor)).toBe('forged-identity');
		Y.applyUpdate(doc, resolve);
		const reopen = updateFrom(doc, (r) => setResolved(r, threadId, null));
		expect(judgeCommentsChange(doc, reopen, erik, editor)).toBe('allowed');
		expect(judgeCommentsChange(doc, reopen, maria, contributor)).toBe('not-editor');
	});

	it('refuses entries outside the layout', () => {
		const { doc, threadId } = withThread();
		expect(judgeCommentsChange(doc, updateFrom(doc, (r) => r.getMap('meta').set('x', 1)), maria, editor)).toBe('invalid-entry');
		expect(judgeCommentsChange(doc, updateFrom(doc, (r) => r.getMap('comments').set('x', 'plain')), maria, editor)).toBe('invalid-entry');
		expect(judgeCommentsChange(doc, updateFrom(doc, (r) => addComment(r, 'no-such-thread', maria, 'x')), maria, editor)).toBe('invalid-entry');
		expect(judgeCommentsChange(doc, updateFrom(doc, (r) => addComment(r, threadId, maria, 'x'.repeat(MAX_COMMENT_LENGTH + 1))), maria, editor)).toBe(
			'invalid-entry'
		);
		const quote = updateFrom(doc, (r) => (r.getMap('threads').get(threadId) as Y.Map<unknown>).set('quote', 'q'.repeat(5000)));
		expect(judgeCommentsChange(doc, quote, maria, editor)).toBe('invalid-entry');
	});
});

describe('editing and withdrawing one’s own comment', () => {
	const at = (minute: number) => new Date(`2026-11-30T10:${String(minute).padStart(2, '0')}:00Z`);
	function conversation() {
		const doc = new Y.Doc();
		const threadId = addThread(doc, maria, { itemId: 'i1', anchor, quote: 'q', text: 'Vad kostar det?' }, at(0));
		const reply = addComment(doc, threadId, erik, 'Hundra kronor.', at(5));
		const [first] = listThreads(doc)[0].comments;
		return { doc, threadId, opening: first.id, reply };
	}
	const shown = (doc: Y.Doc) => listThreads(doc).map((t) => t.comments.map((c) => (c.removed ? '(removed)' : c.text)));

	it('edits the text in place and says when', () => {
		const { doc, opening } = conversation();
		editComment(doc, opening, '  Vad kostar det per år? ', at(7));
		const [comment] = listThreads(doc)[0].comments;
		expect([comment.text, comment.editedAt, comment.removed]).toEqual(['Vad kostar det per år?', at(7).toISOString(), false]);
		expect(listThreads(doc)[0].comments[1].editedAt).toBeNull();
	});

	it('merges an edit made at the same time on another device, and keeps emoji whole', () => {
		const { doc, opening } = conversation();
		editComment(doc, opening, 'Vad kostar det 😀?');
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		editComment(doc, opening, 'Vad kostar det 😃?');
		editComment(other, opening, 'Vad kostar det 😀? Tack.');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
		expect(listThreads(doc)[0].comments[0].text).toBe('Vad kostar det 😃? Tack.');
	});

	it('leaves a mark in place of a withdrawn comment that replies follow', () => {
		const { doc, opening } = conversation();
		withdrawComment(doc, opening, 'maria');
		expect(shown(doc)).toEqual([['(removed)', 'Hundra kronor.']]);
		expect(listThreads(doc)[0].comments[0].text).toBe('');
	});

	it('removes a withdrawn last reply outright', () => {
		const { doc, reply } = conversation();
		withdrawComment(doc, reply, 'erik');
		expect(shown(doc)).toEqual([['Vad kostar det?']]);
		expect(doc.getMap('comments').has(reply)).toBe(false);
	});

	it('removes one’s own thread when nothing of it is left to show', () => {
		const { doc, threadId, opening, reply } = conversation();
		withdrawComment(doc, opening, 'maria');
		withdrawComment(doc, reply, 'erik');
		// Erik may not remove Maria's mark or thread: it stays in the document, hidden.
		expect(shown(doc)).toEqual([]);
		expect(doc.getMap('threads').has(threadId)).toBe(true);
		const alone = new Y.Doc();
		const own = addThread(alone, maria, { itemId: 'i1', anchor, quote: 'q', text: 'Ensam.' });
		withdrawComment(alone, listThreads(alone)[0].comments[0].id, 'maria');
		expect([alone.getMap('threads').has(own), alone.getMap('comments').size]).toEqual([false, 0]);
	});

	it('is what the server lets the author do, and nobody else', () => {
		const { doc, opening, reply } = conversation();
		const edit = updateFrom(doc, (r) => editComment(r, opening, 'Ny text'));
		expect(judgeCommentsChange(doc, edit, maria, contributor)).toBe('allowed');
		expect(judgeCommentsChange(doc, edit, erik, editor)).toBe('not-author');
		const mark = updateFrom(doc, (r) => withdrawComment(r, opening, 'maria'));
		expect(judgeCommentsChange(doc, mark, maria, contributor)).toBe('allowed');
		expect(judgeCommentsChange(doc, mark, erik, editor)).toBe('not-author');
		const gone = updateFrom(doc, (r) => withdrawComment(r, reply, 'erik'));
		expect(judgeCommentsChange(doc, gone, erik, contributor)).toBe('allowed');
		const alone = new Y.Doc();
		addThread(alone, maria, { itemId: 'i1', anchor, quote: 'q', text: 'Ensam.' });
		const whole = updateFrom(alone, (r) => withdrawComment(r, listThreads(r)[0].comments[0].id, 'maria'));
		expect(judgeCommentsChange(alone, whole, maria, contributor)).toBe('allowed');
		const badStamp = updateFrom(doc, (r) => (r.getMap('comments').get(opening) as Y.Map<unknown>).set('editedAt', 42));
		expect(judgeCommentsChange(doc, badStamp, maria, contributor)).toBe('invalid-entry');
	});
});

describe('anchors', () => {
	it('follow the passage when text is inserted before it', () => {
		const doc = new Y.Doc();
		const paragraph = new Y.XmlText();
		doc.getXmlFragment('minutes').insert(0, [paragraph]);
		paragraph.insert(0, 'Beslut om budget');
		const start = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(paragraph, 10));
		// Someone else types before the passage, on their own replica.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		(other.getXmlFragment('minutes').get(0) as Y.XmlText).insert(0, 'Nytt: ');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
		const absolute = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(start)!, doc);
		expect(absolute?.index).toBe(16);
		expect(paragraph.toString().slice(absolute!.index)).toBe('budget');
	});

	it('decode garbage as no position', () => {
		expect(decodeAnchorPosition('!!not base64')).toBeNull();
	});
});
