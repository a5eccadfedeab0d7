/**
 * PGlite's defaults size it like a server (128 MB shared buffers). Samtavla's working set is
 * small, and these measured settings cut resident memory by ~140 MB with no slower queries
 * (see README, "Memory"). PGlite is one session in one process, but PostgreSQL sizes its
 * process and lock tables for max_connections (default 100): 10 leaves room above the 3 reserved
 * slots and touches ~4 MB less of PGlite's memory.
 */
export const PGLITE_MEMORY_SETTINGS = [
	'shared_buffers=8MB',
	'work_mem=2MB',
	'maintenance_work_mem=8MB',
	'wal_buffers=256kB',
	'temp_buffers=1MB',
	'max_connections=10'
];
