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

-- company_ranks is shaped for the recompute, which rewrites some 300 000
-- rows (three years of a large department) and must stay well under two
-- seconds.  Measured on such a file: a foreign key costs a company lookup
-- per row written and disables SQLite's fast whole-table DELETE (together
-- they tripled the time), and a second index doubles the cost of the
-- writes.  So there is no foreign key (the ranking writes only ids of
-- live companies; the trigger below does what ON DELETE CASCADE would if
-- a company is ever purged) and one key, the company first: a card's
-- history is one range of it, and what reads a whole month (the month's
-- figures, the latest month's ranks) reads the table, some 10 ms.
CREATE TABLE company_ranks (
	company_id	INTEGER NOT NULL,	-- companies(id)
	month		TEXT NOT NULL,		-- 'YYYY-MM'
	rank		TEXT NOT NULL CHECK (rank IN ('A', 'B', 'C')),
	total		INTEGER NOT NULL,	-- payments that month, minor units
	PRIMARY KEY (company_id, month)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER company_ranks_purge AFTER DELETE ON companies BEGIN
	DELETE FROM company_ranks WHERE company_id = old.id;
END;

CREATE TABLE abc_months (
	month		TEXT PRIMARY KEY,	-- 'YYYY-MM'
	computed_at	INTEGER NOT NULL,
	companies	INTEGER NOT NULL	-- how many were ranked
) STRICT;

-- Payments by month for the ranking: one index range per month, and the
-- month's sums per company read in index order, without a sort (the
-- ranking says substr(paid_on, 1, 7) exactly so, to use it).
CREATE INDEX payments_month ON payments(substr(paid_on, 1, 7), company_id,
	amount) WHERE deleted_at IS NULL;

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

-- Programs are a card file of their own: their name and description are
-- searchable fields, so they get a search index like every card file
-- (the same scheme as sql/003_search.sql: an external-content FTS5 table
-- over the view of the live rows, kept current by triggers).
CREATE VIEW programs_searchable AS
SELECT id, name, description FROM programs WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE programs_fts USING fts5(name, description,
    content='programs_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
INSERT INTO programs_fts (programs_fts, rank) VALUES ('rank', 'bm25(5, 1)');
CREATE TRIGGER programs_fts_insert AFTER INSERT ON programs
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO programs_fts (rowid, name, description)
	    SELECT * FROM programs_searchable WHERE id = new.id;
END;
CREATE TRIGGER programs_fts_unindex BEFORE UPDATE OF
    id, name, description, deleted_at ON programs
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.name, old.description) IS NOT
    (new.id, new.name, new.description)) BEGIN
	INSERT INTO programs_fts (programs_fts, rowid, name, description)
	    SELECT 'delete', * FROM programs_searchable WHERE id = old.id;
END;
CREATE TRIGGER programs_fts_reindex AFTER UPDATE OF
    id, name, description, deleted_at ON programs
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.name, old.description) IS NOT
    (new.id, new.name, new.description)) BEGIN
	INSERT INTO programs_fts (rowid, name, description)
	    SELECT * FROM programs_searchable WHERE id = new.id;
END;
CREATE TRIGGER programs_fts_delete BEFORE DELETE ON programs
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO programs_fts (programs_fts, rowid, name, description)
	    SELECT 'delete', * FROM programs_searchable WHERE id = old.id;
END;
INSERT INTO programs_fts (programs_fts) VALUES ('rebuild');

-- Members added before they were records (group actions of schema 4)
-- have no status and no times: they were invited when added.
UPDATE program_members SET status = 'invited' WHERE status = '';
