-- E-mail, second part (issue 14, point 7): the agenda sent to the members, and the outbox's
-- retention. Nothing here uses PostgreSQL 16+ syntax (PGlite is 18, Debian and Supabase 15).
--
-- 1. meetings.agenda_sent_at: when an owner or editor last sent the agenda to the members
--    ("Send the agenda"); null while it never was. A later sending says it is an updated agenda.
alter table meetings add column if not exists agenda_sent_at timestamptz;

-- Records a sending at p_at and returns what was there before: {"previous": <timestamptz or null>},
-- or null when the meeting is gone. One statement: two senders at once each see the other's time.
create function samtavla_meeting_agenda_sent(p_meeting_id text, p_at timestamptz) returns jsonb
language sql set search_path = public
as $$
  with old as (
    select id, agenda_sent_at from meetings where id = p_meeting_id for update
  ), marked as (
    update meetings m set agenda_sent_at = p_at from old where m.id = old.id
    returning old.agenda_sent_at as previous
  )
  select jsonb_build_object('previous', previous) from marked
$$;

-- 2. Retention of the outbox (MAIL_RETENTION_DAYS). A sent message keeps its recipient's address
--    and words; it goes after the retention period, a given-up ('failed') one after a longer one.
--    Its unsubscribe link must keep working though (the person may read the mail a year later, and
--    a provider's one-click button posts to it): before the row goes, the link's token hash, the
--    address and the kind move to mail_unsubscribe_links, which holds nothing else and goes after
--    p_links_before (a year, the service decides) or when the account is erased.
create table if not exists mail_unsubscribe_links (
  token_hash text primary key,
  address text not null,
  kind text not null,
  created_at timestamptz not null
);
create index if not exists mail_unsubscribe_links_address on mail_unsubscribe_links (lower(address));
create index if not exists mail_unsubscribe_links_created on mail_unsubscribe_links (created_at);
create index if not exists mail_outbox_sent_at on mail_outbox (sent_at) where state = 'sent';
alter table mail_unsubscribe_links enable row level security;

-- Deletes sent rows sent before p_sent_before and failed rows created before p_failed_before,
-- keeping their unsubscribe links; then links created before p_links_before. Pending and sending
-- rows are never touched. Returns {"sent": n, "failed": n, "links": n}.
create function samtavla_mail_prune(p_sent_before timestamptz, p_failed_before timestamptz, p_links_before timestamptz) returns jsonb
language plpgsql set search_path = public
as $$
declare
  sent_count integer;
  failed_count integer;
  link_count integer;
begin
  with gone as (
    delete from mail_outbox
    where (state = 'sent' and sent_at < p_sent_before) or (state = 'failed' and created_at < p_failed_before)
    returning state, unsubscribe_hash, recipient, kind, created_at
  ), kept as (
    insert into mail_unsubscribe_links (token_hash, address, kind, created_at)
    select unsubscribe_hash, lower(recipient), kind, created_at from gone
    where unsubscribe_hash is not null and created_at >= p_links_before
    on conflict (token_hash) do nothing
  )
  select count(*) filter (where state = 'sent'), count(*) filter (where state = 'failed') into sent_count, failed_count from gone;
  delete from mail_unsubscribe_links where created_at < p_links_before;
  get diagnostics link_count = row_count;
  return jsonb_build_object('sent', sent_count, 'failed', failed_count, 'links', link_count);
end
$$;

-- Only the server calls these (the owner, or Supabase's service_role); as in mail_outbox.
do $$
declare
  fn regprocedure;
  api_role text;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname in ('samtavla_meeting_agenda_sent', 'samtavla_mail_prune')
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
      execute format('revoke all on table mail_unsubscribe_links from %I', api_role);
    end if;
  end loop;
end
$$;
