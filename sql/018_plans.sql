-- salesorg schema, version 18: the department's plans (issue 27).
--
-- A plan is a target for one period -- a month '2026-12', a quarter
-- '2026-Q4' or a year '2026', as written, so the text is the key -- of
-- one measure: payments and won (money, in minor units, as amounts
-- are everywhere) or meetings and calls (counts).  user_id is the
-- manager whose plan it is, or 0 for the team's (the department's own
-- target, not a user; so no foreign key: a user is never deleted, only
-- disabled).  Setting a plan again replaces it; who set it and when is
-- in the audit log (entity "plan") as well as here.
CREATE TABLE plans (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL CHECK (user_id >= 0),
	period		TEXT NOT NULL,
	measure		TEXT NOT NULL CHECK (measure IN ('payments', 'won',
			'meetings', 'calls')),
	amount		INTEGER NOT NULL CHECK (amount >= 0),
	set_at		INTEGER NOT NULL,
	set_by		INTEGER NOT NULL DEFAULT 0,
	UNIQUE (period, measure, user_id)
) STRICT;
