-- Action ids come from the Yjs document of each board, which any editor of that board writes.
-- Keyed by board as well, an id copied into another board's document can neither take over nor
-- block that board's rows in the register.
alter table actions drop constraint actions_pkey;
alter table actions add primary key (board_id, id);
-- The register looks actions up by assignee and by the agency that raised them.
create index actions_assignee_id_idx on actions (assignee_id);
create index actions_raised_by_agency_id_idx on actions (raised_by_agency_id);
