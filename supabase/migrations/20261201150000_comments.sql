-- Comments on the minutes (issue 12, point 4) live in a third Yjs document per meeting,
-- meeting:<id>:comments. Deleting a board, pruning never-held drafts and erasing an account must
-- reach it as they reach meeting:<id> and meeting:<id>:voices: the functions that list a meeting's
-- documents by name are replaced here with the comments document added (privileges stay as granted
-- by the migrations that created them; "create or replace" keeps them).

-- The voices and comments documents (meeting:<id>:voices, meeting:<id>:comments) with an update the
-- person made, as a jsonb array: both may carry their name (erasure).
create or replace function samtavla_user_voices_docs(p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(doc_name order by doc_name), '[]'::jsonb)
  from (
    select distinct doc_name from doc_updates
    where author_id = p_user_id and (doc_name like 'meeting:%:voices' or doc_name like 'meeting:%:comments')
  ) d
$$;

-- As in migration board_deletion, with the comments documents.
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
    || array(select 'meeting:' || x || ':comments' from unnest(meeting_ids) x);

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
-- As in migration board_deletion, with the comments documents.
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
  names := array(select 'meeting:' || x from unnest(ids) x) || array(select 'meeting:' || x || ':voices' from unnest(ids) x)
    || array(select 'meeting:' || x || ':comments' from unnest(ids) x);
  docs := samtavla_drop_docs(names);
  -- As after a purge: a server holding one of these documents cannot write it back.
  insert into purged_docs (name_hash, purged_at)
  select samtavla_doc_name_hash(x), now() from unnest(names) x
  on conflict (name_hash) do update set purged_at = excluded.purged_at;
  return jsonb_build_object('meetings', n, 'updates', docs -> 'updates', 'snapshots', docs -> 'snapshots');
end
$$;
