-- salesorg schema, version 23: indexes for the funnel and the dynamics
-- (issue 27), partial so that only the rows they read pay for them.
--
-- The funnel reads, for its period, the create rows of deals and
-- companies and their stage and status changes, and for each change
-- the one before it on the same record.  audit_at gave the period's rows
-- of every entity and field, each read from the table to be filtered
-- out; audit_record gave a record's rows of every field, each read from
-- the table for the one field.  audit_moves has the period's rows of one
-- entity and field, in (at, id) order, with what the stays need
-- (covering); audit_moves_record a record's changes of one field in
-- (at, id) order, with both values (covering: the cohort's history and
-- the stays' change before, without the table).
--
-- Written "field = ... OR field = ... OR action = ...", not with IN: the
-- planner uses a partial index when a term of the query implies its
-- WHERE, and "field = 'status'" implies an OR of equalities, not an IN.
-- The create rows of every entity are in audit_moves (a record's
-- creation is one more index entry, appended at the end of its entity's
-- range); the other changes, the bulk of the log, are in neither.
CREATE INDEX audit_moves ON audit_log(entity, field, at, id, record_id,
	old_value) WHERE field = 'stage_id' OR field = 'status' OR
	action = 'create';
CREATE INDEX audit_moves_record ON audit_log(entity, field, record_id, at,
	id, old_value, new_value) WHERE field = 'stage_id' OR
	field = 'status';

-- The dynamics' probes of a company's payments (none before its first
-- one in the period; none within lost_months after a payment) read
-- only live payments: with deleted_at in the index and the index
-- partial, a probe does not read the table (payments_company has every
-- payment and no deleted_at, so each candidate was a table read).
CREATE INDEX payments_company_live ON payments(company_id, paid_on,
	deleted_at) WHERE deleted_at IS NULL;
