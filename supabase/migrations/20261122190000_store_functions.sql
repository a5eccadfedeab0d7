-- The store's transactional and compound verbs as SQL functions. Every adapter calls these: the
-- SQL store (embedded PGlite, PostgreSQL) with `select samtavla_…(…)`, the Supabase adapter through
-- PostgREST (`POST /rest/v1/rpc/samtavla_…`), which runs each request in one transaction but cannot
-- span several requests. So each rule below (a board is never left without an owner, a document
-- loads consistently, a projection never goes backwards…) has exactly one implementation.
-- It comes after doc_write_fences (20261122180000): the document writes take its fencing token.
--
-- Conventions, for PostgREST as much as for us:
--   * parameters are named p_… and are the JSON keys of an RPC call;
--   * every function pins `search_path = public`, so neither a caller's path nor an object of the
--     same name elsewhere changes what it refers to;
--   * reads that may return many rows return one jsonb value (or a single row): PostgREST's
--     `max-rows` (1000 on Supabase) silently cuts set-returning results, never a scalar;
--   * bytea leaves as bytea (single row or bytea[]): the SQL drivers give bytes, PostgREST gives
--     "\x<hex>" strings (bytea_output = hex, PostgreSQL's default), which the adapter decodes;
--   * nothing uses PostgreSQL 16+ syntax: this runs on PostgreSQL 15 (Supabase) and 18 (PGlite).

-- Accounts -----------------------------------------------------------------------------------

-- Ordered case-insensitively, which PostgREST's `order=` (by the column's collation) cannot say.
create function samtavla_agencies() returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'kind', kind, 'color', color) order by lower(name)), '[]'::jsonb)
  from agencies
$$;

-- lower() = lower(), the unique index's own expression: PostgREST's ilike would treat % and _ as wildcards.
create function samtavla_agency_by_name(p_name text) returns setof agencies
language sql stable set search_path = public
as $$
  select * from agencies where lower(name) = lower(p_name)
$$;

create function samtavla_user_by_email(p_email text) returns setof users
language sql stable set search_path = public
as $$
  select * from users where lower(email) = lower(p_email)
$$;

-- One statement, so concurrent failures for the same key are all counted.
create function samtavla_record_sign_in_failure(p_key text, p_at timestamptz) returns integer
language sql set search_path = public
as $$
  insert into sign_in_failures (key, failures, last_failure_at) values (p_key, 1, p_at)
  on conflict (key) do update set failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at
  returning failures
$$;

-- Boards and membership ----------------------------------------------------------------------

-- The board and its owner's membership together or not at all.
create function samtavla_create_board(p_id text, p_name text, p_description text, p_created_by text, p_created_at timestamptz, p_owner_id text)
returns void
language sql set search_path = public
as $$
  insert into boards (id, name, description, created_by, created_at) values (p_id, p_name, p_description, p_created_by, p_created_at);
  insert into board_members (board_id, user_id, role) values (p_id, p_owner_id, 'owner');
$$;

create function samtavla_boards_for_user(p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', b.id, 'name', b.name, 'description', b.description, 'created_by', b.created_by,
           'created_at', b.created_at, 'role', m.role
         ) order by lower(b.name), b.id), '[]'::jsonb)
  from boards b join board_members m on m.board_id = b.id
  where m.user_id = p_user_id
$$;

create function samtavla_board_members(p_board_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'user', jsonb_build_object('id', u.id, 'email', u.email, 'display_name', u.display_name, 'agency_id', u.agency_id, 'created_at', u.created_at),
           'agency', jsonb_build_object('id', a.id, 'name', a.name, 'kind', a.kind, 'color', a.color),
           'role', m.role,
           'joined_at', m.joined_at
         ) order by lower(a.name), lower(u.display_name), u.id), '[]'::jsonb)
  from board_members m join users u on u.id = m.user_id join agencies a on a.id = u.agency_id
  where m.board_id = p_board_id
$$;

