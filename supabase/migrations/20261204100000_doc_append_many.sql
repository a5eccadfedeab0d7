-- Issue 13, point 1: one write per flush tick for every dirty document. The collab server's flush
-- scheduler collects the merged updates of all documents due and stores them here in one
-- statement (one transaction, one multi-row insert) instead of one samtavla_doc_append per
-- document: on the embedded database each statement costs ~0.8 ms of the server's event loop.
--
-- One document refused must not lose the others: the fencing and purge checks the row triggers
-- make (doc_write_fences, board_deletion) are made here first, per document, and a refused
-- document's rows are left out and named in the result ('fenced-out' or 'purged'); the others are
-- inserted. The transaction's write fence is cleared, so the fencing trigger lets the rows through
-- (it has only one fence per transaction; the check here had one per document); the purge trigger
-- still guards every row (a purge racing this statement fails it whole, and the server then writes
-- each document on its own).
--
-- p_doc_names, p_updates and p_authors: one entry per update (p_authors null when no update has
-- an author), in order; p_fences: {"<doc name>": token} for the fenced documents. Returns one row
-- per document: the id of its last update stored, or why it was refused.
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
  )
  select v.name, (select max(i.id) from inserted i where i.doc_name = v.name), v.refused from verdicts v;
end
$$;

-- As for every store function (migration store_functions): only the server may call it.
do $$
declare
  fn text := 'samtavla_doc_append_many(text[], bytea[], jsonb, jsonb)';
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
