import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, found from this file whether it runs as TypeScript (server/) or compiled
 * (build/node/server/): the first ancestor holding supabase/migrations.
 */
export function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		if (existsSync(join(dir, 'supabase', 'migrations'))) return dir;
		dir = dirname(dir);
	}
	throw new Error('Cannot find supabase/migrations above ' + fileURLToPath(import.meta.url));
}

export const migrationsDir = (root = projectRoot()) => join(root, 'supabase', 'migrations');
