import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { leaseState } from '../instance-lease-state.js';
import { rpc } from './request.js';

/** The instance lease through the same store functions as the SQL store, over PostgREST. */
export function instanceLease(db: SupabaseClient): Store['instanceLease'] {
	return {
		async claim(holder, leaseMs) {
			return leaseState(await rpc(db, 'samtavla_instance_lease_claim', { p_holder: holder, p_lease_ms: leaseMs }));
		},
		async renew(holder, leaseMs) {
			return (await rpc(db, 'samtavla_instance_lease_renew', { p_holder: holder, p_lease_ms: leaseMs })) === true;
		},
		async release(holder) {
			await rpc(db, 'samtavla_instance_lease_release', { p_holder: holder });
		}
	};
}
