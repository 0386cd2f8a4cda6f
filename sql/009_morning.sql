-- The morning's call list.
--
-- A snoozed reminder is the user's own state: the event or task stays
-- where it was planned, only its reminder comes again at `until` (for
-- this user; a colleague's snooze does not silence ours).  occurrence
-- is the rule's start of a recurring event's occurrence, 0 otherwise.
CREATE TABLE reminder_snoozes (
	user_id		INTEGER NOT NULL REFERENCES users(id),
	kind		TEXT NOT NULL CHECK (kind IN ('event', 'task')),
	item_id		INTEGER NOT NULL,
	occurrence	INTEGER NOT NULL DEFAULT 0,
	until		INTEGER NOT NULL,
	PRIMARY KEY (user_id, kind, item_id, occurrence)
) STRICT, WITHOUT ROWID;
CREATE INDEX reminder_snoozes_until ON reminder_snoozes(user_id, until);

-- Tasks remind their assignee too: minutes before the due moment.
ALTER TABLE tasks ADD COLUMN remind_min INTEGER;
