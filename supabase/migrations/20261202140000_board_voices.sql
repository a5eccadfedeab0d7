-- Issue 12: the user associations' voice at board level lives in a document of its own,
-- `board:<id>:voices` (asks, answers, feedback on effects; src/lib/domain/board-voices-doc.ts).
-- * samtavla_purge_board drops it with the board (the one change: its name in doc_names).
-- * samtavla_user_voices_docs also lists board voices documents the person wrote in, so erasure
--   reaches asks on boards they have left since.
-- * actions.outcome: what came of a done action (board-doc.ts), projected like the other fields
--   so the register shows it; samtavla_replace_board_actions and samtavla_register_actions carry it.
-- No new table. History retention needs nothing: like `board:<id>`, the document belongs to no
-- meeting, and only adjusted meetings' logs are pruned. The stale-projection scan joins board
-- names exactly, so it leaves this document alone.
-- Nothing here uses PostgreSQL 16+ syntax. `create or replace` keeps the functions' grants.

-- This replaces the versions of migration comments (20261201150000) too: the comments documents
-- stay in both lists.
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
    || array(select 'meeting:' || x || ':voices' from unnest(meeting_ids) x)
    || array(select 'meeting:' || x || ':comments' from unnest(meeting_ids) x)
    || array['board:' || p_board_id || ':voices'];

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

create or replace function samtavla_user_voices_docs(p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(doc_name order by doc_name), '[]'::jsonb)
  from (
    select distinct doc_name from doc_updates
    where author_id = p_user_id and (doc_name like 'meeting:%:voices' or doc_name like 'meeting:%:comments' or doc_name like 'board:%:voices')
  ) d
$$;

alter table actions add column if not exists outcome text not null default '';

-- Replaces a board's projected actions (a jsonb array of objects keyed like the columns of
-- `actions`, without board_id) and records how far the projection goes. Returns false and
-- changes nothing when the board is gone or a newer projection is stored.
create or replace function samtavla_replace_board_actions(p_board_id text, p_doc_name text, p_actions jsonb, p_up_to_id bigint) returns boolean
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
                       meeting_id, item_id, created_by, created_at, status_changed_by, status_changed_at, outcome)
  select p_board_id, a.id, a.title, a.description, a.agency_id, a.raised_by_agency_id, a.assignee_id, a.due_date, a.status,
         a.meeting_id, a.item_id, a.created_by, a.created_at, a.status_changed_by, a.status_changed_at, coalesce(a.outcome, '')
  from jsonb_to_recordset(coalesce(p_actions, '[]'::jsonb)) as a (
    id text, title text, description text, agency_id text, raised_by_agency_id text, assignee_id text, due_date date,
    status text, meeting_id text, item_id text, created_by text, created_at timestamptz, status_changed_by text,
    status_changed_at timestamptz, outcome text
  );
  update doc_projections set projected_update_id = p_up_to_id, projected_at = now() where doc_name = p_doc_name;
  return true;
end
$$;

-- The action register: actions of every board the user is a member of, soonest due first (no
-- due date last). Every filter given must hold; p_today (the person's local date) is what
-- "overdue" is measured against.
create or replace function samtavla_register_actions(
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
           'status_changed_by', a.status_changed_by, 'status_changed_at', a.status_changed_at, 'outcome', a.outcome
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
