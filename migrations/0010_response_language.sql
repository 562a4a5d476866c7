-- The language a response was given in (a survey's `languages:`, core/i18n/localize.ts):
-- a tag like `de`, or NULL for a survey offered in one language and for older responses.
ALTER TABLE responses ADD COLUMN language TEXT;
