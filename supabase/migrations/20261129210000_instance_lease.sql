-- The instance lease: without REDIS_URL, an instance keeps each document it serves in its own
-- memory and stores its own copy, so two such instances on one database overwrite each other's
-- writes (compaction drops updates the other stored). One row says which instance may serve;
-- a second one refuses to start while the row is held and not expired. The holder renews it
-- (heartbeat) and deletes it on a clean stop; a holder that died leaves it to expire.
-- Instances with REDIS_URL share documents through Redis and take no instance lease.
-- Expiry is judged by the database's clock only, so the instances' clocks may disagree.
create table if not exists instance_lease (
  id boolean primary key default true check (id),
  holder text not null,
  claimed_at timestamptz not null,
  expires_at timestamptz not null
);

alter table instance_lease enable row level security;

-- Takes the lease for p_holder if it is free, expired, or p_holder's already; one statement, so
-- two instances starting at once cannot both get it. Returns the lease as it then stands:
-- {"claimed": bool, "holder": text, "expires_in_ms": bigint}.
create function samtavla_instance_lease_claim(p_holder text, p_lease_ms integer) returns jsonb
language plpgsql set search_path = public
as $$
declare
  result jsonb;
begin
  insert into instance_lease as l (id, holder, claimed_at, expires_at)
  values (true, p_holder, clock_timestamp(), clock_timestamp() + p_lease_ms * interval '1 millisecond')
  on conflict (id) do update set holder = excluded.holder, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
  where l.expires_at <= clock_timestamp() or l.holder = excluded.holder;
  select jsonb_build_object(
           'claimed', l.holder = p_holder,
           'holder', l.holder,
           'expires_in_ms', greatest(0, floor(extract(epoch from (l.expires_at - clock_timestamp())) * 1000))::bigint
         )
    into result
  from instance_lease l;
  return result;
end
$$;

-- Extends p_holder's lease; false when the lease is no longer p_holder's (it expired and another
-- instance took it): the caller must stop serving.
create function samtavla_instance_lease_renew(p_holder text, p_lease_ms integer) returns boolean
language sql set search_path = public
as $$
  with renewed as (
    update instance_lease set expires_at = clock_timestamp() + p_lease_ms * interval '1 millisecond'
    where holder = p_holder
    returning 1
  )
  select exists (select 1 from renewed)
$$;

-- A clean stop: the next instance may start at once. Someone else's lease is left alone.
create function samtavla_instance_lease_release(p_holder text) returns void
language sql set search_path = public
as $$
  delete from instance_lease where holder = p_holder
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in store_functions.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname like 'samtavla\_instance\_lease\_%'
  loop
    execute format('revoke all on function %s from public', fn);
    foreach api_role in array array['anon', 'authenticated'] loop
      if exists (select 1 from pg_roles where rolname = api_role) then
        execute format('revoke all on function %s from %I', fn, api_role);
      end if;
    end loop;
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant execute on function %s to service_role', fn);
    end if;
  end loop;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table instance_lease from %I', api_role);
    end if;
  end loop;
end
$$;
