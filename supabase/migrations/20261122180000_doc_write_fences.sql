-- Fencing tokens for the single writer of a document's update log when several instances share
-- the documents through Redis (REDIS_URL). The Redis lease says who should write; this table is
-- what makes a writer that lost its lease unnoticed (paused, cut off) unable to write: every
-- claim takes a higher token, and a write that carries an older token than the newest claim is
-- refused with SQLSTATE SMT01. Writes without a token (one instance, no Redis) are not fenced.
create table if not exists doc_write_fences (
  doc_name text primary key,
  token bigint not null,
  claimed_at timestamptz not null default now()
);

alter table doc_write_fences enable row level security;

-- The writer sets `samtavla.write_fence` for the transaction of a fenced write; the triggers
-- compare it with the newest claim.
create or replace function samtavla_check_write_fence() returns trigger
language plpgsql
set search_path = public
as $$
declare
  fence text := current_setting('samtavla.write_fence', true);
  newest bigint;
begin
  if fence is null or fence = '' then
    return new;
  end if;
  select token into newest from doc_write_fences where doc_name = new.doc_name;
  if newest is not null and fence::bigint < newest then
    raise exception 'write to % refused: fenced out (token % < %)', new.doc_name, fence, newest
      using errcode = 'SMT01';
  end if;
  return new;
end
$$;

drop trigger if exists doc_updates_write_fence on doc_updates;
create trigger doc_updates_write_fence before insert on doc_updates
  for each row execute function samtavla_check_write_fence();

drop trigger if exists doc_snapshots_write_fence on doc_snapshots;
create trigger doc_snapshots_write_fence before insert or update on doc_snapshots
  for each row execute function samtavla_check_write_fence();

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table doc_write_fences from %I', api_role);
      execute format('revoke all on function samtavla_check_write_fence() from %I', api_role);
    end if;
  end loop;
  revoke all on function samtavla_check_write_fence() from public;
end
$$;
