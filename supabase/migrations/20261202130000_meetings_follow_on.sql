-- Meetings that follow on (issue 12, points 6 and 7).
--
-- board_backlog: items a board has not scheduled yet (a postponed § put aside, or one written
-- straight onto the list). Scheduling copies the item into a meeting's agenda and records where
-- it went, so the row stays as the trace of the carry-over instead of disappearing. It goes with
-- its board (a board purge deletes the board row, which cascades); a source meeting removed by
-- retention only loses the link.
create table if not exists board_backlog (
  id text primary key,
  board_id text not null references boards (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 160),
  description text not null default '' check (char_length(description) <= 20000),
  source_meeting_id text references meetings (id) on delete set null,
  source_item_id text,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  scheduled_meeting_id text references meetings (id) on delete set null,
  scheduled_at timestamptz
);
create index if not exists board_backlog_board_idx on board_backlog (board_id, created_at);
alter table board_backlog enable row level security;

-- A board's meeting template: standing items every new meeting starts with, and its usual length.
-- No row: new meetings start with an empty agenda (as before templates existed).
create table if not exists board_templates (
  board_id text primary key references boards (id) on delete cascade,
  standing_items jsonb not null default '[]'::jsonb check (jsonb_typeof(standing_items) = 'array' and jsonb_array_length(standing_items) <= 30),
  length_minutes integer not null check (length_minutes between 15 and 720),
  updated_by text references users (id) on delete set null,
  updated_at timestamptz not null default now()
);
alter table board_templates enable row level security;

-- A meeting's planned length (its calendar entry's end); null: the usual two hours.
alter table meetings
  add column if not exists length_minutes integer check (length_minutes is null or length_minutes between 15 and 720);

-- As every table (migration revoke_api_roles): the API roles get nothing.
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table board_backlog, board_templates from %I', api_role);
    end if;
  end loop;
end
$$;
