// Figures → the Markdown the benchmark prints (and the README shows). Pure functions; covered by
// server/side-by-side-bench.spec.ts.

/** The p-th percentile (nearest rank) of `sorted` (ascending); NaN when empty. */
export function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
/** Milliseconds: two significant-ish digits, as the issue's table writes them (0.17, 2.0, 33, 124). */
export function ms(v) {
	if (!Number.isFinite(v)) return '–';
	if (v < 1) return v.toFixed(2);
	if (v < 10) return v.toFixed(1);
	return String(Math.round(v));
}
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fixed(a / b, 2)}×` : '–');

/**
 * One run's figures for one server at one level:
 * { server, ok, error?, p50, p99, cpuPercent, rssMb, connectMs, delivered, expected, cpuPerThousand, generatorCpu, lost? }
 */
export function resultsTable(levels) {
	const lines = [
		'| clients (meetings) | server | p50 / p99 edit-to-screen | server CPU (one core) | RSS | connect all | updates delivered / expected | server CPU ms per 1,000 delivered | generator CPU (event-loop delay p99) |',
		'|---|---|---|---|---|---|---|---|---|'
	];
	for (const { clients, meetings, results } of levels) {
		for (const r of results) {
			const level = `${clients.toLocaleString('en')} (${meetings})`;
			if (!r.ok) {
				lines.push(`| ${level} | ${r.server} | **failed**: ${r.error.split('\n')[0].replaceAll('|', '/')} | | | | | | |`);
				continue;
			}
			const saturated = r.cpuPercent >= 95 ? ' (saturated)' : '';
			const genWarn = r.generatorCpu >= 90 ? ' ⚠ saturated' : '';
			lines.push(
				`| ${level} | ${r.server} | ${ms(r.p50)} / ${ms(r.p99)} ms | ${Math.round(r.cpuPercent)} %${saturated} | ${Math.round(r.rssMb)} MB | ${Math.round(r.connectMs)} ms | ${r.delivered.toLocaleString('en')} / ${r.expected.toLocaleString('en')} | ${fixed(r.cpuPerThousand, 1)} | ${Math.round(r.generatorCpu)} %${genWarn}${Number.isFinite(r.generatorLoopDelayP99Ms) ? ` (${ms(r.generatorLoopDelayP99Ms)} ms)` : ''} |`
			);
		}
	}
	return lines.join('\n');
}

/** Samtavla against the reference server, per level: below 1× is better than the reference. */
export function ratiosTable(levels, reference, subject) {
	const lines = [
		`| clients (meetings) | p99 latency, ${subject} ÷ ${reference} | CPU per delivered update | connect time | nothing lost (every meeting reloaded after a restart) |`,
		'|---|---|---|---|---|'
	];
	for (const { clients, meetings, results } of levels) {
		const ref = results.find((r) => r.server === reference);
		const sub = results.find((r) => r.server === subject);
		const usable = ref?.ok && sub?.ok;
		const lost = !sub?.ok ? '–' : !sub.lost ? 'not checked' : sub.lost.complete === sub.lost.checked ? `yes (${sub.lost.checked} meetings)` : `**no**: ${sub.lost.checked - sub.lost.complete} of ${sub.lost.checked} meetings incomplete`;
		lines.push(
			`| ${clients.toLocaleString('en')} (${meetings}) | ${usable ? ratio(sub.p99, ref.p99) : '–'} | ${usable ? ratio(sub.cpuPerThousand, ref.cpuPerThousand) : '–'} | ${usable ? ratio(sub.connectMs, ref.connectMs) : '–'} | ${lost} |`
		);
	}
	return lines.join('\n');
}
