-- The sales layer: ABC ranks by the 20/80 rule, program members as
-- records of their own.
--
-- companies.abc is the rank of the latest computed month ('' when the
-- company paid nothing that month); the list filters and sorts by it.
-- company_ranks keeps every month's rank, so the card shows a history and
-- the audit report reads who moved between categories.  abc_months says
-- which months have been computed, so the start-up check is one lookup.
ALTER TABLE companies ADD COLUMN abc TEXT NOT NULL DEFAULT ''
	CHECK (abc IN ('', 'A', 'B', 'C'));
CREATE INDEX companies_abc ON companies(abc, id) WHERE deleted_at IS NULL;

CREATE TABLE company_ranks (
	month		TEXT NOT NULL,		-- 'YYYY-MM'
	company_id	INTEGER NOT NULL REFERENCES companies(id)
			ON DELETE CASCADE,
	rank		TEXT NOT NULL CHECK (rank IN ('A', 'B', 'C')),
	total		INTEGER NOT NULL,	-- payments that month, minor units
	PRIMARY KEY (month, company_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX company_ranks_company ON company_ranks(company_id, month);

CREATE TABLE abc_months (
	month		TEXT PRIMARY KEY,	-- 'YYYY-MM'
	computed_at	INTEGER NOT NULL,
	companies	INTEGER NOT NULL	-- how many were ranked
) STRICT;

-- Payments by month for the ranking: one index range per month.
CREATE INDEX payments_month ON payments(paid_on, company_id, amount)
	WHERE deleted_at IS NULL;

-- Program members become card-file records (listed on the program's and
-- the company's cards, edited in forms, audited like any record).
ALTER TABLE program_members ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE program_members ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE program_members ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE program_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE program_members ADD COLUMN deleted_at INTEGER;
CREATE INDEX program_members_status ON program_members(status, id)
	WHERE deleted_at IS NULL;
CREATE INDEX programs_name ON programs(name, id) WHERE deleted_at IS NULL;
CREATE INDEX programs_starts ON programs(starts_on, id)
	WHERE deleted_at IS NULL;
CREATE INDEX programs_trash ON programs(deleted_at)
	WHERE deleted_at IS NOT NULL;
CREATE INDEX program_members_trash ON program_members(deleted_at)
	WHERE deleted_at IS NOT NULL;
