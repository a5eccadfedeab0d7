-- The meeting's lifecycle (issue 10): its status, its justering and its sealed protocol live in
-- SQL, where the server decides them, not in the meeting's Yjs document, which every editor writes.
--
-- meetings.revision is bumped by every change made through samtavla_meeting_change, which only
-- applies when the caller read the row at that revision (compare-and-set): two instances moving
-- the same meeting at once cannot both win, and nothing is decided on a stale read.
-- meetings.sequence is the iCal SEQUENCE: bumped when the calendar entry changes (details, cancel).
-- meetings.status_changed_at is null for a meeting never moved here (its older status lived in
-- the meeting document; the page adopts that once).
alter table meetings
  add column status text not null default 'planned'
    check (status in ('planned', 'in_progress', 'held', 'in_adjustment', 'adjusted', 'cancelled')),
  add column status_changed_at timestamptz,
  add column cancel_reason text not null default '',
  add column sequence integer not null default 0,
  add column updated_at timestamptz,
  add column revision integer not null default 0,
  -- The justering (appointment, approvals, objections, answers) as the domain states it
  -- (src/lib/domain/adjustment.ts); null until the chair appoints adjusters.
  add column adjustment jsonb;

-- What happened to a meeting, by whom and when: moves, changed details, publishing.
create table meeting_events (
  id bigserial primary key,
  meeting_id text not null references meetings (id) on delete cascade,
  kind text not null,
  actor_id text references users (id) on delete set null,
  at timestamptz not null,
  detail jsonb not null default '{}'::jsonb
);
create index meeting_events_meeting_id_idx on meeting_events (meeting_id, id);

-- The adjusted protocol: its canonical form exactly as hashed (text, not jsonb, which would
-- reorder keys), the Yjs states of meeting:<id> and meeting:<id>:voices when it was adjusted, and
-- the approvals. Written once; nothing updates or deletes a row (a trigger refuses it).
create table meeting_protocols (
  meeting_id text primary key references meetings (id) on delete restrict,
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  format integer not null,
  canonical text not null,
  meeting_state bytea not null,
  voices_state bytea not null,
  approvals jsonb not null,
  sealed_at timestamptz not null
);

create function samtavla_protocol_immutable() returns trigger
language plpgsql set search_path = public
as $$
begin
  raise exception 'an adjusted protocol is never changed (meeting %)', old.meeting_id using errcode = 'P0002';
end
$$;
create trigger meeting_protocols_immutable before update or delete on meeting_protocols
  for each row execute function samtavla_protocol_immutable();

alter table meeting_events enable row level security;
alter table meeting_protocols enable row level security;

-- One change to a meeting, if it is still at p_revision: any of status, cancel reason, details
-- and adjustment (a null argument leaves that column as it is), with its event. Returns the new
-- revision, or null when the row moved on (or is gone) and nothing was changed.
create function samtavla_meeting_change(
  p_id text,
  p_revision integer,
  p_status text,
  p_cancel_reason text,
  p_details jsonb,
  p_adjustment jsonb,
  p_bump_sequence boolean,
  p_event_kind text,
  p_actor_id text,
  p_at timestamptz,
  p_detail jsonb
) returns integer
language plpgsql set search_path = public
as $$
declare
  next_revision integer;
begin
  update meetings set
    status = coalesce(p_status, status),
    status_changed_at = case when p_status is null then status_changed_at else p_at end,
    cancel_reason = coalesce(p_cancel_reason, cancel_reason),
    title = coalesce(p_details ->> 'title', title),
    starts_at = coalesce((p_details ->> 'startsAt')::timestamptz, starts_at),
    place = coalesce(p_details ->> 'place', place),
    accessibility_notes = coalesce(p_details ->> 'accessibilityNotes', accessibility_notes),
    online_url = coalesce(p_details ->> 'onlineUrl', online_url),
    adjustment = coalesce(p_adjustment, adjustment),
    sequence = sequence + case when p_bump_sequence then 1 else 0 end,
    updated_at = p_at,
    revision = revision + 1
  where id = p_id and revision = p_revision
  returning revision into next_revision;
  if next_revision is null then
    return null;
  end if;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_id, p_event_kind, p_actor_id, p_at, coalesce(p_detail, '{}'::jsonb));
  return next_revision;
end
$$;

-- Adjusts a meeting in one transaction, if it is still at p_revision and in adjustment: stores
-- the protocol, the final adjustment and the status. Returns false when the row moved on.
create function samtavla_meeting_seal(
  p_id text,
  p_revision integer,
  p_adjustment jsonb,
  p_hash text,
  p_format integer,
  p_canonical text,
  p_meeting_state bytea,
  p_voices_state bytea,
  p_approvals jsonb,
  p_actor_id text,
  p_at timestamptz
) returns boolean
language plpgsql set search_path = public
as $$
begin
  update meetings set
    status = 'adjusted',
    status_changed_at = p_at,
    adjustment = p_adjustment,
    updated_at = p_at,
    revision = revision + 1
  where id = p_id and revision = p_revision and status = 'in_adjustment';
  if not found then
    return false;
  end if;
  insert into meeting_protocols (meeting_id, hash, format, canonical, meeting_state, voices_state, approvals, sealed_at)
  values (p_id, p_hash, p_format, p_canonical, p_meeting_state, p_voices_state, p_approvals, p_at);
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_id, 'adjusted', p_actor_id, p_at, jsonb_build_object('hash', p_hash));
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
    where n.nspname = 'public' and p.proname in ('samtavla_meeting_change', 'samtavla_meeting_seal', 'samtavla_protocol_immutable')
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
      execute format('revoke all on table meeting_events, meeting_protocols from %I', api_role);
      execute format('revoke all on sequence meeting_events_id_seq from %I', api_role);
    end if;
  end loop;
end
$$;