-- Joins, or keeps the stronger role when already a member. One statement: `on conflict` waits for
-- a concurrent join of the same person instead of failing, so concurrent joins end in one row.
-- The ranking is BOARD_ROLES in src/lib/domain/roles.ts (strongest first).
create function samtavla_add_member(p_board_id text, p_user_id text, p_role text) returns text
language sql set search_path = public
as $$
  insert into board_members as m (board_id, user_id, role) values (p_board_id, p_user_id, p_role)
  on conflict (board_id, user_id) do update set role =
    case
      when array_position(array['owner', 'editor', 'contributor', 'viewer'], excluded.role)
         < array_position(array['owner', 'editor', 'contributor', 'viewer'], m.role)
      then excluded.role
      else m.role
    end
  returning role
$$;

-- Whether a membership may change: 'ok', 'not-member', or 'last-owner' when the change would take
-- the role of the board's only owner. Locks the board's row first, so two owners demoting each
-- other at once are serialised and the second finds itself the last owner. The lock lasts until
-- the caller's transaction ends, i.e. past the change the caller then makes.
create function samtavla_membership_check(p_board_id text, p_user_id text, p_stays_owner boolean) returns text
language plpgsql set search_path = public
as $$
declare
  member_role text;
begin
  perform 1 from boards where id = p_board_id for update;
  if not found then
    return 'not-member';
  end if;
  select role into member_role from board_members where board_id = p_board_id and user_id = p_user_id;
  if not found then
    return 'not-member';
  end if;
  if member_role = 'owner' and not p_stays_owner
     and (select count(*) from board_members where board_id = p_board_id and role = 'owner') <= 1 then
    return 'last-owner';
  end if;
  return 'ok';
end
$$;

create function samtavla_set_member_role(p_board_id text, p_user_id text, p_role text) returns text
language plpgsql set search_path = public
as $$
declare
  verdict text := samtavla_membership_check(p_board_id, p_user_id, p_role = 'owner');
begin
  if verdict <> 'ok' then
    return verdict;
  end if;
  update board_members set role = p_role where board_id = p_board_id and user_id = p_user_id;
  return 'changed';
end
$$;

create function samtavla_remove_member(p_board_id text, p_user_id text) returns text
language plpgsql set search_path = public
as $$
declare
  verdict text := samtavla_membership_check(p_board_id, p_user_id, false);
begin
  if verdict <> 'ok' then
    return verdict;
  end if;
  delete from board_members where board_id = p_board_id and user_id = p_user_id;
  return 'changed';
end
$$;

-- Yjs documents ------------------------------------------------------------------------------

-- The snapshot and the updates after it, in one statement (one snapshot of the data), so a
-- compaction running at the same time cannot hide updates. Always exactly one row.
create function samtavla_doc_load(p_doc_name text)
returns table (snapshot bytea, updates bytea[], last_update_id bigint)
language sql stable set search_path = public
as $$
  with snap as (
    select state, last_update_id from doc_snapshots where doc_name = p_doc_name
  ), later as (
    select id, update from doc_updates
    where doc_name = p_doc_name and id > coalesce((select last_update_id from snap), 0)
  )
  select (select state from snap),
         coalesce((select array_agg(update order by id) from later), '{}'::bytea[]),
         coalesce((select max(id) from later), (select last_update_id from snap), 0)
$$;

-- Fencing (migration 20261122180000_doc_write_fences): a write carrying a fence token names it in
-- the transaction's `samtavla.write_fence`, and the triggers on doc_updates and doc_snapshots refuse
-- it (SQLSTATE SMT01) once a newer claim exists. Naming it inside the function is what lets one
-- PostgREST request make a fenced write. With p_fence null the setting is left alone: a SQL caller
-- may have set it for its own transaction.

-- Makes the caller the document's writer: a token higher than every earlier claim.
create function samtavla_doc_claim(p_doc_name text) returns bigint
language sql set search_path = public
as $$
  insert into doc_write_fences (doc_name, token, claimed_at) values (p_doc_name, 1, now())
  on conflict (doc_name) do update set token = doc_write_fences.token + 1, claimed_at = now()
  returning token
$$;

-- A batch of updates in one statement (never one write per keystroke), ids increasing in the
-- order given; returns the id of the last one.
create function samtavla_doc_append(p_doc_name text, p_updates bytea[], p_fence bigint) returns bigint
language plpgsql set search_path = public
as $$
declare
  last_id bigint;
