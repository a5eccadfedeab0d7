import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The PDF embeds its font (DejaVu Sans, from the `dejavu-fonts-ttf` package; free licence):
 * PDF/UA requires every font to be embedded, and a Unicode font prints every member's name as
 * written (Ş, ł, ễ, Arabic), not only what the built-in WinAnsi Helvetica could. PDFKit embeds
 * only the glyphs used (a subset), so a protocol stays small.
 */
const FILES = {
	regular: 'DejaVuSans.ttf',
	bold: 'DejaVuSans-Bold.ttf',
	italic: 'DejaVuSans-Oblique.ttf',
	boldItalic: 'DejaVuSans-BoldOblique.ttf'
} as const;
export type FontStyle = keyof typeof FILES;

/** The fonts' bytes, read once per process. */
let loaded: Record<FontStyle, Buffer> | null = null;

function fontDir(): string {
	// Resolved from this module, so it works from the sources and from the built server alike.
	const require = createRequire(import.meta.url);
	return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

export function fontFiles(): Record<FontStyle, Buffer> {
	if (!loaded) {
		const dir = fontDir();
		loaded = Object.fromEntries(Object.entries(FILES).map(([style, file]) => [style, readFileSync(join(dir, file))])) as Record<FontStyle, Buffer>;
	}
	return loaded;
}

/** The names the document registers the four styles under. */
export const FONT: Record<FontStyle, string> = { regular: 'Body', bold: 'Body-Bold', italic: 'Body-Italic', boldItalic: 'Body-BoldItalic' };

/** Registers the four styles with a document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	const files = fontFiles();
	for (const style of Object.keys(FILES) as FontStyle[]) doc.registerFont(FONT[style], files[style]);
}

let regular: { hasGlyphForCodePoint(codePoint: number): boolean } | null = null;

/** Whether the regular style has a glyph for `char` (the styles cover the same characters). */
export function fontCovers(char: string): boolean {
	regular ??= fontkit.create(fontFiles().regular) as unknown as { hasGlyphForCodePoint(codePoint: number): boolean };
	return regular.hasGlyphForCodePoint(char.codePointAt(0)!);
}
