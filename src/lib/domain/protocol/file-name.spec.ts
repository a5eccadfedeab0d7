import { describe, expect, it } from 'vitest';
import { asciiSlug, contentDisposition } from './file-name';

describe('protocol download names', () => {
	it('folds Swedish and Danish letters into a safe ASCII name', () => {
		expect(asciiSlug('Protokoll 2026-11-20 Ledningsgruppens möte – Åsby, Ærø & Søby')).toBe('protokoll-2026-11-20-ledningsgruppens-mote-asby-aero-soby');
		expect(asciiSlug('"; rm -rf / \r\n')).toBe('rm-rf');
		expect(asciiSlug('مرحبا')).toBe('protocol');
		expect(asciiSlug('a'.repeat(200), 80)).toHaveLength(80);
	});

	it('gives a header with the ASCII name and the UTF-8 name, neither able to break out of it', () => {
		const header = contentDisposition(['protokoll', '2026-11-20', 'Möte "om" a/b\r\nSet-Cookie: x=1'], 'pdf');
		expect(header).toBe(
			`attachment; filename="protokoll-2026-11-20-mote-om-a-b-set-cookie-x-1.pdf"; filename*=UTF-8''protokoll%202026-11-20%20M%C3%B6te%20om%20a%20b%20Set-Cookie%20x%3D1.pdf`
		);
		expect(header).not.toMatch(/[\r\n]/);
		expect(decodeURIComponent(header.split("''")[1])).toBe('protokoll 2026-11-20 Möte om a b Set-Cookie x=1.pdf');
	});
});
