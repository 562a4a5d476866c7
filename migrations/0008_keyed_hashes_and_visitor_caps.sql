-- Two privacy repairs (issue 14, faults 9 and 4).
--
-- 1. Opt-outs keyed with a secret (worker/invitations/store.ts, core/email/suppression.ts).
-- A suppression used to be the bare SHA-256 of the normalised address, which anyone can
-- check a guessed address against; new ones are HMAC-SHA-256 under a key derived from
-- CANVASS_SIGNING_KEY. SQL cannot compute an HMAC, so the rows already stored are re-keyed
-- by the Worker: at each contact upload and by the daily cron, for every address it still
-- holds as a contact. A row whose address is no longer held cannot be re-keyed (nothing
-- tells which address it is) and stays unkeyed until that address is uploaded again; it
-- still suppresses, because every check also looks for the old hash of the address at hand.
ALTER TABLE suppressions ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));
CREATE INDEX suppressions_unkeyed ON suppressions (address_hash) WHERE keyed = 0;

-- The keyed hash of each contact's address, for the SQL that skips opted-out contacts.
-- Filled at upload; the daily cron fills it for contacts stored before this migration.
ALTER TABLE contacts ADD COLUMN suppression_hash TEXT;
CREATE INDEX contacts_by_suppression_hash ON contacts (suppression_hash);

-- What an opt-out link names: an opaque random id per address, never anything computed
-- from the address. No foreign key: a link must keep working after its contact is deleted.
CREATE TABLE optout_keys (
  id TEXT PRIMARY KEY,
  suppression_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- 2. Visitor counts per source (worker/stats/store.ts): `source` is the day's salted hash of
-- the client address alone (an IPv6 /64), so one address counts at most a few visitors and
-- views a day however many User-Agents it sends. Both go with the day, like the seen-set.
ALTER TABLE visitor_seen ADD COLUMN source TEXT;
CREATE INDEX visitor_seen_by_source ON visitor_seen (day, source);

CREATE TABLE visitor_sources (
  day TEXT NOT NULL,
  source TEXT NOT NULL,
  -- Views counted for this source today (never more than the daily cap).
  views INTEGER NOT NULL,
  -- How many of the last batch's views were counted: read back by the consumer at once.
  granted INTEGER NOT NULL,
  PRIMARY KEY (day, source)
) WITHOUT ROWID;
