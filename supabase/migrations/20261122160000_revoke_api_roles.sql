-- Supabase grants its API roles (anon, authenticated) every privilege on new tables in public.
-- Row-level security (enabled on every table, no policies) already hides all rows from them,
-- but RLS does not cover TRUNCATE, and nothing of ours is meant for those roles at all: only the
-- server (table owner / service role) reads and writes. Revoke what they were granted, now and
-- for tables created later by this role. On plain Postgres and PGlite the roles do not exist.
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on all tables in schema public from %I', api_role);
      execute format('revoke all on all sequences in schema public from %I', api_role);
      execute format('revoke all on all functions in schema public from %I', api_role);
      execute format('alter default privileges in schema public revoke all on tables from %I', api_role);
      execute format('alter default privileges in schema public revoke all on sequences from %I', api_role);
      execute format('alter default privileges in schema public revoke all on functions from %I', api_role);
    end if;
  end loop;
end
$$;
