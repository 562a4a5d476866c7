-- The end screen a response was shown (a survey's `endings:`, core/endings.ts `endingName`): the
-- ending's `id`, or `ending:<position>` for one without. NULL for a survey without endings (its
-- one end screen is `thanks`) and for responses stored before this migration.
ALTER TABLE responses ADD COLUMN ending TEXT;
