-- Issue 13: the flush tick's one statement (samtavla_doc_append_many) spent about a third of its
-- time in two BEFORE INSERT row triggers on doc_updates, the write fence (migration
-- doc_write_fences) and the not-purged check (migration board_deletion): two PL/pgSQL calls for
-- every row inserted, ~13 of ~39 ms for 200 documents on PGlite (EXPLAIN ANALYZE).
--
-- The same two checks now run once per statement, over all the rows it inserted (an AFTER INSERT
-- statement trigger with a transition table). Nothing is skipped and nothing can be switched
-- off: every insert into doc_updates, by any role, through a function or not, is checked as
-- before; a refusal raises the same SQLSTATE (SMT02 purged, checked first as before; SMT01 fenced
-- out) and so undoes the whole statement, as a row trigger's did. The write fence is still the
-- transaction's `samtavla.write_fence` (unset or empty: an unfenced write, as before).
-- doc_snapshots keeps its row triggers (one row per compaction).
--
-- The result of samtavla_doc_append_many is also computed in one pass (grouping the inserted
-- rows) instead of one scan of them per document (quadratic: ~10 ms at 200 documents).

create or replace function samtavla_check_doc_updates_inserted() returns trigger
language plpgsql set search_path = public
as $$
declare
  fence text := current_setting('samtavla.write_fence', true);
  refused_doc text;
  newest bigint;
begin
  -- Almost always empty: one cheap look before hashing anything.
  if exists (select 1 from purged_docs) and exists (
    select 1 from (select distinct doc_name from inserted_rows) n
    join purged_docs p on p.name_hash = samtavla_doc_name_hash(n.doc_name)
  ) then
    raise exception 'write to a document of a deleted board refused' using errcode = 'SMT02';
  end if;
  if fence is not null and fence <> '' then
    select f.doc_name, f.token into refused_doc, newest
    from doc_write_fences f
    where f.token > fence::bigint and f.doc_name in (select doc_name from inserted_rows)
    limit 1;
    if refused_doc is not null then
      raise exception 'write to % refused: fenced out (token % < %)', refused_doc, fence, newest
        using errcode = 'SMT01';
    end if;
  end if;
  return null;
end
$$;

drop trigger if exists doc_updates_write_fence on doc_updates;
drop trigger if exists doc_updates_not_purged on doc_updates;
drop trigger if exists doc_updates_checked on doc_updates;
create trigger doc_updates_checked after insert on doc_updates
  referencing new table as inserted_rows
  for each statement execute function samtavla_check_doc_updates_inserted();

-- As in migration doc_append_many, with the result grouped once.
create or replace function samtavla_doc_append_many(p_doc_names text[], p_updates bytea[], p_authors jsonb, p_fences jsonb)
returns table (out_doc_name text, out_last_id bigint, out_refused text)
language plpgsql set search_path = public
as $$
begin
  if coalesce(cardinality(p_updates), 0) = 0 or cardinality(p_doc_names) is distinct from cardinality(p_updates) then
    raise exception 'samtavla_doc_append_many needs at least one update, each with its document' using errcode = '22023';
  end if;
  if p_authors is not null and (jsonb_typeof(p_authors) <> 'array' or jsonb_array_length(p_authors) <> cardinality(p_updates)) then
    raise exception 'samtavla_doc_append_many needs one author (or null) per update' using errcode = '22023';
  end if;
  if p_fences is not null and jsonb_typeof(p_fences) <> 'object' then
    raise exception 'samtavla_doc_append_many needs its fences as an object by document name' using errcode = '22023';
  end if;
  -- The fence of each document is checked below; the statement trigger then has none to check.
  perform set_config('samtavla.write_fence', '', true);
  return query
  with names as (
    select distinct d.name from unnest(p_doc_names) as d (name)
  ), verdicts as (
    select n.name,
      case
        when exists (select 1 from purged_docs) and exists (select 1 from purged_docs p where p.name_hash = samtavla_doc_name_hash(n.name)) then 'purged'
        when p_fences ? n.name and (p_fences ->> n.name) is not null
             and (p_fences ->> n.name)::bigint < (select f.token from doc_write_fences f where f.doc_name = n.name) then 'fenced-out'
      end as refused
    from names n
  ), inserted as (
    insert into doc_updates (doc_name, update, author_id, agency_id, source)
    select u.name, u.update, a.value ->> 'user', a.value ->> 'agency',
           case when a.value ->> 'user' is null and a.value ->> 'agency' is null then 'server' else 'member' end
    from unnest(p_doc_names, p_updates) with ordinality as u (name, update, n)
    join verdicts v on v.name = u.name and v.refused is null
    left join jsonb_array_elements(p_authors) with ordinality as a (value, n) on a.n = u.n
    order by u.n
    returning doc_updates.doc_name, doc_updates.id
  ), last_ids as (
    select i.doc_name, max(i.id) as last_id from inserted i group by i.doc_name
  )
  select v.name, l.last_id, v.refused from verdicts v left join last_ids l on l.doc_name = v.name;
end
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_check_doc_updates_inserted()', 'samtavla_doc_append_many(text[], bytea[], jsonb, jsonb)'] loop
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
