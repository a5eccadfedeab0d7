// `npm run screenshots:protocol`: the README's picture of an exported protocol page. Renders the
// protocol specs' fixture meeting (src/lib/domain/protocol/protocol-fixture.ts) to a PDF with the
// app's own exporter and Swedish labels, as an adjusted protocol (with its hash), and turns page 1
// into a PNG with poppler's pdftoppm. Run through tsx (it imports the TypeScript sources).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture } from '../src/lib/domain/protocol/protocol-fixture.ts';
import { renderProtocol } from '../src/lib/domain/protocol/render-protocol.ts';
import { protocolHash } from '../src/lib/domain/protocol/canonical.ts';
import { exportLabels } from '../src/lib/server/protocol/labels.ts';
import { protocolToPdf } from '../src/lib/server/protocol/pdf.ts';
import { m } from '../src/lib/paraglide/messages.js';

const OUT = 'static/screenshots/protocol-pdf';
const language = 'sv';
const protocol = renderProtocol(buildFixture());
const hash = protocolHash(protocol);
const labels = exportLabels(language, (h) => `https://samtavla.example.se/verify/${h}`);
const title = m.prot_document_title({ title: protocol.header.meetingTitle }, { locale: language });
const pdf = await protocolToPdf(protocol, labels, { title, lang: 'sv-SE', hash });

const dir = mkdtempSync(join(tmpdir(), 'protocol-screenshot-'));
try {
	const file = join(dir, 'protocol.pdf');
	writeFileSync(file, pdf);
	execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, OUT], { stdio: 'inherit' });
	console.log(`${OUT}.png (page 1 of the protocol of "${protocol.header.meetingTitle}", hash ${hash.slice(0, 12)}…)`);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
