-- salesorg schema, version 3: the global search (issue 5).  One FTS5
-- full-text index per card file, kept current by triggers, so a query
-- over every card file is a handful of index lookups at any size.
--
-- What is indexed.  Per card file a view <table>_searchable: the live rows
-- (deleted_at IS NULL) and the text columns a person would search (the
-- descriptor's F_SEARCH text fields: names, phones, e-mails, city,
-- address, comments, descriptions, subjects, titles, bodies, URLs).  The
-- FTS5 table is an external-content table over that view
-- (content='<table>_searchable'): it stores only the index, not a second
-- copy of the text, and because its content is the view of *live* rows,
-- FTS5's own 'rebuild' and 'integrity-check' (salesorg check) agree that a
-- trashed record is not in the index.
--
-- Keeping it current.  An external-content index must be told about every
-- change, and its 'delete' command must receive exactly the values that
-- were indexed, or stale terms stay in the index for good.  The triggers
-- therefore never spell out the indexed values themselves: they copy them
-- from the view, which is the one definition of "what is indexed".
--  * AFTER INSERT indexes the new row (the view yields nothing for a row
--    born in the trash).
--  * BEFORE UPDATE un-indexes the row as it still is (read through the
--    view, so only if it is live), AFTER UPDATE indexes it as it has
--    become (only if it is live now).  So trashing un-indexes, restoring
--    (deleted_at = NULL) re-indexes, an edit does both.
--  * BEFORE DELETE un-indexes a live row before it goes.
-- The update triggers fire only for UPDATE OF an indexed column or
-- deleted_at, and only WHEN an indexed value or the trash state really
-- changed: the store writes every field on each save, and a save that
-- only moves a due date, or a bump of version/updated_at, must not
-- re-tokenize the record.  A failed statement rolls the FTS5 writes back
-- with it (FTS5 takes part in statement savepoints).  The triggers are
-- plain SQL, so edits made with the sqlite3 shell keep the index right.
--
-- Tokens.  unicode61 splits on everything but letters and digits and
-- folds case for Cyrillic, Greek and Latin alike ("РОМАШКА", "ромашка"),
-- remove_diacritics 2 matches "cafe" to "café" (it leaves й and ё alone:
-- in Russian they are letters of their own).  The search makes every
-- word of the query a prefix ("ромаш"*), so prefix indexes for 1, 2 and
-- 3 characters (FTS5 counts characters, not bytes) answer the first
-- keystrokes, which match the most terms, from one doclist each instead
-- of a merge of thousands.  On 300 000 contacts the first letter then
-- costs under a millisecond instead of some 70 (more for a digit); in
-- exchange the index is more than twice as large (bench/search.sh).  A
-- longer prefix that begins very many different words (each of 300 000
-- names "Фамилия000001"...) still merges them all: some 50 ms.
--
-- Phones.  "+7 (843) 123-45-67" is the tokens 7, 843, 123, 45, 67: a
-- search for 843 or for "123-45" (a phrase) finds it.  The same number
-- written "+78431234567" is one token, found by 7843... but not by 843,
-- and nobody can type a number the way it happens to be stored.  So the
-- view adds a column phone_digits: every phone's digits run together
-- ("78431234567") and, when longer than ten digits, its last ten
-- ("8431234567", the number without the country code).  A digit string
-- typed from a caller ID then finds the record however the number was
-- written, from the country code or from the area code on.
--
-- Ranking.  The rank (bm25) weighs the record's title columns above the
-- rest, so a company named "Ромашка" comes before one whose comment
-- mentions it.  Payments are not searched (no text worth it but a
-- document number, found through their deal and company).

-- ---- what is indexed: the live rows, their searchable text ----

