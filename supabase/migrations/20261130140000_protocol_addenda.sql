-- Addenda (protokollsanteckningar, issue 10): a correction to an adjusted protocol is a new,
-- separately approved text, never an edit. One row per addendum; its text and hash never change
-- (a trigger refuses it); only its approvals grow, through samtavla_addendum_approve, which
-- applies only at the revision the approval was decided on (compare-and-set).
create table protocol_addenda (
  meeting_id text not null references meeting_protocols (meeting_id) on delete restrict,
  number integer not null check (number > 0),
  text text not null,
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  created_by text references users (id) on delete set null,
  created_at timestamptz not null,
  approvals jsonb not null default '[]'::jsonb,
  approved_at timestamptz,
  revision integer not null default 0,
  primary key (meeting_id, number)
);

create function samtavla_addendum_fixed() returns trigger
language plpgsql set search_path = public
as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'an addendum is never removed (meeting %, addendum %)', old.meeting_id, old.number using errcode = 'P0002';
  end if;
  if new.text is distinct from old.text or new.hash is distinct from old.hash or new.number is distinct from old.number
     or new.meeting_id is distinct from old.meeting_id or old.approved_at is not null then
    raise exception 'an addendum''s text is never changed, nor one that is approved (meeting %, addendum %)', old.meeting_id, old.number using errcode = 'P0002';
  end if;
  return new;
end
$$;
create trigger protocol_addenda_fixed before update or delete on protocol_addenda
  for each row execute function samtavla_addendum_fixed();

alter table protocol_addenda enable row level security;

-- Records an approval state if the addendum is still at p_revision; logs it as a meeting event.
-- Returns false when the row moved on (or is gone).
create function samtavla_addendum_approve(
  p_meeting_id text,
  p_number integer,
  p_revision integer,
  p_approvals jsonb,
  p_approved_at timestamptz,
  p_actor_id text,
  p_at timestamptz
) returns boolean
language plpgsql set search_path = public
as $$
begin
  update protocol_addenda set approvals = p_approvals, approved_at = p_approved_at, revision = revision + 1
  where meeting_id = p_meeting_id and number = p_number and revision = p_revision and approved_at is null;
  if not found then
    return false;
  end if;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_meeting_id, 'addendum_approved', p_actor_id, p_at, jsonb_build_object('number', p_number, 'approved', p_approved_at is not null));
  return true;
end
$$;

-- Adds an addendum and logs it; false when its number is taken (someone wrote one at the same time).
create function samtavla_addendum_add(
  p_meeting_id text,
  p_number integer,
  p_text text,
  p_hash text,
  p_created_by text,
  p_created_at timestamptz
) returns boolean
language plpgsql set search_path = public
as $$
begin
  insert into protocol_addenda (meeting_id, number, text, hash, created_by, created_at)
  values (p_meeting_id, p_number, p_text, p_hash, p_created_by, p_created_at)
  on conflict (meeting_id, number) do nothing;
  if not found then
    return false;
  end if;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_meeting_id, 'addendum_written', p_created_by, p_created_at, jsonb_build_object('number', p_number, 'hash', p_hash));
  return true;
end
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in store_functions.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname in ('samtavla_addendum_add', 'samtavla_addendum_approve', 'samtavla_addendum_fixed')
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
      execute format('revoke all on table protocol_addenda from %I', api_role);
    end if;
  end loop;
end
$$;
