-- Easy mode (issue 14, point 2): a person's setting, kept with their account so it follows them
-- to every device. Guests start in it (samtavla_create_guest is redefined to say so); members
-- choose it on their account page. Nothing here uses PostgreSQL 16+ syntax.

alter table users add column easy_mode boolean not null default false;

create or replace function samtavla_create_guest(p_guest jsonb) returns void
language plpgsql set search_path = public
as $$
begin
  insert into users (id, email, display_name, password_hash, agency_id, created_at, kind, easy_mode)
  values (p_guest->>'user_id', 'guest:' || (p_guest->>'user_id'), p_guest->>'display_name', '!guest',
          p_guest->>'agency_id', (p_guest->>'created_at')::timestamptz, 'guest', true);
  insert into meeting_guests (id, meeting_id, user_id, token_hash, role, created_by, created_at, expires_at)
  values (p_guest->>'id', p_guest->>'meeting_id', p_guest->>'user_id', p_guest->>'token_hash', p_guest->>'role',
          p_guest->>'created_by', (p_guest->>'created_at')::timestamptz, (p_guest->>'expires_at')::timestamptz);
end
$$;
