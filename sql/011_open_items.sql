-- Indexes of what is still open, so that the agenda of the whole
-- department and a window of the calendar cost what they return, not
-- what the history holds (issue 26).
--
-- The planned one-off events by start: the overdue list of `agenda
-- --all` starts at the beginning of time, and without a user it read
-- events_start from there, a million entries for the handful of calls
-- still planned in the past.  Done and cancelled events never enter.
CREATE INDEX events_open ON events(start_at)
	WHERE deleted_at IS NULL AND status = 'planned' AND rrule = '';
-- The recurring series by their first start: "the series begun by the
-- end of the window" is a range of a few hundred entries, where it was
-- a scan of the events table (the agenda) or of events_start up to the
-- window's end (the iCalendar export).
CREATE INDEX events_series ON events(start_at)
	WHERE deleted_at IS NULL AND rrule <> '';
-- One-off events longer than a day, by their end.  A window [from, to)
-- takes the events that start in it or still run at from; an event of
-- at most a day that runs at from started after from - 1 day, which
-- events_start finds, and the rare longer ones come from here: those
-- ending after from.  The WHERE is spelled as the export spells it
-- (store/calendar.c), or the planner could not use the index.
CREATE INDEX events_long ON events(end_at)
	WHERE deleted_at IS NULL AND rrule = '' AND end_at - start_at > 86400;
-- The planned one-off events with a reminder, by the moment it is due:
-- "whose reminder has come" for everyone reads those, not the month of
-- planned calls ahead.
CREATE INDEX events_remind ON events(start_at - remind_min * 60)
	WHERE deleted_at IS NULL AND status = 'planned' AND rrule = ''
	AND remind_min IS NOT NULL;
-- Open tasks by due moment: the agenda's overdue tasks of everyone.
CREATE INDEX tasks_open ON tasks(due_at)
	WHERE deleted_at IS NULL AND status = 'open';
