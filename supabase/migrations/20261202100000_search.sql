-- Search (issue 12, point 9): PostgreSQL full-text search over what a member may read.
--
-- Meeting documents (`meeting:<id>`: agenda titles, minutes, decisions, the notes outside the agenda)
-- and voices documents (`meeting:<id>:voices`: perspectives, summaries) are projected into
-- search_entries by the server after each stored batch, as the action projection does for board
-- documents; search_projections records how far each document went, so a start-up rebuilds what a
-- crash left behind. Actions are searched in the `actions` table that projection already keeps.
-- Only text is indexed, never an author's name: an erasure has nothing to remove here.
--
-- Each row carries the text search configuration of its board's language (sv → swedish,
-- da → danish, en → english); the tsvector is computed from it, and changing a board's language
-- re-configures its rows (trigger below). Rows go with their meeting or board (foreign keys), so a
-- board purge or a pruned draft meeting leaves no text behind.

create or replace function samtavla_search_config(p_language text) returns regconfig
language sql immutable set search_path = public
as $$
  select (case p_language when 'da' then 'danish' when 'en' then 'english' else 'swedish' end)::regconfig
$$;

-- The query: websearch syntax (words, "a phrase", -not, or), each word of four letters or more also
-- matching as a prefix of its stem. Swedish and Danish join words into compounds ("åtgärd" should
-- find "åtgärdsplan"), and the stemmers cut some singulars shorter than their plurals (Swedish
-- "praktikplats" → 'praktikplat', "praktikplatser" → 'praktikplats'). Built from the tsquery's own
-- text output (each lexeme quoted, quotes doubled), so whatever was typed stays a valid query:
-- first every quoted lexeme gets ':*' (scanning left to right, each match is a whole lexeme), then
-- lexemes of one to three letters lose it again ("it's" must not find every word starting with s).
-- The second pattern cannot match across two lexemes: between one's closing quote and the next
-- one's opening quote there are always at least ':* ' and an operator, more than three characters.
create or replace function samtavla_search_query(p_config regconfig, p_query text) returns tsquery
language sql stable set search_path = public
as $$
  select regexp_replace(
           regexp_replace(websearch_to_tsquery(p_config, coalesce(p_query, ''))::text, '''(?:[^'']|'''')*''', '\&:*', 'g'),
           '(''(?:[^'']|''''){1,3}''):\*', '\1', 'g')::tsquery
$$;

create table search_entries (
  doc_name text not null,
  board_id text not null references boards (id) on delete cascade,
  meeting_id text not null references meetings (id) on delete cascade,
  -- The § the text belongs to (null: the meeting's notes, a summary); the number as of projection.
  item_id text,
  item_number integer,
  kind text not null check (kind in ('item', 'decision', 'notes', 'perspective', 'summary')),
  ref_id text not null,
  title text not null default '',
  body text not null default '',
  config regconfig not null,
  -- Kept by the trigger below (a generated column would refuse the plain row copies other tools make).
  tsv tsvector not null default ''::tsvector,
  primary key (doc_name, kind, ref_id)
);
create index search_entries_board_idx on search_entries (board_id);
create index search_entries_meeting_idx on search_entries (meeting_id);
create index search_entries_tsv_idx on search_entries using gin (tsv);

create table search_projections (
  doc_name text primary key,
  meeting_id text not null references meetings (id) on delete cascade,
  projected_update_id bigint not null,
  projected_at timestamptz not null default now()
);
create index search_projections_meeting_idx on search_projections (meeting_id);

alter table search_entries enable row level security;
alter table search_projections enable row level security;

-- Each row's tsvector, from its title (weighted higher) and text in its own configuration.
create or replace function samtavla_search_entry_tsv() returns trigger
language plpgsql set search_path = public
as $$
begin
  new.tsv := setweight(to_tsvector(new.config, new.title), 'A') || setweight(to_tsvector(new.config, new.body), 'B');
  return new;
end
$$;
create trigger search_entries_tsv before insert or update on search_entries
  for each row execute function samtavla_search_entry_tsv();

-- A board's new language re-configures its rows (the trigger above re-computes their tsvector).
create or replace function samtavla_search_language_changed() returns trigger
language plpgsql set search_path = public
as $$
begin
  update search_entries set config = samtavla_search_config(new.language) where board_id = new.id;
  return new;
end
$$;
create trigger boards_search_language after update of language on boards
  for each row when (old.language is distinct from new.language)
  execute function samtavla_search_language_changed();

-- Replaces a meeting or voices document's rows (p_entries: jsonb array of {kind, ref_id, item_id,
-- item_number, title, body}) and records how far the projection goes. Returns false and changes
-- nothing when the meeting is gone or a newer projection is stored.
create or replace function samtavla_replace_search_entries(p_doc_name text, p_meeting_id text, p_entries jsonb, p_up_to_id bigint) returns boolean
language plpgsql set search_path = public
as $$
declare
  v_board_id text;
  v_config regconfig;
  stored_up_to bigint;
begin
  select m.board_id, samtavla_search_config(b.language) into v_board_id, v_config
  from meetings m join boards b on b.id = m.board_id where m.id = p_meeting_id;
  if not found then
    return false;
  end if;
  insert into search_projections (doc_name, meeting_id, projected_update_id) values (p_doc_name, p_meeting_id, -1)
  on conflict (doc_name) do nothing;
  select projected_update_id into stored_up_to from search_projections where doc_name = p_doc_name for update;
  if stored_up_to > p_up_to_id then
    return false;
  end if;
  delete from search_entries where doc_name = p_doc_name;
  insert into search_entries (doc_name, board_id, meeting_id, item_id, item_number, kind, ref_id, title, body, config)
  select p_doc_name, v_board_id, p_meeting_id, e.item_id, e.item_number, e.kind, e.ref_id, coalesce(e.title, ''), coalesce(e.body, ''), v_config
  from jsonb_to_recordset(coalesce(p_entries, '[]'::jsonb)) as e (kind text, ref_id text, item_id text, item_number integer, title text, body text)
  on conflict (doc_name, kind, ref_id) do nothing;
  update search_projections set projected_update_id = p_up_to_id, projected_at = now() where doc_name = p_doc_name;
  return true;
end
$$;

-- Meeting and voices documents of existing meetings stored beyond their search projection.
create or replace function samtavla_stale_search_projections() returns jsonb
language sql stable set search_path = public
as $$
  with stored as (
    select doc_name, max(id) as last_id from doc_updates where doc_name like 'meeting:%' group by doc_name
    union all
    select doc_name, last_update_id from doc_snapshots where doc_name like 'meeting:%'
  ), newest as (
    select doc_name, max(last_id) as last_id from stored group by doc_name
  )
  select coalesce(jsonb_agg(jsonb_build_object('doc_name', n.doc_name, 'meeting_id', mt.id, 'last_update_id', n.last_id) order by n.doc_name), '[]'::jsonb)
  from newest n
  join meetings mt on n.doc_name in ('meeting:' || mt.id, 'meeting:' || mt.id || ':voices')
  left join search_projections p on p.doc_name = n.doc_name
  where p.projected_update_id is null or p.projected_update_id < n.last_id
$$;

-- What the person may read that matches p_query (websearch syntax: words, "a phrase", -not, or),
-- in the boards they are a member of (or the one board p_board_id, if they are a member of it).
-- Each board's text is matched with its own language's configuration. The excerpt marks each hit
-- between U+0001 and U+0002, which no stored text contains (they are replaced first): the page
-- splits on them and renders every part as text.
create or replace function samtavla_search(p_user_id text, p_query text, p_board_id text, p_limit integer) returns jsonb
language sql stable set search_path = public
as $$
  with mine as (
    select b.id, b.name, samtavla_search_config(b.language) as config,
           samtavla_search_query(samtavla_search_config(b.language), p_query) as tsq
    from boards b join board_members bm on bm.board_id = b.id
    where bm.user_id = p_user_id and (p_board_id is null or b.id = p_board_id)
  ), hits as (
    select e.kind, e.board_id, q.name as board_name, e.meeting_id, e.item_id, e.item_number, e.ref_id, e.title, e.body,
           q.config, q.tsq, ts_rank(e.tsv, q.tsq) as rank
    from search_entries e join mine q on q.id = e.board_id
    where e.tsv @@ q.tsq
    union all
    select 'action', a.board_id, q.name, null, null, null, a.id, a.title, a.description, q.config, q.tsq,
           ts_rank(setweight(to_tsvector(q.config, a.title), 'A') || setweight(to_tsvector(q.config, a.description), 'B'), q.tsq)
    from actions a join mine q on q.id = a.board_id
    where (setweight(to_tsvector(q.config, a.title), 'A') || setweight(to_tsvector(q.config, a.description), 'B')) @@ q.tsq
  ), best as (
    select hits.*, row_number() over (order by rank desc, board_id, meeting_id, item_number nulls last, kind, ref_id) as ord
    from hits order by ord
    limit greatest(1, least(coalesce(p_limit, 50), 200))
  ), shown as (
    select h.*,
           ts_headline(h.config, translate(case when h.body = '' then h.title when h.title = '' then h.body else h.title || E'\n' || h.body end, chr(1) || chr(2), '  '), h.tsq,
                       'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') as excerpt
    from best h
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'kind', s.kind, 'board_id', s.board_id, 'board_name', s.board_name, 'meeting_id', s.meeting_id,
           'meeting_title', mt.title, 'meeting_starts_at', mt.starts_at, 'item_id', s.item_id,
           'item_number', coalesce(s.item_number, it.item_number), 'item_title', coalesce(it.title, case when s.kind = 'item' then s.title end),
           'ref_id', s.ref_id, 'title', translate(s.title, chr(1) || chr(2), '  '), 'excerpt', s.excerpt
         ) order by s.ord), '[]'::jsonb)
  from shown s
  left join meetings mt on mt.id = s.meeting_id
  left join lateral (
    select i.title, i.item_number from search_entries i
    where s.meeting_id is not null and s.item_id is not null and i.doc_name = 'meeting:' || s.meeting_id and i.kind = 'item' and i.ref_id = s.item_id
  ) it on true
$$;

-- Only the server calls these (as in store_functions).
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array[
    'samtavla_search_config(text)',
    'samtavla_search_query(regconfig, text)',
    'samtavla_search_language_changed()',
    'samtavla_search_entry_tsv()',
    'samtavla_replace_search_entries(text, text, jsonb, bigint)',
    'samtavla_stale_search_projections()',
    'samtavla_search(text, text, text, integer)'
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
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table search_entries from %I', api_role);
      execute format('revoke all on table search_projections from %I', api_role);
    end if;
  end loop;
end
$$;
