-- Saved pivots (salesorg pivot --save, the pivot screen): a pivot's spec
-- under a name, the team's as saved filters are (store/pivot.h).  The
-- dates are kept as typed ("-12m", "today"), resolved when run.  Only
-- the one who saved a pivot, a head or an admin replaces or deletes it.
CREATE TABLE saved_pivots (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	entity		TEXT NOT NULL,
	rows		TEXT NOT NULL,		-- "category,manager"
	cols		TEXT NOT NULL DEFAULT '',
	period		TEXT NOT NULL DEFAULT '',
	date_field	TEXT NOT NULL DEFAULT '',
	measure		TEXT NOT NULL DEFAULT 'count',	-- "sum:amount"
	filter		TEXT NOT NULL DEFAULT '',
	from_date	TEXT NOT NULL DEFAULT '',
	to_date		TEXT NOT NULL DEFAULT '',
	on_date		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
