-- History retention reaches the comments documents (meeting:<id>:comments, issue 12 point 4):
-- once a meeting is adjusted and its retention period has passed, who wrote which comment goes
-- from the compacted update log like the meeting's and voices' history (the snapshot keeps the
-- comments themselves). As in migration board_deletion, with the comments document added; nothing
-- here needs PostgreSQL 16+. `create or replace` keeps the functions' grants.

create or replace function samtavla_board_prune_history(p_board_id text, p_adjusted_before timestamptz, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with doomed as (
    select u.id, u.doc_name from doc_updates u
    join doc_snapshots s on s.doc_name = u.doc_name
    join meetings m on u.doc_name in ('meeting:' || m.id, 'meeting:' || m.id || ':voices', 'meeting:' || m.id || ':comments')
    where m.board_id = p_board_id and m.status = 'adjusted' and m.status_changed_at < p_adjusted_before
      and u.id <= s.last_update_id
    limit greatest(1, coalesce(p_limit, 10000))
  ), gone as (
    delete from doc_updates where id in (select id from doomed) returning doc_name
  )
  select jsonb_build_object('updates', count(*), 'documents', count(distinct doc_name)) from gone
$$;

create or replace function samtavla_doc_prune_history(p_adjusted_before timestamptz, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with doomed as (
    select u.id, u.doc_name from doc_updates u
    join doc_snapshots s on s.doc_name = u.doc_name
    join meetings m on u.doc_name in ('meeting:' || m.id, 'meeting:' || m.id || ':voices', 'meeting:' || m.id || ':comments')
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
