/** The part of fontkit (PDFKit's own font engine) this project uses; it ships no types. */
declare module 'fontkit' {
	export function create(buffer: Buffer | Uint8Array): unknown;
}
