-- Invitations: contacts supplied by a client or an opt-in panel, one invitation per
-- contact, survey and wave, and one delivery row per email sent for it (the invitation
-- itself is round 0, reminders are rounds 1..N). See worker/invitations/.

-- A person a client (or a panel run for a client) asked us to invite. One row per
-- client and address; re-uploading the same address updates the fields.
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  client TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('client', 'panel')),
  -- The address as supplied (trimmed); address_hash is SHA-256 of its normalised form.
  email TEXT NOT NULL,
  address_hash TEXT NOT NULL,
  name TEXT,
  company TEXT,
  location TEXT,
  -- Custom columns of the list, for piping: {"field": "value"}.
  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (client, address_hash)
);
CREATE INDEX contacts_by_address ON contacts (address_hash);

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL,
  wave TEXT NOT NULL,
  -- Which list it came from: where the address was supplied, and for whom.
  source TEXT NOT NULL CHECK (source IN ('client', 'panel')),
  client TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Set once, when a response arrives on its link. For an anonymous survey it holds only
  -- the day, so it cannot be matched to a response by its time.
  answered_at TEXT,
  UNIQUE (contact_id, survey_id, wave)
);
CREATE INDEX invitations_by_survey ON invitations (survey_id, wave);

-- One email for an invitation: round 0 is the invitation, 1..N the reminders. The queue
-- consumer claims a row (queued/retrying -> sending) with a conditional update before it
-- sends, so a redelivered message never sends twice.
CREATE TABLE deliveries (
  invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  round INTEGER NOT NULL CHECK (round >= 0),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed', 'suppressed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  provider_message_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  -- When the queue accepted its message; NULL means it still has to be enqueued (a sweep does it).
  enqueued_at TEXT,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (invitation_id, round)
);
CREATE INDEX deliveries_by_status ON deliveries (status, updated_at);
CREATE INDEX deliveries_to_enqueue ON deliveries (enqueued_at) WHERE enqueued_at IS NULL;

-- Opt-outs, global to the deployment: SHA-256 of the normalised address. No foreign key,
-- so deleting a contact never deletes an opt-out.
CREATE TABLE suppressions (
  address_hash TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  -- How it arrived: 'one-click' (RFC 8058 POST) or 'page' (the opt-out page's button).
  via TEXT NOT NULL
);

-- The development mail transport: messages are stored here instead of being sent, one
-- per idempotency key (so a resend after a crash is deduplicated like a real provider would).
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  headers TEXT NOT NULL CHECK (json_valid(headers)),
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  raw TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_by_time ON outbox (created_at);

-- A response given through a personal link points at its invitation (never for an
-- anonymous survey); one response per invitation.
ALTER TABLE responses ADD COLUMN invitation_id TEXT REFERENCES invitations (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX responses_one_per_invitation ON responses (invitation_id) WHERE invitation_id IS NOT NULL;
