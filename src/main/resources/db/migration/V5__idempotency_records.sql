-- What a write sent with an Idempotency-Key did, kept idempotency.retentionHours (24 h) so that a retry with the same
-- key gets the same answer instead of making a second change. The write's own statement inserts it (a change and
-- its record commit or vanish together), and the primary key serializes two requests with one key: the second
-- waits for the first's commit and then fails with a unique violation. Only changes are recorded (2xx).
--
-- A record holds what its answer is rendered from, not the answer's bytes: the segment as the statement returned
-- it (constraints as the text the answer copied: the request's canonical text, or jsonb's text) and the warnings
-- as JSON text; a DELETE (204) only its status. No foreign key to segments: a record outlives its segment.
CREATE TABLE idempotency_records (
  app_id                text COLLATE "C" NOT NULL,
  key                   text COLLATE "C" NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  status                smallint    NOT NULL,
  fingerprint           bytea       NOT NULL, -- SHA-256 of the method, the path and the body's bytes
  version               bigint,
  segment_created_at    timestamptz,
  segment_updated_at    timestamptz,
  constraints_canonical boolean,
  segment_id            text,
  name                  text,
  description           text,
  constraints           text,
  warnings              text,
  PRIMARY KEY (app_id, key)
);

-- Expired records are found by age, a batch at a time and off the request path (RecordExpiry), never by a scan.
CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
