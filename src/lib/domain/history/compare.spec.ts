import { describe, expect, it } from 'vitest';
import type { MinutesBlock, Protocol, ProtocolItem } from '../protocol/protocol-model';
import { blocksText, compareProtocols } from './compare';

const para = (text: string): MinutesBlock => ({ type: 'paragraph', runs: [{ text, bold: false, italic: false, href: null }] });
const item = (number: number, title: string, minutes: string[], decisions: string[] = []): ProtocolItem => ({
	number,
	title,
	presenterAgency: null,
	internal: false,
	internalReason: null,
	minutes: minutes.map(para),
	decisions: decisions.map((text, i) => ({ number: i + 1, text })),
	actions: [],
	perspectives: []
});
const protocol = (items: ProtocolItem[], notes: string[] = []) => ({ items, notes: notes.map(para) }) as unknown as Protocol;

describe('compareProtocols', () => {
	it('matches § by item id across a reorder and diffs each field word by word', () => {
		const then = { protocol: protocol([item(1, 'Boende', ['Vi bjuder in hyresgästerna.'], ['Beslut A']), item(2, 'Arbete', ['Oförändrat.'])]), itemIds: ['i1', 'i2'] };
		const now = { protocol: protocol([item(1, 'Arbete', ['Oförändrat.']), item(2, 'Boende', ['Vi bjuder in alla.'], ['Beslut A', 'Beslut B'])]), itemIds: ['i2', 'i1'] };
		const { sections } = compareProtocols(then, now);
		expect(sections.map((s) => [s.itemId, s.number, s.thenNumber, s.state])).toEqual([
			['i2', 1, 2, 'same'],
			['i1', 2, 1, 'changed']
		]);
		const boende = sections[1];
		expect(boende.minutes).toEqual([
			{ kind: 'same', text: 'Vi bjuder in ' },
			{ kind: 'del', text: 'hyresgästerna.' },
			{ kind: 'ins', text: 'alla.' }
		]);
		expect(boende.decisions).toEqual([
			{ kind: 'same', text: 'Beslut A' },
			{ kind: 'ins', text: '\nBeslut B' }
		]);
	});

	it('shows a § removed since the version as all deleted, and one added since as all inserted', () => {
		const then = { protocol: protocol([item(1, 'Gammal', ['Stycket som togs bort.'])]), itemIds: ['old'] };
		const now = { protocol: protocol([item(1, 'Ny', ['Nytt stycke.'])], ['Övrigt']), itemIds: ['new'] };
		const { sections, notes } = compareProtocols(then, now);
		expect(sections.map((s) => [s.itemId, s.state])).toEqual([
			['new', 'added'],
			['old', 'removed']
		]);
		expect(sections[1].minutes).toEqual([{ kind: 'del', text: 'Stycket som togs bort.' }]);
		expect(sections[0].title).toEqual([{ kind: 'ins', text: 'Ny' }]);
		expect(notes).toEqual([{ kind: 'ins', text: 'Övrigt' }]);
	});

	it('reads minutes as lines, lists marked', () => {
		const blocks: MinutesBlock[] = [para('Inledning'), { type: 'bulletList', items: [[para('ett')], [para('två'), { type: 'orderedList', items: [[para('a')]] }]] }];
		expect(blocksText(blocks)).toBe('Inledning\n• ett\n• två\n  1. a');
	});
});