begin
  if coalesce(cardinality(p_updates), 0) = 0 then
    raise exception 'samtavla_doc_append needs at least one update' using errcode = '22023';
  end if;
  if p_fence is not null then
    perform set_config('samtavla.write_fence', p_fence::text, true);
  end if;
  with inserted as (
    insert into doc_updates (doc_name, update)
    select p_doc_name, u.update from unnest(p_updates) with ordinality as u (update, n) order by u.n
    returning id
  )
  select max(id) into last_id from inserted;
  return last_id;
end
$$;

-- Replaces the snapshot (unless a newer one is stored) and drops the updates it contains.
create function samtavla_doc_compact(p_doc_name text, p_state bytea, p_up_to_id bigint, p_fence bigint) returns void
language plpgsql set search_path = public
as $$
begin
  if p_fence is not null then
    perform set_config('samtavla.write_fence', p_fence::text, true);
  end if;
  insert into doc_snapshots (doc_name, state, last_update_id, updated_at) values (p_doc_name, p_state, p_up_to_id, now())
  on conflict (doc_name) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now()
  where doc_snapshots.last_update_id <= excluded.last_update_id;
  delete from doc_updates where doc_name = p_doc_name and id <= p_up_to_id;
end
$$;

create function samtavla_doc_pending_count(p_doc_name text) returns integer
language sql stable set search_path = public
as $$
  select count(*)::int from doc_updates
  where doc_name = p_doc_name
    and id > coalesce((select last_update_id from doc_snapshots where doc_name = p_doc_name), 0)
$$;

-- Action projection and register -------------------------------------------------------------

-- Replaces a board's projected actions (a jsonb array of objects keyed like the columns of
-- `actions`, without board_id) and records how far the projection goes. Returns false and
-- changes nothing when the board is gone or a newer projection is stored.
create function samtavla_replace_board_actions(p_board_id text, p_doc_name text, p_actions jsonb, p_up_to_id bigint) returns boolean
language plpgsql set search_path = public
as $$
declare
  stored_up_to bigint;
begin
  perform 1 from boards where id = p_board_id;
  if not found then
    return false;
  end if;
  -- Insert first, then lock: `for update` cannot lock a row that does not exist yet.
  insert into doc_projections (doc_name, projected_update_id) values (p_doc_name, -1) on conflict (doc_name) do nothing;
  select projected_update_id into stored_up_to from doc_projections where doc_name = p_doc_name for update;
  if stored_up_to > p_up_to_id then
    return false;
  end if;
  delete from actions where board_id = p_board_id;
  insert into actions (board_id, id, title, description, agency_id, raised_by_agency_id, assignee_id, due_date, status,
                       meeting_id, item_id, created_by, created_at, status_changed_by, status_changed_at)
  select p_board_id, a.id, a.title, a.description, a.agency_id, a.raised_by_agency_id, a.assignee_id, a.due_date, a.status,
         a.meeting_id, a.item_id, a.created_by, a.created_at, a.status_changed_by, a.status_changed_at
  from jsonb_to_recordset(coalesce(p_actions, '[]'::jsonb)) as a (
    id text, title text, description text, agency_id text, raised_by_agency_id text, assignee_id text, due_date date,
    status text, meeting_id text, item_id text, created_by text, created_at timestamptz, status_changed_by text,
    status_changed_at timestamptz
  );
  update doc_projections set projected_update_id = p_up_to_id, projected_at = now() where doc_name = p_doc_name;
  return true;
end
$$;

-- Board documents of existing boards stored beyond their projection (rebuilt at start).
create function samtavla_stale_projections() returns jsonb
language sql stable set search_path = public
as $$
  with stored as (
    select doc_name, max(id) as last_id from doc_updates where doc_name like 'board:%' group by doc_name
    union all
    select doc_name, last_update_id from doc_snapshots where doc_name like 'board:%'
  ), newest as (
    select doc_name, max(last_id) as last_id from stored group by doc_name
  )
  select coalesce(jsonb_agg(jsonb_build_object('doc_name', n.doc_name, 'board_id', b.id, 'last_update_id', n.last_id) order by n.doc_name), '[]'::jsonb)
  from newest n
  join boards b on 'board:' || b.id = n.doc_name
  left join doc_projections p on p.doc_name = n.doc_name
  where p.projected_update_id is null or p.projected_update_id < n.last_id
