-- The language an invitation is sent in: the contact list's `language` column, one of the
-- survey's `languages` (checked at upload, worker/invitations/upload.ts). The email, its
-- reminders and the personal link (/s/<id>/<language>/) follow it. NULL: the survey's default.
ALTER TABLE invitations ADD COLUMN language TEXT;
