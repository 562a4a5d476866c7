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

