// The node flags `npm start` gives the server (the words between `node` and the script in
// package.json's start script). The benchmarks start build/node/server/index.js themselves and
// must measure what an operator runs; BENCH_NODE_ARGS replaces them (empty: none) to weigh a flag.
// Likewise the environment the script sets before `node` (NAME=value words; glibc's malloc reads
// its settings from the environment at start, so they cannot be set from inside the process):
// BENCH_NODE_ENV replaces them.
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url);

/** The start script's words before `node` (its environment) and after it. */
function startWords() {
	const words = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts.start.split(/\s+/);
	const at = words.indexOf('node');
	return { before: words.slice(0, at), after: words.slice(at + 1) };
}

/** @returns {string[]} */
export function startNodeFlags() {
	const flags = [];
	for (const word of startWords().after) {
		if (!word.startsWith('--')) break;
		flags.push(word);
	}
	return flags;
}

/** The NAME=value words before `node` in the start script, as an object. */
export function startNodeEnv() {
	return envOf(startWords().before);
}

/** BENCH_NODE_ENV ("A=1 B=2", empty: none) when set, else the start script's environment. */
export function benchNodeEnv(env = process.env) {
	return env.BENCH_NODE_ENV !== undefined ? envOf(env.BENCH_NODE_ENV.split(' ').filter(Boolean)) : startNodeEnv();
}

function envOf(words) {
	const out = {};
	for (const word of words) {
		const eq = word.indexOf('=');
		if (eq <= 0) throw new Error(`not NAME=value: ${word}`);
		out[word.slice(0, eq)] = word.slice(eq + 1);
	}
	return out;
}

/** BENCH_NODE_ARGS when set, else the flags of `npm start`. */
export function benchNodeFlags(env = process.env) {
	return env.BENCH_NODE_ARGS !== undefined ? env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : startNodeFlags();
}
