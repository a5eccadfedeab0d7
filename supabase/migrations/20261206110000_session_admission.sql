-- What opening a collaborative document needs, in one round trip (issue 13: connecting clients).
--
-- Every websocket upgrade used to read the session (with its user), then the document's board or
-- meeting, then the member's role: two to three queries per socket, and with thousands of clients
-- connecting at once the embedded database was the bottleneck. This reads all of it in one
-- statement: the session, its user and the user's agency, where the document belongs (a board,
-- or a meeting with its board, status and adjustment) and the user's role on that board. No row:
-- no such session. A row with no board: no such board or meeting. A row with no role: not a
-- member. What the server decides from it (expiry, renewal, access) stays in the server. Many
-- upgrades arriving together are asked in one call (arrays, one element per upgrade; `ask_n` is
-- the element's position, from 1), so the per-statement cost is paid once for all of them.
create function samtavla_session_admissions(p_session_ids text[], p_board_ids text[], p_meeting_ids text[])
returns table (
  ask_n bigint,
  session_id text, user_id text, expires_at timestamptz,
  email text, display_name text, agency_id text, created_at timestamptz,
  agency_name text, agency_kind text, agency_color text,
  board_id text, meeting_id text, meeting_status text, meeting_adjustment jsonb,
  role text
)
language sql stable set search_path = public
as $$
  select q.n, s.id, s.user_id, s.expires_at,
         u.email, u.display_name, u.agency_id, u.created_at,
         a.name, a.kind, a.color,
         place.board_id, place.meeting_id, place.status, place.adjustment,
         bm.role
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
  order by q.n
$$;

-- As for every store function (migration store_functions): only the server may call it.
do $$
declare
  fn text := 'samtavla_session_admissions(text[], text[], text[])';
  api_role text;
begin
  execute format('revoke all on function %s from public', fn);
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on function %s from %I', fn, api_role);
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    execute format('grant execute on function %s to service_role', fn);
  end if;
end
$$;
