-- Taking an item off a board's backlog (issue 12, point 6): the board page lists the backlog and
-- its owners and editors may remove an item they will not take up. The row stays, marked removed
-- (when, by whom), like a scheduled one: it is the trace of where a postponed § went, and a § put
-- aside from an adjusted meeting (whose record cannot be marked) is then not offered again as a
-- postponed item. Plain ALTERs, nothing PostgreSQL 16+; the table keeps its RLS and revokes.
alter table board_backlog add column if not exists removed_at timestamptz;
alter table board_backlog add column if not exists removed_by text references users (id) on delete set null;
