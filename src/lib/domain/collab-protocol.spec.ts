import { describe, expect, it } from 'vitest';
import { CloseCode, isPermanentClose } from './collab-protocol';

describe('close codes', () => {
	it('4400–4499 are permanent (y-websocket stops reconnecting); 45xx and normal codes are retried', () => {
		expect(isPermanentClose(CloseCode.malformedFrame)).toBe(true);
		expect(isPermanentClose(CloseCode.sessionEnded)).toBe(true);
		expect(isPermanentClose(CloseCode.forbidden)).toBe(true);
		expect(isPermanentClose(CloseCode.documentGone)).toBe(true);
		expect(isPermanentClose(CloseCode.frameTooLarge)).toBe(false); // retried: see CloseCode.frameTooLarge
		expect(isPermanentClose(CloseCode.serverRestart)).toBe(false);
		expect(isPermanentClose(CloseCode.overloaded)).toBe(false);
		expect(isPermanentClose(1000)).toBe(false);
		expect(isPermanentClose(4399)).toBe(false);
		expect(isPermanentClose(4500)).toBe(false);
	});
});
