-- One-time sign-in links by e-mail (issue 14, point 1; WCAG 2.2 SC 3.3.8 accessible
-- authentication): a member may sign in with a link sent to their address instead of a password.
-- Only the token's hash is kept; a link works once, for 15 minutes (the service decides the time),
-- and goes with its user. Using it is one statement (update … where used_at is null … returning),
-- so two tabs racing for the same link cannot both sign in. Nothing here uses PostgreSQL 16+ syntax.

create table sign_in_links (
  token_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index sign_in_links_user_id_idx on sign_in_links (user_id);
alter table sign_in_links enable row level security;

do $$
declare
  api_role text;
begin
  -- As every table (migration revoke_api_roles): the API roles get nothing.
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table sign_in_links from %I', api_role);
    end if;
  end loop;
end
$$;
