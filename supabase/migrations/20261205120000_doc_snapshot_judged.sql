-- A snapshot says under which structure rules it was judged (issue 13: a long meeting's cold open).
--
-- Loading a document reads every stored piece against the layout before applying it
-- (server/collab/safe-load.ts): content stored before the server checked structure could break
-- the document. A snapshot the server writes itself is made from a document whose every piece
-- was judged on its way in, so reading it again on load (a third of a cold open of a long
-- meeting) finds nothing. The server now says so when it writes one: judged_under is the version
-- of its structure rules at the time, and a load under the same version applies the snapshot
-- without reading it first. Rows already stored have none and are read as before; a server with
-- stricter rules (a higher version) reads them all again.
alter table doc_snapshots add column if not exists judged_under integer;

-- p_judged_under is new (default null: not judged). The four-argument version goes: PostgREST
-- picks a function by its argument names, and two of the same name would make that ambiguous.
drop function if exists samtavla_doc_compact(text, bytea, bigint, bigint);
create function samtavla_doc_compact(p_doc_name text, p_state bytea, p_up_to_id bigint, p_fence bigint, p_judged_under integer default null) returns void
language plpgsql set search_path = public
as $$
begin
  if p_fence is not null then
    perform set_config('samtavla.write_fence', p_fence::text, true);
  end if;
  insert into doc_snapshots (doc_name, state, last_update_id, updated_at, judged_under) values (p_doc_name, p_state, p_up_to_id, now(), p_judged_under)
  on conflict (doc_name) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now(), judged_under = excluded.judged_under
  where doc_snapshots.last_update_id <= excluded.last_update_id;
end
$$;

-- As before, with the snapshot's judged_under (a function's result columns change only by
-- dropping it).
drop function if exists samtavla_doc_load(text);
create function samtavla_doc_load(p_doc_name text)
returns table (snapshot bytea, updates bytea[], last_update_id bigint, snapshot_judged_under integer)
language sql stable set search_path = public
as $$
  with snap as (
    select state, last_update_id, judged_under from doc_snapshots where doc_name = p_doc_name
  ), later as (
    select id, update from doc_updates
    where doc_name = p_doc_name and id > coalesce((select last_update_id from snap), 0)
  )
  select (select state from snap),
         coalesce((select array_agg(update order by id) from later), '{}'::bytea[]),
         coalesce((select max(id) from later), (select last_update_id from snap), 0),
         (select judged_under from snap)
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_doc_compact(text, bytea, bigint, bigint, integer)', 'samtavla_doc_load(text)'] loop
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
