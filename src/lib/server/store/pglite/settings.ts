/**
 * PGlite's defaults size it like a server (128 MB shared buffers). Samtavla's working set is
 * small, and these measured settings cut resident memory by ~140 MB with no slower queries
 * (see README, "Memory").
 */
export const PGLITE_MEMORY_SETTINGS = [
	'shared_buffers=8MB',
	'work_mem=2MB',
	'maintenance_work_mem=8MB',
	'wal_buffers=256kB',
	'temp_buffers=1MB'
];
