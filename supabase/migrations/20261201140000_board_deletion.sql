-- Board deletion and retention per board (issue 11, points 11 and 12).
--
-- Deletion: an owner asks for it (deletion_requested_at/by); for 30 days every member sees the
-- date and an owner can cancel; then the daily upkeep job calls samtavla_purge_board, which
-- removes every row that belongs to the board in one transaction: its meetings with their events,
-- adjusted protocols and addenda, publications, invites, members, removals,
-- projected actions, and the documents of the board and its meetings (updates, snapshots, write
-- fences, quarantined updates, projections). The audit log keeps its entries about the board: it
-- is the append-only accountability record (and its hash chain would break otherwise); the purge
-- adds one 'board-purged' entry with counts (written by the server, after the purge).
--
-- Adjusted protocols and addenda are never changed or removed: their triggers now make exactly one
-- exception, a purge of the board they belong to. samtavla_purge_board names that board for its
-- own transaction (setting samtavla.purging_board); the triggers let a row go only when its
-- meeting belongs to that board. A plain DELETE by anyone else is refused as before. As with the
-- audit log's trim setting: whoever can set that setting by hand can also disable triggers; the
-- API roles can do neither (revoked below and in earlier migrations).
--
-- Retention: three nullable periods per board (null = the default, see src/lib/domain/retention.ts).

alter table boards
  add column if not exists deletion_requested_at timestamptz,
  add column if not exists deletion_requested_by text references users (id) on delete set null,
  -- Meetings still planned or cancelled this many days after their start are removed.
  add column if not exists retain_drafts_days integer check (retain_drafts_days is null or retain_drafts_days between 30 and 3650),
  -- The authored update log of an adjusted meeting is kept this many days after its adjustment
  -- (overrides HISTORY_RETENTION_DAYS for this board).
  add column if not exists retain_history_days integer check (retain_history_days is null or retain_history_days between 0 and 3650),
  -- Audit entries about this board are kept at least this many days: the audit trim never goes
  -- past the largest of these (the chain only allows removing the oldest entries of the whole log).
  add column if not exists retain_audit_days integer check (retain_audit_days is null or retain_audit_days between 30 and 3650);

create index if not exists boards_deletion_requested_idx on boards (deletion_requested_at) where deletion_requested_at is not null;

-- The triggers: unchanged, but for a purge of the row's own board.
create or replace function samtavla_purging_meeting(p_meeting_id text) returns boolean
language sql stable set search_path = public
as $$
  select coalesce(current_setting('samtavla.purging_board', true), '') <> ''
     and exists (select 1 from meetings m where m.id = p_meeting_id and m.board_id = current_setting('samtavla.purging_board', true))
$$;

create or replace function samtavla_protocol_immutable() returns trigger
language plpgsql set search_path = public
as $$
begin
  if tg_op = 'DELETE' and samtavla_purging_meeting(old.meeting_id) then
    return old;
  end if;
  raise exception 'an adjusted protocol is never changed (meeting %)', old.meeting_id using errcode = 'P0002';
end
$$;

create or replace function samtavla_addendum_fixed() returns trigger
language plpgsql set search_path = public
as $$
begin
  if tg_op = 'DELETE' then
    if samtavla_purging_meeting(old.meeting_id) then
      return old;
    end if;
    raise exception 'an addendum is never removed (meeting %, addendum %)', old.meeting_id, old.number using errcode = 'P0002';
  end if;
  if new.text is distinct from old.text or new.hash is distinct from old.hash or new.number is distinct from old.number
     or new.meeting_id is distinct from old.meeting_id or old.approved_at is not null then
    raise exception 'an addendum''s text is never changed, nor one that is approved (meeting %, addendum %)', old.meeting_id, old.number using errcode = 'P0002';
  end if;
  return new;
end
$$;

-- Removes the documents named, with everything stored about them; counts as jsonb.
create or replace function samtavla_drop_docs(p_names text[]) returns jsonb
language plpgsql set search_path = public
as $$
declare
  n_updates bigint;
  n_snapshots bigint;
begin
  delete from doc_updates where doc_name = any (p_names);
  get diagnostics n_updates = row_count;
  delete from doc_snapshots where doc_name = any (p_names);
  get diagnostics n_snapshots = row_count;
  delete from doc_write_fences where doc_name = any (p_names);
  delete from doc_quarantine where doc_name = any (p_names);
  delete from doc_projections where doc_name = any (p_names);
  return jsonb_build_object('updates', n_updates, 'snapshots', n_snapshots);
