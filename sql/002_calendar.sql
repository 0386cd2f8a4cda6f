-- salesorg schema, version 2: tasks get an iCalendar UID like events, so a
-- task exported as VTODO and imported back (or into another database)
-- keeps its identity.  Existing rows get a random one.
ALTER TABLE tasks ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE tasks SET uid = lower(hex(randomblob(16))) || '@salesorg';
CREATE UNIQUE INDEX tasks_uid ON tasks(uid) WHERE uid <> '';

-- The startup agenda and the reminder scheduler ask for "this user's
-- planned recurring events" apart from the one-off ones: few rows, one
-- index.
CREATE INDEX events_recurring ON events(assignee_id) WHERE rrule <> ''
	AND deleted_at IS NULL;

-- What the calendar formats carry besides a subject: a meeting place and
-- free text (iCalendar LOCATION and DESCRIPTION).
ALTER TABLE events ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN description TEXT NOT NULL DEFAULT '';

-- Birthdays by month and day ('MM-DD' of 'YYYY-MM-DD'): the agenda's
-- "congratulate" items for a day are one index lookup, not a scan of
-- every contact.
CREATE INDEX contacts_birthday ON contacts(substr(birthday, 6, 5))
	WHERE birthday <> '' AND deleted_at IS NULL;
