-- The board's language (issue 10, points 6–8): the language its protocols are written in.
-- Labels on screen follow each person's own language; the protocol itself (print view, PDF,
-- DOCX, Markdown, and its hash) is always in the board's language, so every member who downloads
-- it gets the same document.
alter table boards
  add column language text not null default 'sv' check (language in ('sv', 'en', 'da'));

-- Boards listed for a person carry the language too (same function, one more key).
create or replace function samtavla_boards_for_user(p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', b.id, 'name', b.name, 'description', b.description, 'created_by', b.created_by,
           'created_at', b.created_at, 'language', b.language, 'role', m.role
         ) order by lower(b.name), b.id), '[]'::jsonb)
  from boards b join board_members m on m.board_id = b.id
  where m.user_id = p_user_id
$$;

-- create or replace keeps the grants, but say them again as store_functions does: only the
-- server (the owner, or Supabase's service_role) calls it.
do $$
declare
  api_role text;
begin
  revoke all on function samtavla_boards_for_user(text) from public;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on function samtavla_boards_for_user(text) from %I', api_role);
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    grant execute on function samtavla_boards_for_user(text) to service_role;
  end if;
end
$$;
