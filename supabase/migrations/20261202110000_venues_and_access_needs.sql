-- Venues and access needs (issue 12, points 10 and 11).
--
-- * board_venues: the places a board meets at, kept so that a rotation between agencies' and user
--   associations' premises is a choice, not re-typing. Archived venues stay (a meeting may still
--   name one) but are no longer offered. They go with their board (on delete cascade: the purge
--   deletes the board row last; retention's draft pruning never touches them).
-- * meeting_venues: the venue a meeting is at, as a COPY of the saved venue's fields when it was
--   chosen, plus the id it was copied from. A copy, not only a reference, because what members
--   were told (the meeting page, the calendar entry, the protocol) must not change when somebody
--   later edits or archives the board's venue for future meetings; the id lets the edit form show
--   which saved venue was chosen (set null when that venue row is ever removed). Meetings with no
--   row keep their free-text place (meetings.place) exactly as before.
-- * access_needs: what one person needs to take part (one row per person, not per board: stated
--   once). Shown only to that person and, for their boards, to the boards' owners (the services
--   enforce it). Erasing the account removes it: a trigger on the erasure's own update of the user
--   row, so it happens in samtavla_erase_user's transaction without redefining that function.
--
-- features/needs are jsonb arrays of keys from src/lib/domain/venue.ts (the list can grow without
-- a migration; the domain refuses unknown keys on the way in and ignores them on the way out).
-- Nothing here uses PostgreSQL 16+ syntax.

create table board_venues (
  id text primary key,
  board_id text not null references boards (id) on delete cascade,
  name text not null,
  host_agency text not null default '',
  address text not null default '',
  features jsonb not null default '[]'::jsonb check (jsonb_typeof(features) = 'array'),
  interpreting_languages text not null default '',
  notes text not null default '',
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz,
  archived_at timestamptz
);
create index board_venues_board_id_idx on board_venues (board_id, name);
alter table board_venues enable row level security;

create table meeting_venues (
  meeting_id text primary key references meetings (id) on delete cascade,
  venue_id text references board_venues (id) on delete set null,
  name text not null,
  host_agency text not null default '',
  address text not null default '',
  features jsonb not null default '[]'::jsonb check (jsonb_typeof(features) = 'array'),
  interpreting_languages text not null default '',
  notes text not null default ''
);
alter table meeting_venues enable row level security;

create table access_needs (
  user_id text primary key references users (id) on delete cascade,
  needs jsonb not null default '[]'::jsonb check (jsonb_typeof(needs) = 'array'),
  interpreting_language text not null default '',
  updated_at timestamptz not null default now()
);
alter table access_needs enable row level security;

-- Sets (p_venue a jsonb object) or clears (null) a meeting's venue in one transaction. When the copy
-- differs from what the meeting had, the calendar entry changes: the iCal SEQUENCE and the
-- meeting's revision are bumped (an edit form filled in before this is then told it changed
-- meanwhile), and a 'venue' event is recorded. Returns whether anything changed.
create function samtavla_set_meeting_venue(p_meeting_id text, p_venue jsonb, p_actor_id text, p_at timestamptz) returns boolean
language plpgsql set search_path = public
as $$
declare
  before jsonb;
  after jsonb;
begin
  perform 1 from meetings where id = p_meeting_id for update;
  if not found then
    return false;
  end if;
  select jsonb_build_object('venue_id', venue_id, 'name', name, 'host_agency', host_agency, 'address', address, 'features', features,
                            'interpreting_languages', interpreting_languages, 'notes', notes)
    into before from meeting_venues where meeting_id = p_meeting_id;
  if p_venue is null then
    delete from meeting_venues where meeting_id = p_meeting_id;
    after := null;
  else
    after := jsonb_build_object('venue_id', p_venue ->> 'venue_id', 'name', coalesce(p_venue ->> 'name', ''),
      'host_agency', coalesce(p_venue ->> 'host_agency', ''), 'address', coalesce(p_venue ->> 'address', ''),
      'features', coalesce(p_venue -> 'features', '[]'::jsonb), 'interpreting_languages', coalesce(p_venue ->> 'interpreting_languages', ''),
      'notes', coalesce(p_venue ->> 'notes', ''));
    insert into meeting_venues (meeting_id, venue_id, name, host_agency, address, features, interpreting_languages, notes)
    values (p_meeting_id, after ->> 'venue_id', after ->> 'name', after ->> 'host_agency', after ->> 'address', after -> 'features',
            after ->> 'interpreting_languages', after ->> 'notes')
    on conflict (meeting_id) do update set venue_id = excluded.venue_id, name = excluded.name, host_agency = excluded.host_agency,
      address = excluded.address, features = excluded.features, interpreting_languages = excluded.interpreting_languages, notes = excluded.notes;
  end if;
  if before is not distinct from after then
    return false;
  end if;
  update meetings set sequence = sequence + 1, revision = revision + 1, updated_at = p_at where id = p_meeting_id;
  insert into meeting_events (meeting_id, kind, actor_id, at, detail)
  values (p_meeting_id, 'venue', p_actor_id, p_at, jsonb_build_object('venueId', after ->> 'venue_id', 'cleared', after is null));
  return true;
end
$$;

-- Erasure (samtavla_erase_user sets erased_at on the row it anonymises): the person's needs go with it.
create function samtavla_erase_access_needs() returns trigger
language plpgsql set search_path = public
as $$
begin
  delete from access_needs where user_id = new.id;
  return new;
end
$$;

create trigger users_erase_access_needs
after update of erased_at on users
for each row when (new.erased_at is not null and old.erased_at is null)
execute function samtavla_erase_access_needs();

-- As for every store function (migration store_functions): only the server may call them.
do $$
declare
  fn text;
  api_role text;
begin
  foreach fn in array array['samtavla_set_meeting_venue(text, jsonb, text, timestamptz)', 'samtavla_erase_access_needs()'] loop
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
      execute format('revoke all on table board_venues, meeting_venues, access_needs from %I', api_role);
    end if;
  end loop;
end
$$;
