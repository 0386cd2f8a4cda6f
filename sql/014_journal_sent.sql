-- salesorg schema, version 14: the journal sent to the head, and the
-- messages of a mail merge set apart from the touches.
--
-- The activity report's template asks, day by day, whether the manager
-- filled tomorrow's journal and sent it to the head.  salesorg journal
-- --send mails it (or writes it to a file) and leaves a row here: whose
-- journal, for which day, when it went, how (mail or file) and where.
-- The row of a day is the proof the head reads; sending again adds one.
CREATE TABLE journal_sent (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	day		TEXT NOT NULL,		-- the journal's day, YYYY-MM-DD
	sent_at		INTEGER NOT NULL,
	how		TEXT NOT NULL CHECK (how IN ('mail', 'file')),
	dest		TEXT NOT NULL DEFAULT ''	-- the address, the file
) STRICT;
-- The activity report reads a period's sendings in time order; the
-- head's list reads one journal day's.
CREATE INDEX journal_sent_at ON journal_sent(sent_at, user_id, day);
CREATE INDEX journal_sent_day ON journal_sent(day, user_id);

-- A message of a mail merge is logged as a done e-mail event, but it is
-- not a touch: the first real call after it is still a cold call.  The
-- events that are such messages are listed here (a row per event, its
-- id the key, so asking costs one seek), not flagged in events, whose
-- covering indexes the activity report walks stay as they are.  The
-- messages logged before this version are known by the description the
-- merge has always stored, untranslated: Mail merge "NAME" to ADDRESS.
CREATE TABLE merge_messages (
	event_id	INTEGER PRIMARY KEY
			REFERENCES events(id) ON DELETE CASCADE
) STRICT;
INSERT INTO merge_messages (event_id)
SELECT e.id FROM events e JOIN event_types t ON t.id = e.type_id
WHERE t.code = 'email' AND e.description LIKE 'Mail merge "%';
