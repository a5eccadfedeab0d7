import { describe, expect, it } from 'vitest';
import { createAction } from '../board-doc.js';
import { itemMinutes, recordDecision } from '../meeting-doc.js';
import { appendBlocks, appendMinutes } from '../minutes-doc.js';
import { MEETING_ID, buildFixture } from '../protocol/protocol-fixture.js';
import { publicVersion, renderProtocol } from '../protocol/render-protocol.js';
import { addPerspective, setText, summaryText } from '../voices-doc.js';
import { identityPlaces, scanProtocol } from './scan-protocol.js';

const PNR = '811218-9876';
const CPR = '070761-4285';
const maria = { id: 'maria', name: 'Maria Johansson', agencyId: 'bf', agencyName: 'Brukarföreningen Vägen' };

/** The fixture meeting with personal data written into every field, through the domain writers. */
function withPersonalData() {
	const input = buildFixture({ title2: `Bostad först – ${PNR}` });
	const { meetingDoc, voicesDoc, boardDoc } = input;
	// After the fixture's own paragraph (block 0) in both §.
	appendBlocks(itemMinutes(meetingDoc, 'item-1')!, [
		{ type: 'paragraph', text: ['Inget att anmäla.'] },
		{ type: 'paragraph', text: ['Kontakt: ', { text: 'anna.berg@asby.se', href: 'mailto:anna.berg@asby.se' }, ', ', { text: 'hennes sida', href: 'https://asby.se/?pnr=811218%2D9876' }] }
	]);
	// Split over two runs (half of it bold): still one number.
	appendBlocks(itemMinutes(meetingDoc, 'item-4')!, [{ type: 'bulletList', items: [['Inget'], ['Gäller 811218-', { text: '9876', bold: true }]] }]);
	recordDecision(meetingDoc, 'item-2', { text: `Borgeren med CPR ${CPR} tilbydes bolig.`, createdBy: 'ahmed' }, 'dec-pii');
	recordDecision(meetingDoc, 'item-3', { text: `Internt: ${PNR}.`, createdBy: 'ahmed' }, 'dec-internal');
	addPerspective(voicesDoc!, 'item-4', maria, 'Ring mig på 070-123 45 67.', new Date(Date.UTC(2026, 10, 20, 13)), 'p-pii');
	setText(summaryText(voicesDoc!, maria), 'Bra möte. Jag bor på Storgatan 12.');
	createAction(
		boardDoc!,
		{ title: 'Skicka beslut till 850709-1234', agencyId: 'soc', raisedByAgencyId: 'bf', assigneeId: null, dueDate: null, meetingId: MEETING_ID, itemId: null, createdBy: 'karin' },
		new Date(Date.UTC(2026, 10, 20, 13)),
		'act-pii'
	);
	appendMinutes(meetingDoc, [{ type: 'paragraph', text: [`Anteckning: ${CPR}`] }]);
	return input;
}

describe('scanProtocol', () => {
	it('finds nothing in the fixture meeting, which carries no personal data', () => {
		expect(scanProtocol(renderProtocol(buildFixture()))).toEqual([]);
	});

	it('names §, field, entry, kind and severity of every finding, in protocol order', () => {
		const places = scanProtocol(renderProtocol(withPersonalData()));
		expect(places).toEqual([
			{ item: 1, field: 'minutes', index: 2, kind: 'email', severity: 'hint' },
			{ item: 1, field: 'minutes', index: 2, kind: 'personnummer', severity: 'identity' },
			{ item: 2, field: 'title', index: null, kind: 'personnummer', severity: 'identity' },
			{ item: 2, field: 'decision', index: 2, kind: 'cpr', severity: 'identity' },
			{ item: 3, field: 'decision', index: 1, kind: 'personnummer', severity: 'identity' },
			{ item: 4, field: 'minutes', index: 1, kind: 'personnummer', severity: 'identity' },
			{ item: 4, field: 'perspective', index: 0, kind: 'phone', severity: 'hint' },
			{ item: null, field: 'action', index: 1, kind: 'personnummer', severity: 'possible-identity' },
			{ item: null, field: 'notes', index: 1, kind: 'cpr', severity: 'identity' },
			{ item: null, field: 'summary', index: 1, kind: 'address', severity: 'hint' }
		]);
	});

	it('never carries the matched text', () => {
		const json = JSON.stringify(scanProtocol(renderProtocol(withPersonalData())));
		for (const secret of ['811218', '9876', '0707614285', CPR, 'anna.berg', '070-123', 'Storgatan', '850709']) expect(json).not.toContain(secret);
	});

	it('in the public version, leaves out what the internal § 3 holds', () => {
		const places = scanProtocol(publicVersion(renderProtocol(withPersonalData())));
		expect(places.some((p) => p.item === 3)).toBe(false);
		expect(places.length).toBe(9);
	});

	it('filters by severity; identityPlaces gives the distinct (§, field) pairs to refuse', () => {
		const protocol = publicVersion(renderProtocol(withPersonalData()));
		const identity = scanProtocol(protocol, { minSeverity: 'identity' });
		expect(identity.every((p) => p.severity === 'identity')).toBe(true);
		expect(identityPlaces(scanProtocol(protocol))).toEqual([
			{ item: 1, field: 'minutes' },
			{ item: 2, field: 'title' },
			{ item: 2, field: 'decision' },
			{ item: 4, field: 'minutes' },
			{ item: null, field: 'notes' }
		]);
		expect(identityPlaces(scanProtocol(protocol), { includePossible: true })).toContainEqual({ item: null, field: 'action' });
	});

	it('scans the header title and place', () => {
		const input = buildFixture();
		input.meeting.title = `Möte om ${PNR}`;
		input.meeting.place = 'Hemma hos familjen, Storgatan 12';
		expect(scanProtocol(renderProtocol(input))).toEqual([
			{ item: null, field: 'title', index: null, kind: 'personnummer', severity: 'identity' },
			{ item: null, field: 'place', index: null, kind: 'address', severity: 'hint' }
		]);
	});
});
