/**
 * PGlite's defaults size it like a server (128 MB shared buffers). Samtavla's working set is
 * small, and these measured settings cut resident memory by ~140 MB with no slower queries
 * (see README, "Memory"). PGlite is one session in one process, but PostgreSQL sizes its
 * process and lock tables for max_connections (default 100): 10 leaves room above the 3 reserved
 * slots and touches ~4 MB less of PGlite's memory.
 *
 * Shared buffers are resident from the start, used or not: PGlite's shared memory is zero-filled
 * when PostgreSQL allocates it. WebAssembly memory touched after opening a database and 200
 * inserts: 27.5 / 17.5 / 13.5 / 11.5 MB with 16 / 8 / 4 / 2 MB. 2 MB (256 pages) holds what is
 * hot (the update log's last pages and its index); older pages come from the operating system's
 * file cache. At 4,000 clients (bench:side, three runs) storage kept up and p99 stayed 0.21-0.36x
 * the reference server's.
 */
export const PGLITE_MEMORY_SETTINGS = [
	'shared_buffers=2MB',
	'work_mem=2MB',
	'maintenance_work_mem=8MB',
	'wal_buffers=256kB',
	'temp_buffers=1MB',
	'max_connections=10'
];
