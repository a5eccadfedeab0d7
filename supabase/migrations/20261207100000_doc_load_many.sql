-- Documents opened together load in one statement (issue 13: connecting many clients).
--
-- On the embedded database every statement costs a few milliseconds of its worker whatever it
-- reads; 200 meetings opened at once (everyone joining, or reconnecting after a restart) were 200
-- samtavla_doc_load calls, the largest share of the database's work while people connect. This is
-- samtavla_doc_load over an array of names: one row per name, `ask_n` its position (from 1), in
-- one statement, so each document's snapshot and later updates are read from the same state (a
-- compaction running at the same time cannot hide updates), as samtavla_doc_load does for one.
create function samtavla_doc_load_many(p_doc_names text[])
returns table (ask_n bigint, snapshot bytea, updates bytea[], last_update_id bigint, snapshot_judged_under integer)
language sql stable set search_path = public
as $$
  select q.n,
         s.state,
         coalesce(l.updates, '{}'::bytea[]),
         coalesce(l.last_id, s.last_update_id, 0),
         s.judged_under
  from unnest(p_doc_names) with ordinality as q (doc_name, n)
  left join doc_snapshots s on s.doc_name = q.doc_name
  left join lateral (
    select array_agg(u.update order by u.id) as updates, max(u.id) as last_id
    from doc_updates u
    where u.doc_name = q.doc_name and u.id > coalesce(s.last_update_id, 0)
  ) l on true
  order by q.n
$$;

-- As for every store function (migration store_functions): only the server may call it.
do $$
declare
  fn text := 'samtavla_doc_load_many(text[])';
  api_role text;
begin
  execute format('revoke all on function %s from public', fn);
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on function %s from %I', fn, api_role);
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    execute format('grant execute on function %s to service_role', fn);
  end if;
end
$$;
