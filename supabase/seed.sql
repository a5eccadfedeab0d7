-- Run by the Supabase CLI after the migrations on `supabase start` / `supabase db reset`
-- (local development only; `supabase db push` never runs it against a hosted project).
-- Deliberately adds nothing: agencies created here would appear on the sign-up page, and no
-- person belongs in a seed file. The demo (the Åsby group, its members, meetings and minutes)
-- comes from `npm run seed`, which hashes passwords and builds the documents the way the app does.
-- Idempotent by construction: a statement that changes nothing.
select 'Samtavla: run `npm run seed` for demo data' as note;
