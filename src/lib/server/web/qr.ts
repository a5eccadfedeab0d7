import { encode } from 'uqr';

/**
 * A QR code as one SVG path (a unit square per dark module) and its size in modules, for the page
 * to draw in an <svg> of its own: no HTML string is injected, and it scales to any size sharply.
 * Error correction M (15 %) survives a phone camera at an angle across a meeting table.
 */
export function qrPath(text: string): { size: number; d: string } {
	const { size, data } = encode(text, { ecc: 'M', border: 2 });
	const parts: string[] = [];
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; col++) if (data[row][col]) parts.push(`M${col} ${row}h1v1h-1z`);
	}
	return { size, d: parts.join('') };
}
