import { ChainVerifier, type ChainReport } from '../../domain/audit-chain.js';
import type { AuditChainStart, Store } from '../store/types.js';

/** Checks the whole audit chain from its recorded start, a page at a time (for `npm run audit:check` and tests). */
export async function checkAuditChain(store: Store, pageSize = 1000): Promise<ChainReport & { start: AuditChainStart }> {
	const start = await store.audit.start();
	const verifier = new ChainVerifier(start.prevHash);
	let afterId = 0;
	for (;;) {
		const page = await store.audit.range(afterId, pageSize);
		if (page.length === 0) break;
		verifier.add(page);
		afterId = page[page.length - 1].id;
	}
	return { ...verifier.report(), start };
}

/** The check's outcome as an operator reads it; `ok` decides the exit code. */
export function describeAuditCheck(report: ChainReport & { start: AuditChainStart }): { ok: boolean; lines: string[] } {
	const trimmed = report.start.removed > 0 ? ` (${report.start.removed} older entries removed by retention)` : '';
	if (report.breaks.length === 0) {
		return { ok: true, lines: [`audit chain intact: ${report.entries} entries${trimmed}`, `head: ${report.head}`] };
	}
	const lines = [`audit chain BROKEN: ${report.breaks.length} problem(s) in ${report.entries} entries${trimmed}`];
	for (const b of report.breaks) {
		lines.push(
			b.problem === 'altered'
				? `  entry ${b.id}: altered (its hash does not match its content)`
				: `  entry ${b.id}: entries before it are missing (it points at ${b.found.slice(0, 12)}…, expected ${b.expected.slice(0, 12)}…)`
		);
	}
	return { ok: false, lines };
}
