// One Samtavla server process for the multi-instance tests: the real startApp (collab server,
// /healthz, /metrics; no SvelteKit pages, which these tests do not need), configured from its
// environment like `npm start`. Prints "listening <url>" once it accepts connections.
import { resolve } from 'node:path';
import { loadConfig } from '../../../src/lib/server/config';
import { startApp } from '../../../server/app';

const app = await startApp(loadConfig(process.env), { migrationsDir: resolve('supabase/migrations') });
console.log(`listening ${app.url}`);
void app.stoodDown.then(() => process.exit(1));
process.on('SIGTERM', () => {
	void app.close().then(
		() => process.exit(0),
		() => process.exit(1)
	);
});
