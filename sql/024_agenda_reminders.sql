-- salesorg schema, version 24: one user's reminders by the moment they
-- are due (issue 26).
--
-- One user's agenda lists, after the shown days, the one-off events and
-- open tasks of the next month whose reminder has come.  It found them
-- on the user's range of events_agenda (tasks_assignee_due), walked a
-- month past the days: every planned call of that month (some 1 400 a
-- manager in the benchmark) read from the table only to be dropped on
-- remind_min.  Keyed by the user and the reminder's moment, "reminder
-- due by now" is a range of the few that are; the start (due) moment
-- after it keeps "not one of the shown days" a test on the index.
-- events_remind (sql/011) is everyone's, by the moment alone.
CREATE INDEX events_remind_user ON events(assignee_id,
	start_at - remind_min * 60, start_at)
	WHERE deleted_at IS NULL AND status = 'planned' AND rrule = ''
	AND remind_min IS NOT NULL;
CREATE INDEX tasks_remind_user ON tasks(assignee_id,
	due_at - remind_min * 60, due_at)
	WHERE deleted_at IS NULL AND status = 'open' AND remind_min IS NOT NULL;
