-- Updates set aside while loading a document: stored updates (or a snapshot) that break the
-- document's layout — e.g. a map nested thousands of levels deep, accepted before the server
-- checked structure, which overflows Yjs's stack on every load. The document loads without
-- them; they are kept here, with why, for an operator to inspect. Never read by the app.
create table if not exists doc_quarantine (
  id bigserial primary key,
  doc_name text not null,
  content bytea not null,
  reason text not null,
  quarantined_at timestamptz not null default now()
);

create index if not exists doc_quarantine_doc_name_idx on doc_quarantine (doc_name, id);

alter table doc_quarantine enable row level security;

create or replace function samtavla_doc_quarantine(p_doc_name text, p_content bytea, p_reason text) returns bigint
language sql set search_path = public
as $$
  insert into doc_quarantine (doc_name, content, reason) values (p_doc_name, p_content, p_reason) returning id
$$;

create or replace function samtavla_doc_quarantined(p_doc_name text) returns table (id bigint, reason text, bytes integer, quarantined_at timestamptz)
language sql stable set search_path = public
as $$
  select q.id, q.reason, octet_length(q.content), q.quarantined_at from doc_quarantine q
  where q.doc_name = p_doc_name order by q.id
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_doc_quarantine(text, bytea, text)', 'samtavla_doc_quarantined(text)'] loop
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
      execute format('revoke all on table doc_quarantine from %I', api_role);
    end if;
  end loop;
end
$$;
