-- The record check of a PATCH batch, once per statement instead of once per member.
--
-- Why: a function with a SET clause is never inlined, and each call pays for it: its GUC is set and restored and
-- its query's executor starts and ends, about 15 us of PostgreSQL CPU per call here (a probe of the primary key
-- itself costs about 1 us). idempotency_recorded (V6) called for each member of a batch cost a keyed PATCH about
-- as much again as its own UPDATE. This function takes the batch's arrays and answers, in one call, which members
-- (their ordinal in the arrays, as the batch's unnest ... WITH ORDINALITY numbers them) already have a fresh
-- record. Its plan can only be a loop of probes of the primary key, one per member with a key, whatever the
-- table's statistics say: no sequential scan, no hash or merge of the whole table.
CREATE FUNCTION idempotency_recorded_members(p_apps text[], p_keys text[], p_retention_seconds float8)
  RETURNS SETOF bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  SET enable_hashjoin = off
  SET enable_mergejoin = off
  AS $$
    SELECT m.ord
    FROM unnest(p_apps, p_keys) WITH ORDINALITY AS m(app_id, key, ord)
    JOIN idempotency_records r ON r.app_id = m.app_id COLLATE "C" AND r.key = m.key COLLATE "C"
    WHERE m.key IS NOT NULL AND r.created_at > now() - p_retention_seconds * interval '1 second'
  $$;
