-- Action items projected from each board's Yjs document (`board:<id>`), for the cross-board
-- action register and calendar feeds. The Yjs document stays the source of truth: the server
-- rewrites a board's rows after each persisted change and rebuilds stale boards at start.
create table actions (
  id text primary key,
  board_id text not null references boards (id) on delete cascade,
  title text not null,
  description text not null default '',
  agency_id text not null,
  raised_by_agency_id text not null,
  assignee_id text,
  due_date date,
  status text not null check (status in ('open', 'in_progress', 'waiting', 'done')),
  meeting_id text,
  item_id text,
  created_by text not null,
  created_at timestamptz not null,
  status_changed_by text,
  status_changed_at timestamptz
);
create index actions_board_id_idx on actions (board_id);
create index actions_agency_id_idx on actions (agency_id);
create index actions_due_date_idx on actions (due_date);

-- How far each projected document has been projected (the last update id it included).
create table doc_projections (
  doc_name text primary key,
  projected_update_id bigint not null,
  projected_at timestamptz not null default now()
);

-- Personal secret calendar URLs: only the SHA-256 of the token is kept; revoking ends the feed.
create table calendar_feeds (
  token_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index calendar_feeds_user_id_idx on calendar_feeds (user_id);

alter table actions enable row level security;
alter table doc_projections enable row level security;
alter table calendar_feeds enable row level security;
