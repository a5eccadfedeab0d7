-- Invite links that cannot undo an owner's decision (issue 8, point 4).
--
-- * An invite link is for someone who is not yet a member: accepting it as a member changes
--   nothing (before, it raised a demoted member's role back).
-- * A removal is remembered per board and person; a link created before the removal no longer
--   lets that person back in. A link created after it does (the owner chose to invite again).
-- * A link may be limited to a number of uses (one person, or n people); each join takes one use,
--   counted in the same transaction that adds the member, so two people joining at once cannot
--   both take the last use.
--
-- Acceptance is one SQL function called by every adapter (see 20261122190000_store_functions.sql
-- for the conventions). Nothing here uses PostgreSQL 16+ syntax: it runs on 15 (Supabase) and on
-- PGlite.

-- null: unlimited until the link expires.
alter table invites add column max_uses integer check (max_uses is null or max_uses > 0);
alter table invites add column uses integer not null default 0 check (uses >= 0);
alter table invites add constraint invites_uses_within_max check (max_uses is null or uses <= max_uses);

-- The last time each person was removed from each board.
create table board_removals (
  board_id text not null references boards (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  removed_at timestamptz not null,
  primary key (board_id, user_id)
);
create index board_removals_user_id_idx on board_removals (user_id);
alter table board_removals enable row level security;

-- Removing now also remembers the removal, in the same transaction (and under the same board
-- lock) as the delete. Takes the instant from the caller, the clock invites are stamped with.
create function samtavla_remove_member(p_board_id text, p_user_id text, p_at timestamptz) returns text
language plpgsql set search_path = public
as $$
declare
  verdict text := samtavla_membership_check(p_board_id, p_user_id, false);
begin
  if verdict <> 'ok' then
    return verdict;
  end if;
  delete from board_members where board_id = p_board_id and user_id = p_user_id;
  insert into board_removals (board_id, user_id, removed_at) values (p_board_id, p_user_id, p_at)
  on conflict (board_id, user_id) do update set removed_at = greatest(board_removals.removed_at, excluded.removed_at);
  return 'changed';
end
$$;

-- The two-argument form stays for instances of the previous version still running during a
-- rolling deploy (migrations are additive); it records the removal at the database's clock.
-- Named arguments pick the form unambiguously, in SQL and in PostgREST's RPC.
create or replace function samtavla_remove_member(p_board_id text, p_user_id text) returns text
language sql set search_path = public
as $$
  select samtavla_remove_member(p_board_id => p_board_id, p_user_id => p_user_id, p_at => now())
$$;

-- Accepts the invite whose token hashes to p_token_hash for p_user_id at p_at. Returns
-- {"outcome": …} with one of
--   joined   (and "role"): added with the invite's role, one use taken;
--   member   (and "role"): already a member; nothing changed, no use taken;
--   unknown, revoked, expired, used-up: the link cannot be used;
--   removed: the person was removed from the board after this link was created.
-- The invite's row is locked first, so concurrent acceptances of one link are serialised: the
-- use count read is the one written.
create function samtavla_accept_invite(p_token_hash text, p_user_id text, p_at timestamptz) returns jsonb
language plpgsql set search_path = public
as $$
declare
  inv invites%rowtype;
  member_role text;
  removed timestamptz;
begin
  select * into inv from invites where token_hash = p_token_hash for update;
  if not found then
    return jsonb_build_object('outcome', 'unknown');
  end if;
  select role into member_role from board_members where board_id = inv.board_id and user_id = p_user_id;
  if found then
    return jsonb_build_object('outcome', 'member', 'role', member_role);
  end if;
  if inv.revoked_at is not null then
    return jsonb_build_object('outcome', 'revoked');
  end if;
  if inv.expires_at <= p_at then
    return jsonb_build_object('outcome', 'expired');
  end if;
  if inv.max_uses is not null and inv.uses >= inv.max_uses then
    return jsonb_build_object('outcome', 'used-up');
  end if;
  select removed_at into removed from board_removals where board_id = inv.board_id and user_id = p_user_id;
  if found and removed >= inv.created_at then
    return jsonb_build_object('outcome', 'removed');
  end if;
  -- `on conflict` waits for a concurrent join of the same person through another link.
  insert into board_members (board_id, user_id, role) values (inv.board_id, p_user_id, inv.role)
  on conflict (board_id, user_id) do nothing;
  if not found then
    select role into member_role from board_members where board_id = inv.board_id and user_id = p_user_id;
    return jsonb_build_object('outcome', 'member', 'role', member_role);
  end if;
  update invites set uses = uses + 1 where id = inv.id;
  return jsonb_build_object('outcome', 'joined', 'role', inv.role);
end
$$;

-- Who may call them, and who may read the new table: as in 20261122190000_store_functions.sql
-- and 20261122160000_revoke_api_roles.sql. Only the server (owner or service_role).
do $$
declare
  fn regprocedure;
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table board_removals from %I', api_role);
    end if;
  end loop;
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname in ('samtavla_remove_member', 'samtavla_accept_invite')
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
end
$$;