-- digits(x), spelled out where needed (SQL has no macros): x without the
-- characters phone numbers are written with.
--   replace(replace(replace(replace(replace(replace(replace(x, ' ', ''),
--   '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), char(160), '')
-- and phone_digits is each phone's digits and, past ten, its last ten.
CREATE VIEW companies_searchable AS
SELECT id, name, legal_name, category, industry, city, address, phone,
    phone2, email, website, source, comment,
    d1 || CASE WHEN length(d1) > 10 THEN ' ' || substr(d1, -10) ELSE '' END
    || ' ' ||
    d2 || CASE WHEN length(d2) > 10 THEN ' ' || substr(d2, -10) ELSE '' END
    AS phone_digits
FROM (SELECT id, name, legal_name, category, industry, city, address, phone,
	phone2, email, website, source, comment,
	replace(replace(replace(replace(replace(replace(replace(phone,
	    ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''),
	    char(160), '') AS d1,
	replace(replace(replace(replace(replace(replace(replace(phone2,
	    ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''),
	    char(160), '') AS d2
    FROM companies WHERE deleted_at IS NULL);

CREATE VIEW contacts_searchable AS
SELECT id, last_name, first_name, middle_name, position, phone_work,
    phone_mobile, phone_home, email, email2, messengers, address, hobbies,
    source, comment,
    d1 || CASE WHEN length(d1) > 10 THEN ' ' || substr(d1, -10) ELSE '' END
    || ' ' ||
    d2 || CASE WHEN length(d2) > 10 THEN ' ' || substr(d2, -10) ELSE '' END
    || ' ' ||
    d3 || CASE WHEN length(d3) > 10 THEN ' ' || substr(d3, -10) ELSE '' END
    AS phone_digits
FROM (SELECT id, last_name, first_name, middle_name, position, phone_work,
	phone_mobile, phone_home, email, email2, messengers, address, hobbies,
	source, comment,
	replace(replace(replace(replace(replace(replace(replace(phone_work,
	    ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''),
	    char(160), '') AS d1,
	replace(replace(replace(replace(replace(replace(replace(phone_mobile,
	    ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''),
	    char(160), '') AS d2,
	replace(replace(replace(replace(replace(replace(replace(phone_home,
	    ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''),
	    char(160), '') AS d3
    FROM contacts WHERE deleted_at IS NULL);

CREATE VIEW tasks_searchable AS
SELECT id, title, description FROM tasks WHERE deleted_at IS NULL;

CREATE VIEW notes_searchable AS
SELECT id, title, body FROM notes WHERE deleted_at IS NULL;

CREATE VIEW links_searchable AS
SELECT id, title, url, kind, description FROM links WHERE deleted_at IS NULL;

CREATE VIEW events_searchable AS
SELECT id, subject, location, description, result_comment FROM events
WHERE deleted_at IS NULL;

CREATE VIEW deals_searchable AS
SELECT id, title, terms, lost_reason FROM deals WHERE deleted_at IS NULL;

-- ---- the indexes ----
--
-- detail=full (the default) keeps token positions: a word typed with
-- punctuation inside ("123-45", "p1@example") is a phrase and needs them.

CREATE VIRTUAL TABLE companies_fts USING fts5(name, legal_name, category,
    industry, city, address, phone, phone2, email, website, source, comment,
    phone_digits, content='companies_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE contacts_fts USING fts5(last_name, first_name,
    middle_name, position, phone_work, phone_mobile, phone_home, email,
    email2, messengers, address, hobbies, source, comment, phone_digits,
    content='contacts_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE tasks_fts USING fts5(title, description,
    content='tasks_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE notes_fts USING fts5(title, body,
    content='notes_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE links_fts USING fts5(title, url, kind, description,
    content='links_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE events_fts USING fts5(subject, location, description,
    result_comment, content='events_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE deals_fts USING fts5(title, terms, lost_reason,
    content='deals_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');

-- bm25 weights, column by column: the title first.
INSERT INTO companies_fts (companies_fts, rank)
    VALUES ('rank', 'bm25(10, 5, 1, 1, 2, 1, 2, 2, 2, 2, 1, 1, 2)');
INSERT INTO contacts_fts (contacts_fts, rank)
    VALUES ('rank', 'bm25(10, 5, 3, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 2)');
INSERT INTO tasks_fts (tasks_fts, rank) VALUES ('rank', 'bm25(5, 1)');
INSERT INTO notes_fts (notes_fts, rank) VALUES ('rank', 'bm25(5, 1)');
INSERT INTO links_fts (links_fts, rank) VALUES ('rank', 'bm25(5, 3, 1, 1)');
INSERT INTO events_fts (events_fts, rank)
    VALUES ('rank', 'bm25(5, 2, 1, 1)');
INSERT INTO deals_fts (deals_fts, rank) VALUES ('rank', 'bm25(5, 1, 1)');

-- ---- the triggers (see the top of the file) ----

CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO companies_fts (rowid, name, legal_name, category, industry,
	    city, address, phone, phone2, email, website, source, comment,
	    phone_digits)
	    SELECT * FROM companies_searchable WHERE id = new.id;
END;
CREATE TRIGGER companies_fts_unindex BEFORE UPDATE OF
    id, name, legal_name, category, industry, city, address, phone, phone2,
    email, website, source, comment, deleted_at ON companies
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.name, old.legal_name, old.category, old.industry, old.city,
    old.address, old.phone, old.phone2, old.email, old.website, old.source,
    old.comment) IS NOT
    (new.id, new.name, new.legal_name, new.category, new.industry, new.city,
    new.address, new.phone, new.phone2, new.email, new.website, new.source,
    new.comment)) BEGIN
	INSERT INTO companies_fts (companies_fts, rowid, name, legal_name,
	    category, industry, city, address, phone, phone2, email, website,
	    source, comment, phone_digits)
	    SELECT 'delete', * FROM companies_searchable WHERE id = old.id;
END;
CREATE TRIGGER companies_fts_reindex AFTER UPDATE OF
    id, name, legal_name, category, industry, city, address, phone, phone2,
    email, website, source, comment, deleted_at ON companies
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.name, old.legal_name, old.category, old.industry, old.city,
    old.address, old.phone, old.phone2, old.email, old.website, old.source,
    old.comment) IS NOT
    (new.id, new.name, new.legal_name, new.category, new.industry, new.city,
    new.address, new.phone, new.phone2, new.email, new.website, new.source,
    new.comment)) BEGIN
	INSERT INTO companies_fts (rowid, name, legal_name, category, industry,
	    city, address, phone, phone2, email, website, source, comment,
	    phone_digits)
	    SELECT * FROM companies_searchable WHERE id = new.id;
END;
CREATE TRIGGER companies_fts_delete BEFORE DELETE ON companies
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO companies_fts (companies_fts, rowid, name, legal_name,
	    category, industry, city, address, phone, phone2, email, website,
	    source, comment, phone_digits)
	    SELECT 'delete', * FROM companies_searchable WHERE id = old.id;
END;

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO contacts_fts (rowid, last_name, first_name, middle_name,
	    position, phone_work, phone_mobile, phone_home, email, email2,
	    messengers, address, hobbies, source, comment, phone_digits)
	    SELECT * FROM contacts_searchable WHERE id = new.id;
END;
CREATE TRIGGER contacts_fts_unindex BEFORE UPDATE OF
    id, last_name, first_name, middle_name, position, phone_work,
    phone_mobile, phone_home, email, email2, messengers, address, hobbies,
    source, comment, deleted_at ON contacts
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.last_name, old.first_name, old.middle_name, old.position,
    old.phone_work, old.phone_mobile, old.phone_home, old.email, old.email2,
    old.messengers, old.address, old.hobbies, old.source, old.comment) IS
    NOT
    (new.id, new.last_name, new.first_name, new.middle_name, new.position,
    new.phone_work, new.phone_mobile, new.phone_home, new.email, new.email2,
    new.messengers, new.address, new.hobbies, new.source, new.comment))
    BEGIN
	INSERT INTO contacts_fts (contacts_fts, rowid, last_name, first_name,
	    middle_name, position, phone_work, phone_mobile, phone_home, email,
	    email2, messengers, address, hobbies, source, comment, phone_digits)
	    SELECT 'delete', * FROM contacts_searchable WHERE id = old.id;
END;
CREATE TRIGGER contacts_fts_reindex AFTER UPDATE OF
    id, last_name, first_name, middle_name, position, phone_work,
    phone_mobile, phone_home, email, email2, messengers, address, hobbies,
    source, comment, deleted_at ON contacts
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.last_name, old.first_name, old.middle_name, old.position,
    old.phone_work, old.phone_mobile, old.phone_home, old.email, old.email2,
    old.messengers, old.address, old.hobbies, old.source, old.comment) IS
    NOT
    (new.id, new.last_name, new.first_name, new.middle_name, new.position,
    new.phone_work, new.phone_mobile, new.phone_home, new.email, new.email2,
    new.messengers, new.address, new.hobbies, new.source, new.comment))
    BEGIN
	INSERT INTO contacts_fts (rowid, last_name, first_name, middle_name,
	    position, phone_work, phone_mobile, phone_home, email, email2,
	    messengers, address, hobbies, source, comment, phone_digits)
	    SELECT * FROM contacts_searchable WHERE id = new.id;
END;
CREATE TRIGGER contacts_fts_delete BEFORE DELETE ON contacts
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO contacts_fts (contacts_fts, rowid, last_name, first_name,
	    middle_name, position, phone_work, phone_mobile, phone_home, email,
	    email2, messengers, address, hobbies, source, comment, phone_digits)
	    SELECT 'delete', * FROM contacts_searchable WHERE id = old.id;
END;

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO tasks_fts (rowid, title, description)
	    SELECT * FROM tasks_searchable WHERE id = new.id;
END;
CREATE TRIGGER tasks_fts_unindex BEFORE UPDATE OF
    id, title, description, deleted_at ON tasks
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.title, old.description) IS NOT
    (new.id, new.title, new.description)) BEGIN
	INSERT INTO tasks_fts (tasks_fts, rowid, title, description)
	    SELECT 'delete', * FROM tasks_searchable WHERE id = old.id;
END;
CREATE TRIGGER tasks_fts_reindex AFTER UPDATE OF
    id, title, description, deleted_at ON tasks
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.title, old.description) IS NOT
    (new.id, new.title, new.description)) BEGIN
	INSERT INTO tasks_fts (rowid, title, description)
	    SELECT * FROM tasks_searchable WHERE id = new.id;
END;
CREATE TRIGGER tasks_fts_delete BEFORE DELETE ON tasks
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO tasks_fts (tasks_fts, rowid, title, description)
	    SELECT 'delete', * FROM tasks_searchable WHERE id = old.id;
END;

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO notes_fts (rowid, title, body)
	    SELECT * FROM notes_searchable WHERE id = new.id;
END;
CREATE TRIGGER notes_fts_unindex BEFORE UPDATE OF
    id, title, body, deleted_at ON notes
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.title, old.body) IS NOT
    (new.id, new.title, new.body)) BEGIN
	INSERT INTO notes_fts (notes_fts, rowid, title, body)
	    SELECT 'delete', * FROM notes_searchable WHERE id = old.id;
END;
CREATE TRIGGER notes_fts_reindex AFTER UPDATE OF
    id, title, body, deleted_at ON notes
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.title, old.body) IS NOT
    (new.id, new.title, new.body)) BEGIN
	INSERT INTO notes_fts (rowid, title, body)
	    SELECT * FROM notes_searchable WHERE id = new.id;
END;
CREATE TRIGGER notes_fts_delete BEFORE DELETE ON notes
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO notes_fts (notes_fts, rowid, title, body)
	    SELECT 'delete', * FROM notes_searchable WHERE id = old.id;
END;

CREATE TRIGGER links_fts_insert AFTER INSERT ON links
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO links_fts (rowid, title, url, kind, description)
	    SELECT * FROM links_searchable WHERE id = new.id;
END;
CREATE TRIGGER links_fts_unindex BEFORE UPDATE OF
    id, title, url, kind, description, deleted_at ON links
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.title, old.url, old.kind, old.description) IS NOT
    (new.id, new.title, new.url, new.kind, new.description)) BEGIN
	INSERT INTO links_fts (links_fts, rowid, title, url, kind, description)
	    SELECT 'delete', * FROM links_searchable WHERE id = old.id;
END;
CREATE TRIGGER links_fts_reindex AFTER UPDATE OF
    id, title, url, kind, description, deleted_at ON links
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.title, old.url, old.kind, old.description) IS NOT
    (new.id, new.title, new.url, new.kind, new.description)) BEGIN
	INSERT INTO links_fts (rowid, title, url, kind, description)
	    SELECT * FROM links_searchable WHERE id = new.id;
END;
CREATE TRIGGER links_fts_delete BEFORE DELETE ON links
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO links_fts (links_fts, rowid, title, url, kind, description)
	    SELECT 'delete', * FROM links_searchable WHERE id = old.id;
END;

CREATE TRIGGER events_fts_insert AFTER INSERT ON events
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO events_fts (rowid, subject, location, description,
	    result_comment)
	    SELECT * FROM events_searchable WHERE id = new.id;
END;
CREATE TRIGGER events_fts_unindex BEFORE UPDATE OF
    id, subject, location, description, result_comment, deleted_at ON events
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.subject, old.location, old.description, old.result_comment)
    IS NOT
    (new.id, new.subject, new.location, new.description,
    new.result_comment)) BEGIN
	INSERT INTO events_fts (events_fts, rowid, subject, location, description,
	    result_comment)
	    SELECT 'delete', * FROM events_searchable WHERE id = old.id;
END;
CREATE TRIGGER events_fts_reindex AFTER UPDATE OF
    id, subject, location, description, result_comment, deleted_at ON events
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.subject, old.location, old.description, old.result_comment)
    IS NOT
    (new.id, new.subject, new.location, new.description,
    new.result_comment)) BEGIN
	INSERT INTO events_fts (rowid, subject, location, description,
	    result_comment)
	    SELECT * FROM events_searchable WHERE id = new.id;
END;
CREATE TRIGGER events_fts_delete BEFORE DELETE ON events
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO events_fts (events_fts, rowid, subject, location, description,
	    result_comment)
	    SELECT 'delete', * FROM events_searchable WHERE id = old.id;
END;

CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO deals_fts (rowid, title, terms, lost_reason)
	    SELECT * FROM deals_searchable WHERE id = new.id;
END;
CREATE TRIGGER deals_fts_unindex BEFORE UPDATE OF
    id, title, terms, lost_reason, deleted_at ON deals
WHEN old.deleted_at IS NULL AND (new.deleted_at IS NOT NULL OR
    (old.id, old.title, old.terms, old.lost_reason) IS NOT
    (new.id, new.title, new.terms, new.lost_reason)) BEGIN
	INSERT INTO deals_fts (deals_fts, rowid, title, terms, lost_reason)
	    SELECT 'delete', * FROM deals_searchable WHERE id = old.id;
END;
CREATE TRIGGER deals_fts_reindex AFTER UPDATE OF
    id, title, terms, lost_reason, deleted_at ON deals
WHEN new.deleted_at IS NULL AND (old.deleted_at IS NOT NULL OR
    (old.id, old.title, old.terms, old.lost_reason) IS NOT
    (new.id, new.title, new.terms, new.lost_reason)) BEGIN
	INSERT INTO deals_fts (rowid, title, terms, lost_reason)
	    SELECT * FROM deals_searchable WHERE id = new.id;
END;
CREATE TRIGGER deals_fts_delete BEFORE DELETE ON deals
WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO deals_fts (deals_fts, rowid, title, terms, lost_reason)
	    SELECT 'delete', * FROM deals_searchable WHERE id = old.id;
END;

-- ---- what exists already ----
INSERT INTO companies_fts (companies_fts) VALUES ('rebuild');
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild');
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
INSERT INTO links_fts (links_fts) VALUES ('rebuild');
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
INSERT INTO deals_fts (deals_fts) VALUES ('rebuild');
