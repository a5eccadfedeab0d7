-- Personal access tokens for the versioned JSON API (issue 15, first slice): a person makes a token
-- with a name, scopes and an expiry, and a script calls /api/v1 with it as `Authorization: Bearer`.
-- Only the token's hash is kept (shown once, never again). Revoking sets revoked_at, and the lookup
-- asks for an unrevoked, unexpired row every time, so a revoked token stops at once. board_id is for
-- the board tokens of a later slice (null for a personal token); the token goes with its person and
-- with its board. Scopes are a text array ('read', 'actions:write'). Nothing here uses PostgreSQL 16+.

create table api_tokens (
  id text primary key,
  token_hash text not null unique,
  user_id text not null references users (id) on delete cascade,
  board_id text references boards (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  scopes text[] not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_id_idx on api_tokens (user_id);
create index api_tokens_board_id_idx on api_tokens (board_id);
alter table api_tokens enable row level security;

-- Erasure (samtavla_erase_user sets erased_at on the row it anonymises): the person's tokens go
-- with it, in the same transaction, as access_needs do (migration venues_and_access_needs).
create function samtavla_erase_api_tokens() returns trigger
language plpgsql set search_path = public
as $$
begin
  delete from api_tokens where user_id = new.id;
  return new;
end
$$;

create trigger users_erase_api_tokens
after update of erased_at on users
for each row when (new.erased_at is not null and old.erased_at is null)
execute function samtavla_erase_api_tokens();

do $$
declare
  api_role text;
begin
  execute 'revoke all on function samtavla_erase_api_tokens() from public';
  -- As every table (migration revoke_api_roles): the API roles get nothing.
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table api_tokens from %I', api_role);
      execute format('revoke all on function samtavla_erase_api_tokens() from %I', api_role);
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    execute 'grant execute on function samtavla_erase_api_tokens() to service_role';
  end if;
end
$$;