$$;

-- The action register: actions of every board the user is a member of, soonest due first (no
-- due date last). Every filter given must hold; p_today (the person's local date) is what
-- "overdue" is measured against.
create function samtavla_register_actions(
  p_user_id text, p_today date, p_mine boolean, p_my_agency boolean, p_owed_to_my_agency boolean, p_overdue boolean, p_status text
) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'board_id', a.board_id, 'board_name', b.name, 'id', a.id, 'title', a.title, 'description', a.description,
           'agency_id', a.agency_id, 'agency_name', ag.name, 'agency_color', ag.color,
           'raised_by_agency_id', a.raised_by_agency_id, 'raised_by_agency_name', rb.name,
           'assignee_id', a.assignee_id, 'assignee_name', au.display_name,
           'due_date', to_char(a.due_date, 'YYYY-MM-DD'), 'status', a.status, 'meeting_id', a.meeting_id, 'item_id', a.item_id,
           'created_by', a.created_by, 'created_at', a.created_at,
           'status_changed_by', a.status_changed_by, 'status_changed_at', a.status_changed_at
         ) order by a.due_date asc nulls last, a.created_at, lower(b.name), a.id), '[]'::jsonb)
  from actions a
  join board_members m on m.board_id = a.board_id and m.user_id = p_user_id
  join users me on me.id = m.user_id
  join boards b on b.id = a.board_id
  left join agencies ag on ag.id = a.agency_id
  left join agencies rb on rb.id = a.raised_by_agency_id
  left join users au on au.id = a.assignee_id
  where (not p_mine or a.assignee_id = p_user_id)
    and (not p_my_agency or a.agency_id = me.agency_id)
    and (not p_owed_to_my_agency or (a.raised_by_agency_id = me.agency_id and a.agency_id <> me.agency_id))
    and (not p_overdue or (a.due_date < p_today and a.status <> 'done'))
    and (p_status is null or a.status = p_status)
$$;

-- Calendar feeds -----------------------------------------------------------------------------

-- One live feed per person: the new link ends the earlier ones in the same transaction.
create function samtavla_replace_calendar_feed(p_token_hash text, p_user_id text, p_created_at timestamptz) returns void
language sql set search_path = public
as $$
  update calendar_feeds set revoked_at = p_created_at where user_id = p_user_id and revoked_at is null;
  insert into calendar_feeds (token_hash, user_id, created_at) values (p_token_hash, p_user_id, p_created_at);
$$;

-- Schema version -----------------------------------------------------------------------------

-- What this database has recorded as applied, raw: our own schema_migrations (npm run db:migrate)
-- and the Supabase CLI's history (supabase db push), which PostgREST cannot reach (it serves only
-- public). Turning these into file names is shared TypeScript (src/lib/server/store/migrate.ts).
-- SECURITY DEFINER so the service role may read the CLI's table through this function only;
-- EXECUTE is limited below, and search_path is pinned (as on every function here).
create function samtavla_recorded_migrations() returns jsonb
language plpgsql stable security definer set search_path = public
as $$
declare
  own jsonb := '[]'::jsonb;
  cli jsonb := '[]'::jsonb;
begin
  if to_regclass('public.schema_migrations') is not null then
    select coalesce(jsonb_agg(name order by name), '[]'::jsonb) into own from public.schema_migrations;
  end if;
  if to_regclass('supabase_migrations.schema_migrations') is not null then
    select coalesce(jsonb_agg(jsonb_build_object('version', version, 'name', name) order by version), '[]'::jsonb)
      into cli from supabase_migrations.schema_migrations;
  end if;
  return jsonb_build_object('own', own, 'supabase', cli);
end
$$;

-- Who may call them --------------------------------------------------------------------------

-- PostgreSQL grants EXECUTE on new functions to PUBLIC, and Supabase's default privileges grant it
-- to anon and authenticated: through the Data API these functions would bypass what row-level
-- security keeps from those roles. Only the server calls them: the owner, or Supabase's
-- service_role. On plain PostgreSQL and PGlite the API roles do not exist.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname like 'samtavla\_%'
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
end
$$;

-- And for functions later migrations create as this role: no EXECUTE for PUBLIC by default.
alter default privileges in schema public revoke execute on functions from public;
