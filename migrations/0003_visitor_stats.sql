-- Visitor statistics (worker/stats/): counters, never a log of visits.
--
-- One row per UTC day, dimension and value: how many page views, and how many unique
-- visitors (counted at their first view of the day). Nothing here identifies a person:
-- paths without personal query parameters, referring domains, country codes, and a few
-- fixed words for device class and browser family. Each day holds at most a fixed number
-- of distinct values per dimension (core/stats/model.ts DAILY_CAPS); the rest count as
-- '(other)'. Rows older than the retention period in site/site.config.ts are purged daily.
CREATE TABLE visitor_stats (
  day TEXT NOT NULL,          -- YYYY-MM-DD, UTC
  dimension TEXT NOT NULL CHECK (dimension IN ('total', 'path', 'referrer', 'country', 'device', 'browser')),
  value TEXT NOT NULL,        -- '' for 'total', and for a view with no referrer from another site
  views INTEGER NOT NULL DEFAULT 0,
  visitors INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, dimension, value)
) WITHOUT ROWID;

-- Today's seen-set: the salted daily hashes of visitors already counted today, so a second
-- view the same day is not a second visitor. The hash's salt is deleted when the day ends,
-- and so are these rows (by the next queue batch, and by the daily cron). `claimed_by` marks
-- the rows a queue batch is inserting, only while its transaction runs.
CREATE TABLE visitor_seen (
  day TEXT NOT NULL,
  visitor TEXT NOT NULL,
  claimed_by TEXT,
  PRIMARY KEY (day, visitor)
) WITHOUT ROWID;
CREATE INDEX visitor_seen_claims ON visitor_seen (claimed_by) WHERE claimed_by IS NOT NULL;
