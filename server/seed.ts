import { loadConfigOrExit } from './config-or-exit.js';
import { createRuntimeBase } from '../src/lib/server/create-runtime.js';
import { seedDemo } from '../src/lib/server/demo/seed.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../src/lib/server/demo/demo-data.js';
import { migrationsDir } from './paths.js';

/** `npm run seed`: the Åsby demo into an empty database (the same one `npm start` uses). */
async function main(): Promise<void> {
	const config = loadConfigOrExit(process.env);
	const { store, logger } = await createRuntimeBase(config, { migrationsDir: migrationsDir() });
	try {
		const outcome = await seedDemo(store);
		if (!outcome.seeded) {
			console.log('The database already has accounts; the demo was not added. Use an empty DATA_DIR (or database) to seed.');
			return;
		}
		logger.info({ board: outcome.boardId }, 'demo seeded');
		console.log('\nDemo ready. Sign in with any of these (password: ' + DEMO_PASSWORD + '):');
		for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(26)} ${p.name} (${p.role})`);
	} finally {
		await store.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
