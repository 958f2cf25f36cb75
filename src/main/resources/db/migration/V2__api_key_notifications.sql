-- Every instance caches API keys for a few seconds and LISTENs on segment_gateway_api_keys (auth/KeyRevocations).
-- A key that is revoked, un-revoked, moved to another app, rehashed or deleted is announced there, with its SHA-256 in
-- lowercase hex (the id ApiKeyCache.idOf gives it), so that each instance drops it from its cache at once instead
-- of when the entry expires. Notifications are sent at commit, and only if the transaction commits.
CREATE FUNCTION api_keys_notify_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('segment_gateway_api_keys', encode(OLD.key_hash, 'hex'));
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed
  AFTER UPDATE OF revoked_at, app_id, key_hash ON api_keys
  FOR EACH ROW
  WHEN ((OLD.revoked_at, OLD.app_id, OLD.key_hash) IS DISTINCT FROM (NEW.revoked_at, NEW.app_id, NEW.key_hash))
  EXECUTE FUNCTION api_keys_notify_changed();

CREATE TRIGGER api_keys_deleted
  AFTER DELETE ON api_keys
  FOR EACH ROW
  EXECUTE FUNCTION api_keys_notify_changed();

-- TRUNCATE names no rows: an empty payload, which tells the instances to forget every key.
CREATE FUNCTION api_keys_notify_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('segment_gateway_api_keys', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_truncated
  AFTER TRUNCATE ON api_keys
  FOR EACH STATEMENT
  EXECUTE FUNCTION api_keys_notify_truncated();