end
$$;


-- A server that still holds a document of a purged board in memory (a socket open at the moment,
-- another instance, a retry after a failed write) must not write it back. For a few days after a
-- purge, the SHA-256 of each of its document names is kept here (the names themselves, and the
-- board's id, are not), and a write to such a document is refused with SQLSTATE SMT02, which the
-- server's writer takes as "stop for good, drop what is queued". The daily job forgets them after
-- a week (samtavla_forget_purged_docs): by then every instance has unloaded the documents.
create table if not exists purged_docs (
  name_hash text primary key check (name_hash ~ '^[0-9a-f]{64}$'),
  purged_at timestamptz not null
);
alter table purged_docs enable row level security;

create or replace function samtavla_doc_name_hash(p_name text) returns text
language sql immutable set search_path = public
as $$
  select encode(sha256(convert_to(p_name, 'UTF8')), 'hex')
$$;

create or replace function samtavla_refuse_purged_doc() returns trigger
language plpgsql set search_path = public
as $$
begin
  -- Almost always empty: one cheap look before hashing anything.
  if exists (select 1 from purged_docs) and exists (select 1 from purged_docs where name_hash = samtavla_doc_name_hash(new.doc_name)) then
    raise exception 'write to a document of a deleted board refused' using errcode = 'SMT02';
  end if;
  return new;
end
$$;

drop trigger if exists doc_updates_not_purged on doc_updates;
create trigger doc_updates_not_purged before insert on doc_updates
  for each row execute function samtavla_refuse_purged_doc();
drop trigger if exists doc_snapshots_not_purged on doc_snapshots;
create trigger doc_snapshots_not_purged before insert or update on doc_snapshots
  for each row execute function samtavla_refuse_purged_doc();

create or replace function samtavla_forget_purged_docs(p_before timestamptz) returns bigint
language plpgsql set search_path = public
as $$
declare
  n bigint;
begin
  delete from purged_docs where purged_at < p_before;
  get diagnostics n = row_count;
  return n;
end
$$;

-- Purges the board if its deletion was requested before p_requested_before (so a cancelled or
-- newer request is never purged by a late job). Returns the counts, or null when nothing was due.
create or replace function samtavla_purge_board(p_board_id text, p_requested_before timestamptz) returns jsonb
language plpgsql set search_path = public
as $$
declare
  meeting_ids text[];
  doc_names text[];
  docs jsonb;
  n_meetings bigint;
  n_protocols bigint;
  n_addenda bigint;
  n_members bigint;
  n_invites bigint;
  n_actions bigint;
begin
  -- Locks the board row: a cancellation at the same moment waits, then finds no board.
  perform 1 from boards where id = p_board_id and deletion_requested_at is not null and deletion_requested_at < p_requested_before for update;
  if not found then
    return null;
  end if;
  select coalesce(array_agg(id), '{}') into meeting_ids from meetings where board_id = p_board_id;
  doc_names := array['board:' || p_board_id]
    || array(select 'meeting:' || x from unnest(meeting_ids) x)
    || array(select 'meeting:' || x || ':voices' from unnest(meeting_ids) x);

  perform set_config('samtavla.purging_board', p_board_id, true);
  delete from protocol_addenda where meeting_id = any (meeting_ids);
  get diagnostics n_addenda = row_count;
  delete from protocol_publications where board_id = p_board_id or meeting_id = any (meeting_ids);
  delete from meeting_protocols where meeting_id = any (meeting_ids);
  get diagnostics n_protocols = row_count;
  perform set_config('samtavla.purging_board', '', true);

  delete from actions where board_id = p_board_id;
  get diagnostics n_actions = row_count;
  delete from meeting_events where meeting_id = any (meeting_ids);
  delete from meetings where board_id = p_board_id;
  get diagnostics n_meetings = row_count;
  delete from invites where board_id = p_board_id;
  get diagnostics n_invites = row_count;
  delete from board_removals where board_id = p_board_id;
  delete from board_members where board_id = p_board_id;
  get diagnostics n_members = row_count;
  docs := samtavla_drop_docs(doc_names);
  insert into purged_docs (name_hash, purged_at)
  select samtavla_doc_name_hash(x), now() from unnest(doc_names) x
  on conflict (name_hash) do update set purged_at = excluded.purged_at;
  delete from boards where id = p_board_id;

  return jsonb_build_object(
    'meetings', n_meetings, 'protocols', n_protocols, 'addenda', n_addenda, 'members', n_members,
    'invites', n_invites, 'actions', n_actions, 'updates', docs -> 'updates', 'snapshots', docs -> 'snapshots'
  );
end
$$;

-- Retention (a): meetings never held — still planned or cancelled, started before p_started_before
-- — go with their events and documents. Never one with a protocol (only adjusted meetings have one).
create or replace function samtavla_prune_drafts(p_board_id text, p_started_before timestamptz) returns jsonb
language plpgsql set search_path = public
as $$
declare
  ids text[];
  names text[];
  docs jsonb;
  n bigint;
begin
  select coalesce(array_agg(m.id), '{}') into ids from meetings m
  where m.board_id = p_board_id and m.status in ('planned', 'cancelled') and m.starts_at < p_started_before
    and not exists (select 1 from meeting_protocols p where p.meeting_id = m.id);
  if cardinality(ids) = 0 then
    return jsonb_build_object('meetings', 0, 'updates', 0, 'snapshots', 0);
  end if;
  delete from protocol_publications where meeting_id = any (ids);
  delete from meeting_events where meeting_id = any (ids);
  delete from meetings where id = any (ids);
  get diagnostics n = row_count;
  names := array(select 'meeting:' || x from unnest(ids) x) || array(select 'meeting:' || x || ':voices' from unnest(ids) x);
  docs := samtavla_drop_docs(names);
  -- As after a purge: a server holding one of these documents cannot write it back.
  insert into purged_docs (name_hash, purged_at)
  select samtavla_doc_name_hash(x), now() from unnest(names) x
  on conflict (name_hash) do update set purged_at = excluded.purged_at;
  return jsonb_build_object('meetings', n, 'updates', docs -> 'updates', 'snapshots', docs -> 'snapshots');
end
$$;

-- Retention (b), per board: as samtavla_doc_prune_history, for one board's adjusted meetings.
create or replace function samtavla_board_prune_history(p_board_id text, p_adjusted_before timestamptz, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with doomed as (
    select u.id, u.doc_name from doc_updates u
    join doc_snapshots s on s.doc_name = u.doc_name
    join meetings m on u.doc_name in ('meeting:' || m.id, 'meeting:' || m.id || ':voices')
    where m.board_id = p_board_id and m.status = 'adjusted' and m.status_changed_at < p_adjusted_before
      and u.id <= s.last_update_id
    limit greatest(1, coalesce(p_limit, 10000))
  ), gone as (
    delete from doc_updates where id in (select id from doomed) returning doc_name
  )
  select jsonb_build_object('updates', count(*), 'documents', count(distinct doc_name)) from gone
$$;

-- The global history retention leaves boards with their own period to the per-board function.
create or replace function samtavla_doc_prune_history(p_adjusted_before timestamptz, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with doomed as (
    select u.id, u.doc_name from doc_updates u
    join doc_snapshots s on s.doc_name = u.doc_name
    join meetings m on u.doc_name in ('meeting:' || m.id, 'meeting:' || m.id || ':voices')
    join boards b on b.id = m.board_id
    where m.status = 'adjusted' and m.status_changed_at < p_adjusted_before
      and b.retain_history_days is null
      and u.id <= s.last_update_id
    limit greatest(1, coalesce(p_limit, 10000))
  ), gone as (
    delete from doc_updates where id in (select id from doomed) returning doc_name
  )
  select jsonb_build_object('updates', count(*), 'documents', count(distinct doc_name)) from gone
$$;

-- Only the server calls these (as in store_functions).
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array[
    'samtavla_purging_meeting(text)',
    'samtavla_drop_docs(text[])',
    'samtavla_purge_board(text, timestamptz)',
    'samtavla_doc_name_hash(text)',
    'samtavla_refuse_purged_doc()',
    'samtavla_forget_purged_docs(timestamptz)',
    'samtavla_prune_drafts(text, timestamptz)',
    'samtavla_board_prune_history(text, timestamptz, integer)',
    'samtavla_doc_prune_history(timestamptz, integer)'
  ] loop
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
  -- As every table (migration revoke_api_roles): the API roles get nothing.
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table purged_docs from %I', api_role);
    end if;
  end loop;
end
$$;
