import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { leaseState } from '../instance-lease-state.js';

/** The instance lease through its store functions (migration instance_lease). */
export function instanceLease(db: SqlExecutor): Store['instanceLease'] {
	return {
		async claim(holder, leaseMs) {
			const [row] = await db.query('select samtavla_instance_lease_claim(p_holder => $1, p_lease_ms => $2) as lease', [holder, leaseMs]);
			return leaseState(row.lease);
		},
		async renew(holder, leaseMs) {
			const [row] = await db.query('select samtavla_instance_lease_renew(p_holder => $1, p_lease_ms => $2) as renewed', [holder, leaseMs]);
			return row.renewed === true;
		},
		async release(holder) {
			await db.query('select samtavla_instance_lease_release(p_holder => $1)', [holder]);
		}
	};
}
