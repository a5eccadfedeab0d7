import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { AccessNeed, MissingNeed, VenueFeature } from '$lib/domain/venue';
import type { VenueLabels } from '$lib/server/services/calendar';

/** A venue feature's (or access need's) name in the current language, or in `locale`. */
export function featureName(feature: VenueFeature | AccessNeed, locale?: Locale): string {
	const o = locale ? { locale } : undefined;
	switch (feature) {
		case 'stepFree':
			return m.venue_feature_stepFree({}, o);
		case 'lift':
			return m.venue_feature_lift({}, o);
		case 'accessibleToilet':
			return m.venue_feature_accessibleToilet({}, o);
		case 'hearingLoop':
			return m.venue_feature_hearingLoop({}, o);
		case 'quietRoom':
			return m.venue_feature_quietRoom({}, o);
		case 'publicTransport':
			return m.venue_feature_publicTransport({}, o);
		case 'signLanguage':
			return m.venue_feature_signLanguage({}, o);
		case 'interpreting':
			return m.venue_feature_interpreting({}, o);
	}
}

/**
 * Decorative symbols beside each feature's words (aria-hidden where shown: the words carry the
 * meaning, and screen readers would read these emoji's own names otherwise).
 */
export const FEATURE_SYMBOLS: Record<VenueFeature, string> = {
	stepFree: '♿',
	lift: '🛗',
	accessibleToilet: '🚻',
	hearingLoop: '🦻',
	quietRoom: '🤫',
	publicTransport: '🚌',
	signLanguage: '🤟',
	interpreting: '💬'
};

/** A missing need as words: interpreting names its language. */
export function missingName(item: MissingNeed): string {
	const name = featureName(item.need);
	return item.language ? m.venue_warn_language({ need: name, language: item.language }) : name;
}

/** The calendar feed's venue lines in `locale` (calendar programs send no cookie: the link names it). */
export function venueLabels(locale: Locale): VenueLabels {
	const o = { locale };
	return {
		name: (name) => m.venue_ics_name({ name }, o),
		host: (host) => m.venue_ics_host({ host }, o),
		features: (names) => m.venue_ics_features({ features: names.join(', ') }, o),
		feature: (feature) => featureName(feature, locale),
		interpreting: (languages) => m.venue_ics_interpreting({ languages }, o),
		notes: (notes) => m.venue_ics_notes({ notes }, o)
	};
}
