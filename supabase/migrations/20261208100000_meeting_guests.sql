-- Guests of one meeting (issue 14, point 1): a tenant or a relative invited once, with no account.
--
-- A guest is a row in users (kind 'guest') so that everything that names a person (the voices
-- document's authorship, presence, history's authors, sessions) works for them unchanged; what
-- makes them a guest is that they belong to no board: their only access is the meeting_guests row,
-- for that one meeting, until it expires or is revoked. A guest's email is not an address (it is
-- 'guest:' and the row's id), so no sign-in form accepts it, and the password hash is not one
-- argon2 can ever match. The link's token is stored hashed, like sessions and invites.
--
-- samtavla_session_admissions (the websocket's one-query admission) is redefined so that a guest's
-- role on the meeting's documents comes from their guest row when they are not a board member.
-- Nothing here uses PostgreSQL 16+ syntax.

alter table users add column kind text not null default 'member' check (kind in ('member', 'guest'));

create table meeting_guests (
  id text primary key,
  meeting_id text not null references meetings (id) on delete cascade,
  user_id text not null unique references users (id) on delete cascade,
  token_hash text not null unique,
  role text not null check (role in ('contributor', 'viewer')),
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  first_opened_at timestamptz
);
create index meeting_guests_meeting_id_idx on meeting_guests (meeting_id, created_at);
alter table meeting_guests enable row level security;

-- A guest's user row goes when its meeting (or board) goes: nothing else refers to it but its
-- sessions (cascade) and what it wrote in documents (names, kept as written).
create function samtavla_drop_guest_user() returns trigger
language plpgsql set search_path = public
as $$
begin
  delete from users where id = old.user_id and kind = 'guest';
  return old;
end
$$;
create trigger meeting_guests_drop_user after delete on meeting_guests
for each row execute function samtavla_drop_guest_user();

-- The guest's user row and their link in one transaction (both adapters call this, Supabase by RPC).
create function samtavla_create_guest(p_guest jsonb) returns void
language plpgsql set search_path = public
as $$
begin
  insert into users (id, email, display_name, password_hash, agency_id, created_at, kind)
  values (p_guest->>'user_id', 'guest:' || (p_guest->>'user_id'), p_guest->>'display_name', '!guest',
          p_guest->>'agency_id', (p_guest->>'created_at')::timestamptz, 'guest');
  insert into meeting_guests (id, meeting_id, user_id, token_hash, role, created_by, created_at, expires_at)
  values (p_guest->>'id', p_guest->>'meeting_id', p_guest->>'user_id', p_guest->>'token_hash', p_guest->>'role',
          p_guest->>'created_by', (p_guest->>'created_at')::timestamptz, (p_guest->>'expires_at')::timestamptz);
end
$$;

-- Guests with their names and agencies (newest first), as JSON rows: a meeting's, or the one
-- behind a link's token hash, or a user's (whichever arguments are given).
create function samtavla_meeting_guests(p_meeting_id text, p_token_hash text, p_user_id text) returns jsonb
language sql stable set search_path = public
as $$
  select coalesce(jsonb_agg(row_to_json(r)::jsonb order by r.created_at desc, r.id), '[]'::jsonb)
  from (
    select g.id, g.meeting_id, g.user_id, g.role, g.created_by, g.created_at, g.expires_at, g.revoked_at, g.first_opened_at,
           u.display_name, u.agency_id, a.name as agency_name, a.color as agency_color
    from meeting_guests g join users u on u.id = g.user_id join agencies a on a.id = u.agency_id
    where (p_meeting_id is null or g.meeting_id = p_meeting_id)
      and (p_token_hash is null or g.token_hash = p_token_hash)
      and (p_user_id is null or g.user_id = p_user_id)
      and (p_meeting_id is not null or p_token_hash is not null or p_user_id is not null)
  ) r
$$;

drop function samtavla_session_admissions(text[], text[], text[]);
create function samtavla_session_admissions(p_session_ids text[], p_board_ids text[], p_meeting_ids text[])
returns table (
  ask_n bigint,
  session_id text, user_id text, expires_at timestamptz,
  email text, display_name text, agency_id text, created_at timestamptz,
  agency_name text, agency_kind text, agency_color text,
  board_id text, meeting_id text, meeting_status text, meeting_adjustment jsonb,
  role text, kind text
)
language sql stable set search_path = public
as $$
  select q.n, s.id, s.user_id, s.expires_at,
         u.email, u.display_name, u.agency_id, u.created_at,
         a.name, a.kind, a.color,
         place.board_id, place.meeting_id, place.status, place.adjustment,
         coalesce(bm.role, g.role), u.kind
  from unnest(p_session_ids, p_board_ids, p_meeting_ids) with ordinality as q (session_id, board_id, meeting_id, n)
  join sessions s on s.id = q.session_id
  join users u on u.id = s.user_id
  left join agencies a on a.id = u.agency_id
  left join lateral (
    select b.id as board_id, null::text as meeting_id, null::text as status, null::jsonb as adjustment
    from boards b where q.meeting_id is null and b.id = q.board_id
    union all
    select mt.board_id, mt.id, mt.status, mt.adjustment
    from meetings mt where mt.id = q.meeting_id
  ) place on true
  left join board_members bm on bm.board_id = place.board_id and bm.user_id = s.user_id
  -- A guest reaches only their meeting's documents (never the board's), while the link holds.
  left join meeting_guests g on g.user_id = s.user_id and g.meeting_id = place.meeting_id
    and g.revoked_at is null and g.expires_at > now()
  order by q.n
$$;

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_session_admissions(text[], text[], text[])', 'samtavla_drop_guest_user()', 'samtavla_create_guest(jsonb)', 'samtavla_meeting_guests(text, text, text)'] loop
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
  -- As every table (migration revoke_api_roles): the API roles get nothing.
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table meeting_guests from %I', api_role);
    end if;
  end loop;
end
$$;
