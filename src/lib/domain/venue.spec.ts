import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrors } from './schemas.js';
import { AccessNeedsSchema, VenueChoiceSchema, VenueSchema, languageList, mergeMissing, missingNeeds } from './venue.js';

const venue = (features: string[], interpretingLanguages = '') => ({ features: features as never[], interpretingLanguages });

describe('missingNeeds', () => {
	it('names every need the venue lacks, in the list order', () => {
		const missing = missingNeeds({ needs: ['quietRoom', 'stepFree', 'lift'], interpretingLanguage: '' }, venue(['lift']));
		expect(missing).toEqual([{ need: 'stepFree' }, { need: 'quietRoom' }]);
	});

	it('is empty when the venue meets every need, and when there are none', () => {
		expect(missingNeeds({ needs: ['stepFree', 'hearingLoop'], interpretingLanguage: '' }, venue(['stepFree', 'hearingLoop', 'lift']))).toEqual([]);
		expect(missingNeeds({ needs: [], interpretingLanguage: '' }, venue([]))).toEqual([]);
	});

	it('meets interpreting only in the language asked for, whatever its case', () => {
		const needs = { needs: ['interpreting' as const], interpretingLanguage: 'Arabiska' };
		expect(missingNeeds(needs, venue(['interpreting'], 'somaliska, arabiska'))).toEqual([]);
		expect(missingNeeds(needs, venue(['interpreting'], 'somaliska'))).toEqual([{ need: 'interpreting', language: 'Arabiska' }]);
		expect(missingNeeds(needs, venue([], 'arabiska'))).toEqual([{ need: 'interpreting', language: 'Arabiska' }]);
	});

	it('takes any interpreting when no language was given', () => {
		expect(missingNeeds({ needs: ['interpreting'], interpretingLanguage: '' }, venue(['interpreting']))).toEqual([]);
		expect(missingNeeds({ needs: ['interpreting'], interpretingLanguage: '' }, venue([]))).toEqual([{ need: 'interpreting' }]);
	});

	it('treats sign language as its own feature', () => {
		expect(missingNeeds({ needs: ['signLanguage'], interpretingLanguage: '' }, venue(['interpreting'], 'arabiska'))).toEqual([{ need: 'signLanguage' }]);
	});
});

describe('mergeMissing', () => {
	it('lists each need once, languages once each', () => {
		const merged = mergeMissing([
			[{ need: 'quietRoom' }, { need: 'interpreting', language: 'Arabiska' }],
			[{ need: 'stepFree' }, { need: 'interpreting', language: 'arabiska' }, { need: 'interpreting', language: 'tigrinja' }]
		]);
		expect(merged.map((x) => x.need)).toEqual(['stepFree', 'quietRoom', 'interpreting', 'interpreting']);
		expect(merged.filter((x) => x.need === 'interpreting').map((x) => x.language?.toLowerCase())).toEqual(['arabiska', 'tigrinja']);
	});
});

describe('languageList', () => {
	it('splits on commas and the word and in our three languages', () => {
		expect(languageList('Arabiska, somaliska och tigrinja')).toEqual(['arabiska', 'somaliska', 'tigrinja']);
		expect(languageList(' ')).toEqual([]);
	});
});

describe('VenueSchema', () => {
	it('trims, keeps known features in list order and drops duplicates', () => {
		const out = v.parse(VenueSchema, { name: '  Stadshuset ', address: 'Storgatan 1', features: ['lift', 'stepFree', 'lift'] });
		expect(out).toEqual({ name: 'Stadshuset', hostAgency: '', address: 'Storgatan 1', features: ['stepFree', 'lift'], interpretingLanguages: '', notes: '' });
	});

	it('asks for a name, refuses unknown features, overlong text and control characters', () => {
		const result = v.safeParse(VenueSchema, { name: ' ', features: ['helipad'], address: 'x'.repeat(201), hostAgency: 'a\u0007b' });
		expect(result.success).toBe(false);
		if (result.success) return;
		expect(fieldErrors(result.issues)).toEqual({
			name: 'venue_error_name_required',
			features: 'venue_error_feature_unknown',
			address: 'error_too_long',
			hostAgency: 'access_error_control_chars'
		});
	});

	it('keeps line breaks in the notes', () => {
		expect(v.parse(VenueSchema, { name: 'A', notes: 'Ring på.\nAndra våningen' }).notes).toBe('Ring på.\nAndra våningen');
	});
});

describe('AccessNeedsSchema', () => {
	it('keeps the language only with interpreting', () => {
		expect(v.parse(AccessNeedsSchema, { needs: ['interpreting', 'stepFree'], interpretingLanguage: ' Arabiska ' })).toEqual({
			needs: ['stepFree', 'interpreting'],
			interpretingLanguage: 'Arabiska'
		});
		expect(v.parse(AccessNeedsSchema, {})).toEqual({ needs: [], interpretingLanguage: '' });
	});

	it('asks about a language given without ticking interpreting', () => {
		const result = v.safeParse(AccessNeedsSchema, { needs: ['stepFree'], interpretingLanguage: 'arabiska' });
		expect(result.success ? {} : fieldErrors(result.issues)).toEqual({ interpretingLanguage: 'venue_error_language_without_interpreting' });
	});

	it('refuses public transport (not a need) and anything unknown', () => {
		const result = v.safeParse(AccessNeedsSchema, { needs: ['publicTransport'] });
		expect(result.success ? {} : fieldErrors(result.issues)).toEqual({ needs: 'venue_error_feature_unknown' });
	});
});

describe('VenueChoiceSchema', () => {
	it('needs a venue when "saved" is chosen; typed text is the default', () => {
		expect(v.parse(VenueChoiceSchema, {})).toEqual({ venueChoice: 'typed', venueId: '' });
		const result = v.safeParse(VenueChoiceSchema, { venueChoice: 'saved', venueId: '' });
		expect(result.success ? {} : fieldErrors(result.issues)).toEqual({ venueId: 'venue_error_choose' });
	});
});
