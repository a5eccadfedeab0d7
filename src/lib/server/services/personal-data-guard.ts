import { identityPlaces, scanProtocol, type ProtocolField } from '../../domain/personal-data/scan-protocol.js';
import type { Protocol } from '../../domain/protocol/protocol-model.js';

/**
 * The server's personal-data guard (issue 11, point 3): the same detector the browser marks with,
 * run on the protocol as it would be adjusted, exported or published. It finds identity numbers
 * (personnummer, samordningsnummer, CPR; a mistyped personnummer counts too) and says where, by §
 * and field, never the number itself: the answer goes into pages, logs and meeting events.
 *
 * - A public version with one in it is refused (export, print view, publication).
 * - An internal version goes ahead only after the person acknowledges it (recorded).
 */
export interface PersonalDataSpot {
	/** The § number, or null for the header, notes, summaries and actions without a §. */
	item: number | null;
	field: ProtocolField;
}

/** Where the protocol has identity numbers, each (§, field) once, in protocol order. */
export function identityNumbersIn(protocol: Protocol): PersonalDataSpot[] {
	return identityPlaces(scanProtocol(protocol, { minSeverity: 'possible-identity' }), { includePossible: true });
}

/** The form value that says the person saw the list and goes ahead with the internal version. */
export const ACKNOWLEDGED = 'acknowledged';
export const acknowledged = (value: unknown) => value === ACKNOWLEDGED;
