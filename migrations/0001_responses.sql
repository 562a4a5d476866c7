-- Responses: one row per submission. The id is the client-generated submission id,
-- so the same submission sent twice (a retry on a bad connection) is stored once.
CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL,
  -- SHA-256 of the published definition the respondent answered.
  definition_hash TEXT NOT NULL,
  answers TEXT NOT NULL CHECK (json_valid(answers)),
  -- ISO 8601, UTC.
  submitted_at TEXT NOT NULL
);
CREATE INDEX responses_by_survey ON responses (survey_id, submitted_at);
