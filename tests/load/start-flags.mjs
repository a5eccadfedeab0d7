// The node flags `npm start` gives the server (the words between `node` and the script in
// package.json's start script). The benchmarks start build/node/server/index.js themselves and
// must measure what an operator runs; BENCH_NODE_ARGS replaces them (empty: none) to weigh a flag.
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url);

/** @returns {string[]} */
export function startNodeFlags() {
	const words = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts.start.split(/\s+/);
	const flags = [];
	for (const word of words.slice(words.indexOf('node') + 1)) {
		if (!word.startsWith('--')) break;
		flags.push(word);
	}
	return flags;
}

/** BENCH_NODE_ARGS when set, else the flags of `npm start`. */
export function benchNodeFlags(env = process.env) {
	return env.BENCH_NODE_ARGS !== undefined ? env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : startNodeFlags();
}
