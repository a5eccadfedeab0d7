-- Erasure of an account by its own person (issue 11, point 11; GDPR article 17).
--
-- * users gains erased_at. The row itself stays, anonymised: boards.created_by, meetings.created_by,
--   invites.created_by and other foreign keys keep pointing at it, and its agency_id is what lets a
--   former member still be shown as "former member (agency)". Email, name and password go.
-- * samtavla_erase_user does the whole store side in one transaction (the app has already
--   rewritten the names in the live documents, which are not SQL): it refuses while the person is
--   the last owner of a board, and otherwise deletes the sessions, the calendar feeds, the board
--   memberships and removals, the sign-in failures counted for the address, revokes the invites
--   they made, clears them as author of the update log (the agency stays) and anonymises the row.
--   The audit log is not touched: it is an accountability record (no foreign keys, hash-chained).
-- * samtavla_user_voices_docs lists the voices documents the person wrote in (from the authored
--   update log), so erasure also reaches meetings of boards they have since left.
--
-- Nothing here uses PostgreSQL 16+ syntax: it runs on 15 (Supabase) and on PGlite.

alter table users add column if not exists erased_at timestamptz;

-- Returns one of
--   {"outcome": "erased", "sessions": [ids]}   the session ids deleted (their sockets get closed);
--   {"outcome": "last-owner", "boards": [ids]} the boards they are the only owner of; nothing changed;
--   {"outcome": "not-found"}                   no such person, or already erased.
-- The boards they own are locked first (the lock every membership change takes, see
-- samtavla_membership_check), so another owner cannot step down between the check and the delete.
create function samtavla_erase_user(p_user_id text, p_at timestamptz) returns jsonb
language plpgsql set search_path = public
as $$
declare
  person users%rowtype;
  only_owner jsonb;
  session_ids jsonb;
begin
  select * into person from users where id = p_user_id for update;
  if not found or person.erased_at is not null then
    return jsonb_build_object('outcome', 'not-found');
  end if;
  perform 1 from boards b
  where b.id in (select board_id from board_members where user_id = p_user_id and role = 'owner')
  order by b.id
  for update;
  select coalesce(jsonb_agg(m.board_id order by m.board_id), '[]'::jsonb) into only_owner
  from board_members m
  where m.user_id = p_user_id and m.role = 'owner'
    and not exists (select 1 from board_members o where o.board_id = m.board_id and o.role = 'owner' and o.user_id <> p_user_id);
  if jsonb_array_length(only_owner) > 0 then
    return jsonb_build_object('outcome', 'last-owner', 'boards', only_owner);
  end if;

  with gone as (delete from sessions where user_id = p_user_id returning id)
  select coalesce(jsonb_agg(id order by id), '[]'::jsonb) into session_ids from gone;
  delete from calendar_feeds where user_id = p_user_id;
  delete from board_members where user_id = p_user_id;
  delete from board_removals where user_id = p_user_id;
  -- The key the sign-in throttle counts an address under (accounts.ts accountKey: lower case).
  delete from sign_in_failures where key = 'email:' || lower(person.email);
  update invites set revoked_at = p_at where created_by = p_user_id and revoked_at is null;
  update doc_updates set author_id = null where author_id = p_user_id;
  -- '@invalid' (RFC 2606) is no address anyone can have, and without a dot in the domain it never
  -- passes the sign-in form's email check; the id keeps the unique index satisfied. '!' starts no
  -- argon2 hash, so no password verifies against it.
  update users
  set email = 'erased+' || id || '@invalid', display_name = '', password_hash = '!erased', erased_at = p_at
  where id = p_user_id;
  return jsonb_build_object('outcome', 'erased', 'sessions', session_ids);
end
$$;

-- The voices documents (meeting:<id>:voices) with an update the person made, as a jsonb array.
create function samtavla_user_voices_docs(p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(doc_name order by doc_name), '[]'::jsonb)
  from (select distinct doc_name from doc_updates where author_id = p_user_id and doc_name like 'meeting:%:voices') d
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_erase_user(text, timestamptz)', 'samtavla_user_voices_docs(text)'] loop
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
