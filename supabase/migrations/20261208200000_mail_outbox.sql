-- E-mail (issue 14, points 6–8). Every message goes through this outbox: a service renders it
-- (in the recipient's language) and queues it in the same request that caused it; a worker in
-- each instance claims due rows, sends them over SMTP and marks them. Nothing is sent from a
-- request, so a slow or failing SMTP server never slows a page, and a restart loses nothing.
--
-- Delivery guarantee (README, "E-mail"): at least once, with one stable Message-ID per row.
--  * A row is claimed (state 'sending', attempts + 1) for a lease; the claim skips rows another
--    instance holds (for update skip locked), so two instances never send one row at once.
--  * Sent: marked in one statement right after the SMTP server accepted it.
--  * A crash between claim and mark leaves the row 'sending'; when its lease ends it is due again
--    and sent again with the same Message-ID. Only a crash in the moment between the server's
--    "250 OK" and the mark can give a second copy, which mail clients and providers drop as the
--    same message (same Message-ID). No row is ever deleted by sending: given-up rows stay
--    'failed' with their last error, for an operator to see.
create table if not exists mail_outbox (
  id text primary key,
  kind text not null,
  recipient text not null,
  user_id text,
  -- An event sends one message per recipient and kind: a second queueing with the same key is dropped.
  dedupe_key text unique,
  -- The rendered message: subject, text, html, headers, attachments (see src/lib/server/mail/).
  content jsonb not null,
  -- SHA-256 (hex) of the message's unsubscribe token: the link finds the address and kind by it.
  unsubscribe_hash text unique,
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  -- pending: not before this; sending: when the lease ends (then the row is due again).
  next_attempt_at timestamptz not null,
  lease_holder text,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);

create index if not exists mail_outbox_due on mail_outbox (next_attempt_at) where state in ('pending', 'sending');
create index if not exists mail_outbox_recipient on mail_outbox (lower(recipient));

-- Per address and kind: the person asked for no more of these (the unsubscribe link, /account).
create table if not exists mail_opt_outs (
  address text not null,
  kind text not null,
  created_at timestamptz not null,
  primary key (address, kind)
);

-- The language a person reads e-mail in: the one they use the app in (sign-up, language switch).
alter table users add column if not exists language text not null default 'sv' check (language in ('sv', 'en', 'da'));

alter table mail_outbox enable row level security;
alter table mail_opt_outs enable row level security;

-- Queues one message, due at once by the database's clock (as every lease and retry here, so the
-- instances' clocks may disagree): 'queued', 'duplicate' (its dedupe_key was queued before) or 'opted-out'
-- (the address unsubscribed from its kind; nothing is stored).
create function samtavla_mail_enqueue(p_message jsonb) returns text
language plpgsql set search_path = public
as $$
declare
  inserted integer;
begin
  if exists (select 1 from mail_opt_outs where address = lower(p_message->>'recipient') and kind = p_message->>'kind') then
    return 'opted-out';
  end if;
  insert into mail_outbox (id, kind, recipient, user_id, dedupe_key, content, unsubscribe_hash, next_attempt_at, created_at)
  values (
    p_message->>'id', p_message->>'kind', p_message->>'recipient', p_message->>'user_id', p_message->>'dedupe_key',
    p_message->'content', p_message->>'unsubscribe_hash', clock_timestamp(), (p_message->>'created_at')::timestamptz
  )
  on conflict (dedupe_key) do nothing;
  get diagnostics inserted = row_count;
  return case when inserted = 1 then 'queued' else 'duplicate' end;
end
$$;

-- Claims up to p_limit due rows for p_holder for p_lease_ms: pending ones whose time has come and
-- sending ones whose holder's lease ended (it died). Rows another instance is claiming right now
-- are skipped, never waited for. Returns the claimed rows as a JSON array, oldest due first.
create function samtavla_mail_claim(p_holder text, p_lease_ms integer, p_limit integer) returns jsonb
language sql set search_path = public
as $$
  with due as (
    select id from mail_outbox
    where state in ('pending', 'sending') and next_attempt_at <= clock_timestamp()
    order by next_attempt_at, id
    limit p_limit
    for update skip locked
  ), claimed as (
    update mail_outbox o
    set state = 'sending', lease_holder = p_holder, attempts = o.attempts + 1,
        next_attempt_at = clock_timestamp() + p_lease_ms * interval '1 millisecond'
    from due where o.id = due.id
    returning o.*
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.created_at, claimed.id), '[]'::jsonb) from claimed
$$;

-- The SMTP server accepted the row's message: sent. False when p_holder no longer holds it (its
-- lease ended and another instance claimed it), which the caller logs.
create function samtavla_mail_sent(p_id text, p_holder text) returns boolean
language sql set search_path = public
as $$
  with marked as (
    update mail_outbox set state = 'sent', sent_at = clock_timestamp(), lease_holder = null, last_error = null
    where id = p_id and state = 'sending' and lease_holder = p_holder
    returning 1
  )
  select exists (select 1 from marked)
$$;

-- Sending failed: due again after p_retry_ms, or 'failed' (kept, never deleted) once it has had
-- p_max_attempts attempts, or at once when p_permanent (the server refused the address).
-- Returns the row's new state, or null when p_holder no longer holds it.
create function samtavla_mail_failed(p_id text, p_holder text, p_error text, p_retry_ms integer, p_max_attempts integer, p_permanent boolean) returns text
language sql set search_path = public
as $$
  update mail_outbox
  set state = case when p_permanent or attempts >= p_max_attempts then 'failed' else 'pending' end,
      next_attempt_at = clock_timestamp() + p_retry_ms * interval '1 millisecond',
      lease_holder = null,
      last_error = left(p_error, 1000)
  where id = p_id and state = 'sending' and lease_holder = p_holder
  returning state
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in store_functions.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname like 'samtavla\_mail\_%'
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
      execute format('revoke all on table mail_outbox from %I', api_role);
      execute format('revoke all on table mail_opt_outs from %I', api_role);
    end if;
  end loop;
end
$$;
