-- An instance remembers a failed key lookup for a few seconds (auth/ApiKeyCache), so a key created right after a
-- lookup of it failed would be refused until that entry expired. Announcing new keys too, on the channel that
-- V2 uses, makes every instance drop the remembered failure at commit: a new key works everywhere at once.
CREATE FUNCTION api_keys_notify_created() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('segment_gateway_api_keys', encode(NEW.key_hash, 'hex'));
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_created
  AFTER INSERT ON api_keys
  FOR EACH ROW
  EXECUTE FUNCTION api_keys_notify_created();
