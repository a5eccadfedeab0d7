-- History with authors (issue 11, point 5): every stored update keeps who made it, and compaction
-- no longer throws the log away.
--
-- * doc_updates gains author_id and agency_id (the member whose connection sent the update; null
--   for the server's own changes) and source: 'member' (a member's connection), 'server' (a
--   service, a rebuilt load, a resync), 'legacy' (stored before this migration: author unknown).
--   No foreign keys: an append must never fail because a person was erased meanwhile (the writer
--   would retry the whole batch, everyone's words with it, for ever); erasure clears author_id
--   itself, and agency_id is what is left to say "former member (agency)".
-- * Compaction writes the snapshot and keeps the updates it covers: the snapshot's last_update_id
--   already says which updates load must skip (samtavla_doc_load reads only those after it), so
--   the document loads exactly as before, from the snapshot and the updates after it.
-- * samtavla_doc_history reads the authored log; samtavla_doc_prune_history deletes what the
--   retention rule lets go (compacted updates of meetings adjusted before a cut-off).

alter table doc_updates
  add column if not exists author_id text,
  add column if not exists agency_id text,
  -- Rows already stored get 'legacy'; new rows default to 'server' (an append that names no author).
  add column if not exists source text not null default 'legacy';
alter table doc_updates alter column source set default 'server';
alter table doc_updates drop constraint if exists doc_updates_source_check;
alter table doc_updates add constraint doc_updates_source_check
  check (source in ('member', 'server', 'legacy') and (source = 'member' or (author_id is null and agency_id is null)));

-- For a person's data export and erasure (issue 11, points 10–11): their updates without a scan.
create index if not exists doc_updates_author_id_idx on doc_updates (author_id) where author_id is not null;

-- The append takes one author per update (p_authors: a jsonb array as long as p_updates, each
-- element null for the server or {"user": id, "agency": id}); without p_authors every update is
-- the server's. The three-argument version goes: PostgREST picks a function by its argument
-- names, and two of the same name would make that ambiguous.
drop function if exists samtavla_doc_append(text, bytea[], bigint);
create function samtavla_doc_append(p_doc_name text, p_updates bytea[], p_fence bigint, p_authors jsonb default null) returns bigint
language plpgsql set search_path = public
as $$
declare
  last_id bigint;
begin
  if coalesce(cardinality(p_updates), 0) = 0 then
    raise exception 'samtavla_doc_append needs at least one update' using errcode = '22023';
  end if;
  if p_authors is not null and (jsonb_typeof(p_authors) <> 'array' or jsonb_array_length(p_authors) <> cardinality(p_updates)) then
    raise exception 'samtavla_doc_append needs one author (or null) per update' using errcode = '22023';
  end if;
  if p_fence is not null then
    perform set_config('samtavla.write_fence', p_fence::text, true);
  end if;
  with inserted as (
    insert into doc_updates (doc_name, update, author_id, agency_id, source)
    select p_doc_name, u.update, a.value ->> 'user', a.value ->> 'agency',
           case when a.value ->> 'user' is null and a.value ->> 'agency' is null then 'server' else 'member' end
    from unnest(p_updates) with ordinality as u (update, n)
    left join jsonb_array_elements(p_authors) with ordinality as a (value, n) on a.n = u.n
    order by u.n
    returning id
  )
  select max(id) into last_id from inserted;
  return last_id;
end
$$;

-- Replaces the snapshot (unless a newer one is stored). The updates it contains stay in the log,
-- as history; load skips them (they are at or below the snapshot's last_update_id).
create or replace function samtavla_doc_compact(p_doc_name text, p_state bytea, p_up_to_id bigint, p_fence bigint) returns void
language plpgsql set search_path = public
as $$
begin
  if p_fence is not null then
    perform set_config('samtavla.write_fence', p_fence::text, true);
  end if;
  insert into doc_snapshots (doc_name, state, last_update_id, updated_at) values (p_doc_name, p_state, p_up_to_id, now())
  on conflict (doc_name) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now()
  where doc_snapshots.last_update_id <= excluded.last_update_id;
end
$$;

-- The authored log of a document after p_after_id, oldest first, at most p_limit (1–5000) rows,
-- as one row (PostgREST would cut a set at max-rows): who and when as a jsonb array, the updates
-- as bytea[] in the same order (bytea stays bytea, the convention of store_functions).
create function samtavla_doc_history(p_doc_name text, p_after_id bigint, p_limit integer)
returns table (entries jsonb, updates bytea[])
language sql stable set search_path = public
as $$
  with page as (
    select id, created_at, author_id, agency_id, source, update from doc_updates
    where doc_name = p_doc_name and id > coalesce(p_after_id, 0)
    order by id
    limit greatest(1, least(coalesce(p_limit, 1000), 5000))
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'at', created_at, 'author_id', author_id, 'agency_id', agency_id, 'source', source) order by id), '[]'::jsonb),
         coalesce(array_agg(update order by id), '{}'::bytea[])
  from page
$$;

-- Retention: deletes at most p_limit compacted updates (contained in their document's snapshot)
-- of the documents of meetings adjusted before p_adjusted_before (meeting:<id> and its voices).
-- Updates after the snapshot are never touched: load needs them. Returns how many updates went
-- and of how many documents, as jsonb {"updates": n, "documents": n}.
create function samtavla_doc_prune_history(p_adjusted_before timestamptz, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with doomed as (
    select u.id, u.doc_name from doc_updates u
    join doc_snapshots s on s.doc_name = u.doc_name
    join meetings m on u.doc_name in ('meeting:' || m.id, 'meeting:' || m.id || ':voices')
    where m.status = 'adjusted' and m.status_changed_at < p_adjusted_before
      and u.id <= s.last_update_id
    limit greatest(1, coalesce(p_limit, 10000))
  ), gone as (
    delete from doc_updates where id in (select id from doomed) returning doc_name
  )
  select jsonb_build_object('updates', count(*), 'documents', count(distinct doc_name)) from gone
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array[
    'samtavla_doc_append(text, bytea[], bigint, jsonb)',
    'samtavla_doc_compact(text, bytea, bigint, bigint)',
    'samtavla_doc_history(text, bigint, integer)',
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
end
$$;
