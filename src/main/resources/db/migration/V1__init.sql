-- API keys are stored only as the SHA-256 of the key text; a key is revoked by stamping revoked_at.
CREATE TABLE api_keys (
  key_hash   bytea       PRIMARY KEY,
  app_id     text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- The app id leads the primary key so that the table can later be distributed by app.
-- COLLATE "C" makes id order plain byte order: the keyset cursor and the index agree on any locale,
-- and the primary key index serves "WHERE app_id = $1 AND id > $2 ORDER BY id".
CREATE TABLE segments (
  app_id      text COLLATE "C" NOT NULL,
  id          text COLLATE "C" NOT NULL,
  name        text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  constraints jsonb       NOT NULL,
  version     bigint      NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, id)
);
