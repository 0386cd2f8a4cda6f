-- Reports and the work journal.
--
-- A meeting's report names what each side does next: our next steps and
-- the client's, written when the meeting is done (the manager's notes
-- themselves are the result comment).
ALTER TABLE events ADD COLUMN our_actions TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN client_actions TEXT NOT NULL DEFAULT '';

-- The activity report reads a year of done events (some 300 000 of a
-- million) in time order: a covering partial index, so the pass never
-- touches the table.  status, rrule and deleted_at are in it although
-- the WHERE fixes them: only then does SQLite count the index as
-- covering and prefer it to events_start.
CREATE INDEX events_done ON events(start_at, assignee_id, type_id,
	result_id, company_id, contact_id, status, rrule, deleted_at)
	WHERE status = 'done' AND deleted_at IS NULL AND rrule = '';
-- A company's done touches in time order: its first one (the report's
-- :first and :repeat) and the journal's "previous result".
CREATE INDEX events_done_company ON events(company_id, start_at)
	WHERE status = 'done' AND deleted_at IS NULL AND rrule = '';
-- Payments of a period summed per day, deal and company without
-- reading the table.
CREATE INDEX payments_day ON payments(paid_on, deal_id, company_id, amount,
	deleted_at) WHERE deleted_at IS NULL;
