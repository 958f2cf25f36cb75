-- A key may carry its own rate limit: rate_per_second tokens a second into a bucket of rate_burst tokens (both, or
-- neither: then the service's rateLimit defaults apply). Stored with the key, so that every instance reads the same.
ALTER TABLE api_keys
  ADD COLUMN rate_per_second double precision,
  ADD COLUMN rate_burst      integer,
  ADD CONSTRAINT api_keys_rate_limit_valid CHECK (
    (rate_per_second IS NULL AND rate_burst IS NULL)
    OR (rate_per_second > 0 AND rate_per_second <= 1e9 AND rate_burst BETWEEN 1 AND 1000000000));

-- A changed limit is announced like a revocation (migration V2): each instance drops the key from its cache and reads
-- the new limit with the key's next request, instead of when the cache entry expires.
DROP TRIGGER api_keys_changed ON api_keys;
CREATE TRIGGER api_keys_changed
  AFTER UPDATE OF revoked_at, app_id, key_hash, rate_per_second, rate_burst ON api_keys
  FOR EACH ROW
  WHEN ((OLD.revoked_at, OLD.app_id, OLD.key_hash, OLD.rate_per_second, OLD.rate_burst)
    IS DISTINCT FROM (NEW.revoked_at, NEW.app_id, NEW.key_hash, NEW.rate_per_second, NEW.rate_burst))
  EXECUTE FUNCTION api_keys_notify_changed();
