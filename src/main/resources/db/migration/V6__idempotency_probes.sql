-- The service's statements on idempotency_records, as functions that can only probe its indexes.
--
-- Why: a prepared statement keeps the plan it got when it was first used. A connection that first used the record
-- check while the table was empty (a new deployment, or after expiry emptied it and VACUUM recorded it as empty) was
-- given a sequential scan, or a hash of the whole table, as the cheapest plan for nothing; as the table grew to
-- 200,000 records every keyed PATCH read all of them (bench/run.sh --idempotency: 1,200 us of PostgreSQL CPU per
-- PATCH instead of about 40) until an ANALYZE happened to replace the plan. A function with a SET clause is never
-- inlined: its query sees only its parameters (no outer rows to hash the table for), and with sequential scans off
-- its plan is the primary key's index, or for the expiry the created_at index, whatever the statistics say.

-- A fresh record of this app and key exists (the condition a keyed write skips itself by).
CREATE FUNCTION idempotency_recorded(p_app text, p_key text, p_retention_seconds float8) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  AS $$
    SELECT COALESCE((SELECT r.created_at > now() - p_retention_seconds * interval '1 second'
                     FROM idempotency_records r
                     WHERE r.app_id = p_app COLLATE "C" AND r.key = p_key COLLATE "C"), false)
  $$;

-- The key's fresh record, if any.
CREATE FUNCTION idempotency_record(p_app text, p_key text, p_retention_seconds float8)
  RETURNS SETOF idempotency_records
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  AS $$
    SELECT * FROM idempotency_records r
    WHERE r.app_id = p_app COLLATE "C" AND r.key = p_key COLLATE "C"
      AND r.created_at > now() - p_retention_seconds * interval '1 second'
  $$;

-- Deletes the key's record if it has expired; true when there was one.
CREATE FUNCTION idempotency_delete_expired(p_app text, p_key text, p_retention_seconds float8) RETURNS boolean
  LANGUAGE sql VOLATILE
  SET enable_seqscan = off
  AS $$
    WITH deleted AS (
      DELETE FROM idempotency_records r
      WHERE r.app_id = p_app COLLATE "C" AND r.key = p_key COLLATE "C"
        AND r.created_at <= now() - p_retention_seconds * interval '1 second'
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted)
  $$;

-- Deletes at most p_limit expired records, the oldest first, skipping rows another instance is deleting; how many.
CREATE FUNCTION idempotency_expire(p_retention_seconds float8, p_limit bigint) RETURNS bigint
  LANGUAGE sql VOLATILE
  SET enable_seqscan = off
  AS $$
    WITH deleted AS (
      DELETE FROM idempotency_records WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM idempotency_records
        WHERE created_at <= now() - p_retention_seconds * interval '1 second'
        ORDER BY created_at LIMIT p_limit FOR UPDATE SKIP LOCKED))
      RETURNING 1)
    SELECT count(*) FROM deleted
  $$;
