-- Leads: contact details left in exchange for a white paper (worker/papers.ts).
-- One row per paper and person: asking again updates the row and hands out a fresh
-- link, it never adds a second lead. Read only by the owner (GET /api/admin/leads).
CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  -- The paper's slug (papers/<slug>.md).
  paper TEXT NOT NULL,
  -- As the person typed it (trimmed), and the key that recognises them again (core/papers.ts normaliseEmail).
  email TEXT NOT NULL,
  email_normalised TEXT NOT NULL,
  -- Only the fields the paper's form asks for; NULL for the others.
  name TEXT,
  company TEXT,
  job_title TEXT,
  -- The marketing-consent box: 1 ticked, 0 not (the latest answer wins: unticking withdraws).
  marketing_consent INTEGER NOT NULL CHECK (marketing_consent IN (0, 1)),
  -- SHA-256 of the consent text the person was shown, and when they gave that answer (ISO 8601, UTC).
  consent_text_hash TEXT NOT NULL,
  consent_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_requested_at TEXT NOT NULL,
  requests INTEGER NOT NULL DEFAULT 1,
  UNIQUE (paper, email_normalised)
);
CREATE INDEX leads_by_time ON leads (created_at);
