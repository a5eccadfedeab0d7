-- Publishing the public version of an adjusted protocol (issue 10, point 9) at a stable public
-- address /p/<board slug>/<path date>. The owner chooses the board's slug; a meeting keeps the
-- address it was first given (unpublishing and publishing again reuse it), and an address once
-- given is never given to another meeting, so an unpublished one answers 410 Gone, not someone
-- else's protocol. Every publish and unpublish is logged in meeting_events.
alter table boards
  add column slug text unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60);

create table protocol_publications (
  meeting_id text primary key references meetings (id) on delete cascade,
  board_id text not null references boards (id) on delete cascade,
  -- The meeting's date in its board's time zone, 'YYYY-MM-DD', with '-2', '-3' … for a second or
  -- third meeting published for the same day (src/lib/domain/publication.ts).
  path_date text not null check (path_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[1-9][0-9]?)?$'),
  published_by text references users (id) on delete set null,
  published_at timestamptz not null,
  unpublished_by text references users (id) on delete set null,
  unpublished_at timestamptz,
  unique (board_id, path_date)
);

alter table protocol_publications enable row level security;

-- Sets the board's slug: 'set', 'taken' (another board has it) or 'locked' (the board has
-- published protocols under its present slug, whose addresses must stay).
create function samtavla_board_set_slug(p_board_id text, p_slug text) returns text
language plpgsql set search_path = public
as $$
declare
  current_slug text;
begin
  select slug into current_slug from boards where id = p_board_id for update;
  if not found then
    return 'not-found';
  end if;
  if current_slug is not distinct from p_slug then
    return 'set';
  end if;
  if current_slug is not null and exists (select 1 from protocol_publications where board_id = p_board_id) then
    return 'locked';
  end if;
  if exists (select 1 from boards where slug = p_slug and id <> p_board_id) then
    return 'taken';
  end if;
  update boards set slug = p_slug where id = p_board_id;
  return 'set';
exception when unique_violation then
  return 'taken';
end
$$;

-- Publishes the meeting's adjusted protocol at p_path_date (or, when it was published before,
-- at the address it had). 'published', 'already' (it is published), 'not-adjusted' (no sealed
-- protocol), 'no-slug' (the board has none) or 'taken' (another meeting has that address).
create function samtavla_protocol_publish(p_meeting_id text, p_path_date text, p_actor_id text, p_at timestamptz) returns text
language plpgsql set search_path = public
as $$
declare
  board text;
  board_slug text;
  earlier protocol_publications%rowtype;
begin
  select m.board_id, b.slug into board, board_slug
  from meetings m join boards b on b.id = m.board_id where m.id = p_meeting_id;
  if not exists (select 1 from meeting_protocols where meeting_id = p_meeting_id) then
    return 'not-adjusted';
  end if;
  if board_slug is null then
    return 'no-slug';
  end if;
  select * into earlier from protocol_publications where meeting_id = p_meeting_id for update;
  if found then
    if earlier.unpublished_at is null then
      return 'already';
    end if;
    update protocol_publications
      set published_by = p_actor_id, published_at = p_at, unpublished_by = null, unpublished_at = null
      where meeting_id = p_meeting_id;
  else
    if exists (select 1 from protocol_publications where board_id = board and path_date = p_path_date) then
      return 'taken';
    end if;
    insert into protocol_publications (meeting_id, board_id, path_date, published_by, published_at)
    values (p_meeting_id, board, p_path_date, p_actor_id, p_at);
  end if;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_meeting_id, 'published', p_actor_id, p_at,
          jsonb_build_object('slug', board_slug, 'pathDate', coalesce(earlier.path_date, p_path_date)));
  return 'published';
exception when unique_violation then
  return 'taken';
end
$$;

-- Takes a published protocol down (its address then answers 410 Gone); false when it was not published.
create function samtavla_protocol_unpublish(p_meeting_id text, p_actor_id text, p_at timestamptz) returns boolean
language plpgsql set search_path = public
as $$
declare
  path text;
begin
  update protocol_publications set unpublished_by = p_actor_id, unpublished_at = p_at
  where meeting_id = p_meeting_id and unpublished_at is null
  returning path_date into path;
  if path is null then
    return false;
  end if;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_meeting_id, 'unpublished', p_actor_id, p_at, jsonb_build_object('pathDate', path));
  return true;
end
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in store_functions.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname in ('samtavla_board_set_slug', 'samtavla_protocol_publish', 'samtavla_protocol_unpublish')
  loop
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
      execute format('revoke all on table protocol_publications from %I', api_role);
    end if;
  end loop;
end
$$;
