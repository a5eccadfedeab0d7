-- Webhooks per board (issue 15, point 4): an owner registers a URL and the events it wants; each
-- event of the board queues one delivery per active webhook subscribed to it, in the flow that
-- caused it. A worker in each instance claims due deliveries, posts them signed (Standard Webhooks)
-- and marks them. Nothing is posted from a request, and a restart loses nothing: the outbox is here.
--
-- Delivery guarantee (README, "Webhooks"): at least once, with one stable webhook-id per delivery.
--  * A row is claimed (state 'sending', attempts + 1) for a lease; the claim skips rows another
--    instance holds (for update skip locked), so two instances never post one row at once.
--  * A crash between claim and mark leaves the row 'sending'; when its lease ends it is due again
--    and posted again with the same webhook-id, which a receiver uses to drop the second copy.
--  * Given-up rows stay 'failed' with their last status or error, for the owner to see, until the
--    daily upkeep prunes old rows. Nothing here uses PostgreSQL 16+.

create table webhooks (
  id text primary key,
  board_id text not null references boards (id) on delete cascade,
  url text not null check (char_length(url) between 1 and 2000),
  description text not null default '' check (char_length(description) <= 200),
  events text[] not null,
  -- whsec_<base64>: kept because every delivery is signed with it; shown to the owner once.
  secret text not null,
  active boolean not null default true,
  created_at timestamptz not null
);
create index webhooks_board_id_idx on webhooks (board_id);

create table webhook_deliveries (
  -- The webhook-id header: the same on every attempt.
  id text primary key,
  webhook_id text not null references webhooks (id) on delete cascade,
  board_id text not null references boards (id) on delete cascade,
  event_type text not null,
  -- The exact bytes signed and posted (kept as text so every attempt posts the same body).
  body text not null,
  -- One delivery per webhook and key (action.overdue: once per action and due date).
  dedupe_key text,
  state text not null default 'pending' check (state in ('pending', 'sending', 'delivered', 'failed')),
  attempts integer not null default 0,
  -- pending: not before this; sending: when the lease ends (then the row is due again).
  next_attempt_at timestamptz not null,
  lease_holder text,
  last_status integer,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  unique (webhook_id, dedupe_key)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state in ('pending', 'sending');
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at);
create index webhook_deliveries_board on webhook_deliveries (board_id);

alter table webhooks enable row level security;
alter table webhook_deliveries enable row level security;

-- One event of a board: a delivery for each active webhook of the board subscribed to p_event
-- (or, with p_webhook_id, for that webhook alone whatever its events: the test ping). Due at once
-- by the database's clock. Returns how many deliveries were queued (a repeated dedupe key queues none).
create function samtavla_webhook_enqueue(p_board_id text, p_event text, p_body text, p_dedupe_key text, p_webhook_id text) returns integer
language plpgsql set search_path = public
as $$
declare
  inserted integer;
begin
  insert into webhook_deliveries (id, webhook_id, board_id, event_type, body, dedupe_key, next_attempt_at, created_at)
  select 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, w.board_id, p_event, p_body, p_dedupe_key, clock_timestamp(), clock_timestamp()
  from webhooks w
  where w.board_id = p_board_id
    and (case when p_webhook_id is null then w.active and p_event = any (w.events) else w.id = p_webhook_id end)
  on conflict (webhook_id, dedupe_key) do nothing;
  get diagnostics inserted = row_count;
  return inserted;
end
$$;

-- Claims up to p_limit due deliveries of active webhooks for p_holder for p_lease_ms (as
-- samtavla_mail_claim). Returns them with their webhook's url and secret, as a JSON array.
create function samtavla_webhook_claim(p_holder text, p_lease_ms integer, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with due as (
    select d.id from webhook_deliveries d join webhooks w on w.id = d.webhook_id
    where d.state in ('pending', 'sending') and d.next_attempt_at <= clock_timestamp() and w.active
    order by d.next_attempt_at, d.id
    limit p_limit
    for update of d skip locked
  ), claimed as (
    update webhook_deliveries d
    set state = 'sending', lease_holder = p_holder, attempts = d.attempts + 1,
        next_attempt_at = clock_timestamp() + p_lease_ms * interval '1 millisecond'
    from due where d.id = due.id
    returning d.*
  )
  select coalesce(jsonb_agg(to_jsonb(c) || jsonb_build_object('url', w.url, 'secret', w.secret) order by c.created_at, c.id), '[]'::jsonb)
  from claimed c join webhooks w on w.id = c.webhook_id
$$;

-- The receiver answered 2xx: delivered. False when p_holder no longer holds the row.
create function samtavla_webhook_delivered(p_id text, p_holder text, p_status integer) returns boolean
language sql set search_path = public
as $$
  with marked as (
    update webhook_deliveries set state = 'delivered', delivered_at = clock_timestamp(), lease_holder = null, last_status = p_status, last_error = null
    where id = p_id and state = 'sending' and lease_holder = p_holder
    returning 1
  )
  select exists (select 1 from marked)
$$;

-- Posting failed: due again after p_retry_ms, or 'failed' once it has had p_max_attempts attempts.
-- Returns the row's new state, or null when p_holder no longer holds it.
create function samtavla_webhook_failed(p_id text, p_holder text, p_status integer, p_error text, p_retry_ms integer, p_max_attempts integer) returns text
language sql set search_path = public
as $$
  update webhook_deliveries
  set state = case when attempts >= p_max_attempts then 'failed' else 'pending' end,
      next_attempt_at = clock_timestamp() + p_retry_ms * interval '1 millisecond',
      lease_holder = null,
      last_status = p_status,
      last_error = left(p_error, 500)
  where id = p_id and state = 'sending' and lease_holder = p_holder
  returning state
$$;

-- Retention (the daily upkeep): delivered and failed rows queued before p_before go.
create function samtavla_webhook_prune(p_before timestamptz) returns integer
language plpgsql set search_path = public
as $$
declare
  gone integer;
begin
  delete from webhook_deliveries where state in ('delivered', 'failed') and created_at < p_before;
  get diagnostics gone = row_count;
  return gone;
end
$$;

-- Actions not done whose due date lies between p_from and p_to, on boards with an active webhook
-- for action.overdue (the hourly job queues action.overdue once per action and due date).
create function samtavla_webhook_overdue(p_from date, p_to date) returns jsonb
language sql set search_path = public
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'board_id', a.board_id, 'id', a.id, 'title', a.title, 'status', a.status, 'agency_id', a.agency_id,
    'due_date', a.due_date, 'meeting_id', a.meeting_id) order by a.due_date, a.id), '[]'::jsonb)
  from actions a
  where a.status <> 'done' and a.due_date between p_from and p_to
    and exists (select 1 from webhooks w where w.board_id = a.board_id and w.active and 'action.overdue' = any (w.events))
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in mail_outbox.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname like 'samtavla\_webhook\_%'
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
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on table webhooks from %I', api_role);
      execute format('revoke all on table webhook_deliveries from %I', api_role);
    end if;
  end loop;
end
$$;
