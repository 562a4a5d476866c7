-- The white-paper form's spam guards (worker/papers/guards.ts), counted in D1 because
-- a single SQL statement is atomic where a KV read-then-write is not.

-- Requests per source and clock hour. `key` is HMAC(signing key, bucket, hour, source):
-- the address itself is never stored. Rows of past hours are deleted by the daily cron.
CREATE TABLE paper_rate (
  key TEXT PRIMARY KEY,
  -- Hours since the Unix epoch (UTC).
  hour INTEGER NOT NULL,
  n INTEGER NOT NULL
);
CREATE INDEX paper_rate_by_hour ON paper_rate (hour);

-- Form tickets already used: each ticket stores at most one lead. A row is kept until
-- its ticket would have expired anyway (Unix seconds), then the daily cron deletes it.
CREATE TABLE paper_tickets_used (
  nonce TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX paper_tickets_used_by_expiry ON paper_tickets_used (expires_at);
