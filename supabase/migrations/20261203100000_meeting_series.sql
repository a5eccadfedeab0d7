-- Meetings created as a series (issue 12, point 7) are linked as a group: each meeting of the
-- series gets the same series id, so its page can say "Meeting 2 of 6 in the series" and link to
-- the previous and next one, and the board's list can mark them. Null: a meeting created on its
-- own (and every meeting created before this migration: which of those were a series is not known).
-- Only a column on meetings: its row level security and grants are unchanged.
alter table meetings
  add column if not exists series_id text check (series_id is null or char_length(series_id) between 1 and 64);
create index if not exists meetings_series_idx on meetings (series_id) where series_id is not null;
