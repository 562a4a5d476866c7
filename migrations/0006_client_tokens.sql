-- Client tokens for /api/admin/* (worker/http/auth.ts): each sees only its client's data.
-- Only the SHA-256 (hex) of a token is stored: a copy of this table lets no one in.
-- `canvass token create|list|revoke` (scripts/commands/token.ts) writes and reads it.
CREATE TABLE api_tokens (
  -- Short public id, shown by `canvass token list` and used to revoke.
  id TEXT PRIMARY KEY,
  -- A client id from canvass.config.ts; a token of a client no longer there is refused.
  client TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  -- Set by `canvass token revoke`; the row is kept so the list shows what was revoked.
  revoked_at TEXT,
  last_used_at TEXT
);
