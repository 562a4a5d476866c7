-- The order a respondent was shown what the survey shuffles (`randomize: true`), as JSON:
-- {"<question id>": [choice values], "page:<index>": [question ids]}. NULL when nothing was
-- shuffled or recorded (JavaScript off, responses stored before this migration).
ALTER TABLE responses ADD COLUMN presentation TEXT CHECK (presentation IS NULL OR json_valid(presentation));
