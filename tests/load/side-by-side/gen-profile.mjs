// A CPU profile of the load generator over the measured window, when
// BENCH_SIDE_GEN_PROFILE_DIR is set: what the generator spends its core on decides how many
// clients one process can drive before its own timestamps run late.
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.BENCH_SIDE_GEN_PROFILE_DIR;
let session = null;

export const profiler = {
	async start() {
		if (!dir) return;
		session = new Session();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.start');
	},
	async stop() {
		if (!session) return;
		const { profile } = await session.post('Profiler.stop');
		await writeFile(join(dir, `generator-${process.pid}.cpuprofile`), JSON.stringify(profile));
		session.disconnect();
		session = null;
	}
};
