-- Russian first: ё = е in the global search.
--
-- Most people type е for ё: "федоров" must find Фёдоров, "елка" Ёлка.
-- The search index reads every card file through its view
-- <table>_searchable (sql/003_search.sql); each text column of those
-- views now has ё and Ё written as е and Е, the index is rebuilt from
-- them, and the search folds the query the same way (store/search.c).
-- Plain replace() keeps the views plain SQL: edits made with the sqlite3
-- shell keep the index right as before.  The views as they were become
-- <table>_searchable_text, which the new views read.

CREATE VIEW companies_searchable_text AS
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
DROP VIEW companies_searchable;
CREATE VIEW companies_searchable AS SELECT
    id,
    replace(replace(name, 'ё', 'е'), 'Ё', 'Е') AS name,
    replace(replace(legal_name, 'ё', 'е'), 'Ё', 'Е') AS legal_name,
    replace(replace(category, 'ё', 'е'), 'Ё', 'Е') AS category,
    replace(replace(industry, 'ё', 'е'), 'Ё', 'Е') AS industry,
    replace(replace(city, 'ё', 'е'), 'Ё', 'Е') AS city,
    replace(replace(address, 'ё', 'е'), 'Ё', 'Е') AS address,
    replace(replace(phone, 'ё', 'е'), 'Ё', 'Е') AS phone,
    replace(replace(phone2, 'ё', 'е'), 'Ё', 'Е') AS phone2,
    replace(replace(email, 'ё', 'е'), 'Ё', 'Е') AS email,
    replace(replace(website, 'ё', 'е'), 'Ё', 'Е') AS website,
    replace(replace(source, 'ё', 'е'), 'Ё', 'Е') AS source,
    replace(replace(comment, 'ё', 'е'), 'Ё', 'Е') AS comment,
    phone_digits
FROM companies_searchable_text;
INSERT INTO companies_fts(companies_fts) VALUES ('rebuild');

CREATE VIEW contacts_searchable_text AS
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
DROP VIEW contacts_searchable;
CREATE VIEW contacts_searchable AS SELECT
    id,
    replace(replace(last_name, 'ё', 'е'), 'Ё', 'Е') AS last_name,
    replace(replace(first_name, 'ё', 'е'), 'Ё', 'Е') AS first_name,
    replace(replace(middle_name, 'ё', 'е'), 'Ё', 'Е') AS middle_name,
    replace(replace(position, 'ё', 'е'), 'Ё', 'Е') AS position,
    replace(replace(phone_work, 'ё', 'е'), 'Ё', 'Е') AS phone_work,
    replace(replace(phone_mobile, 'ё', 'е'), 'Ё', 'Е') AS phone_mobile,
    replace(replace(phone_home, 'ё', 'е'), 'Ё', 'Е') AS phone_home,
    replace(replace(email, 'ё', 'е'), 'Ё', 'Е') AS email,
    replace(replace(email2, 'ё', 'е'), 'Ё', 'Е') AS email2,
    replace(replace(messengers, 'ё', 'е'), 'Ё', 'Е') AS messengers,
    replace(replace(address, 'ё', 'е'), 'Ё', 'Е') AS address,
    replace(replace(hobbies, 'ё', 'е'), 'Ё', 'Е') AS hobbies,
    replace(replace(source, 'ё', 'е'), 'Ё', 'Е') AS source,
    replace(replace(comment, 'ё', 'е'), 'Ё', 'Е') AS comment,
    phone_digits
FROM contacts_searchable_text;
INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild');

CREATE VIEW tasks_searchable_text AS
SELECT id, title, description FROM tasks WHERE deleted_at IS NULL;
DROP VIEW tasks_searchable;
CREATE VIEW tasks_searchable AS SELECT
    id,
    replace(replace(title, 'ё', 'е'), 'Ё', 'Е') AS title,
    replace(replace(description, 'ё', 'е'), 'Ё', 'Е') AS description
FROM tasks_searchable_text;
INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild');

CREATE VIEW notes_searchable_text AS
SELECT id, title, body FROM notes WHERE deleted_at IS NULL;
DROP VIEW notes_searchable;
CREATE VIEW notes_searchable AS SELECT
    id,
    replace(replace(title, 'ё', 'е'), 'Ё', 'Е') AS title,
    replace(replace(body, 'ё', 'е'), 'Ё', 'Е') AS body
FROM notes_searchable_text;
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');

CREATE VIEW links_searchable_text AS
SELECT id, title, url, kind, description FROM links WHERE deleted_at IS NULL;
DROP VIEW links_searchable;
CREATE VIEW links_searchable AS SELECT
    id,
    replace(replace(title, 'ё', 'е'), 'Ё', 'Е') AS title,
    replace(replace(url, 'ё', 'е'), 'Ё', 'Е') AS url,
    replace(replace(kind, 'ё', 'е'), 'Ё', 'Е') AS kind,
    replace(replace(description, 'ё', 'е'), 'Ё', 'Е') AS description
FROM links_searchable_text;
INSERT INTO links_fts(links_fts) VALUES ('rebuild');

CREATE VIEW events_searchable_text AS
SELECT id, subject, location, description, result_comment FROM events
WHERE deleted_at IS NULL;
DROP VIEW events_searchable;
CREATE VIEW events_searchable AS SELECT
    id,
    replace(replace(subject, 'ё', 'е'), 'Ё', 'Е') AS subject,
    replace(replace(location, 'ё', 'е'), 'Ё', 'Е') AS location,
    replace(replace(description, 'ё', 'е'), 'Ё', 'Е') AS description,
    replace(replace(result_comment, 'ё', 'е'), 'Ё', 'Е') AS result_comment
FROM events_searchable_text;
INSERT INTO events_fts(events_fts) VALUES ('rebuild');

CREATE VIEW deals_searchable_text AS
SELECT id, title, terms, lost_reason FROM deals WHERE deleted_at IS NULL;
DROP VIEW deals_searchable;
CREATE VIEW deals_searchable AS SELECT
    id,
    replace(replace(title, 'ё', 'е'), 'Ё', 'Е') AS title,
    replace(replace(terms, 'ё', 'е'), 'Ё', 'Е') AS terms,
    replace(replace(lost_reason, 'ё', 'е'), 'Ё', 'Е') AS lost_reason
FROM deals_searchable_text;
INSERT INTO deals_fts(deals_fts) VALUES ('rebuild');

CREATE VIEW programs_searchable_text AS
SELECT id, name, description FROM programs WHERE deleted_at IS NULL;
DROP VIEW programs_searchable;
CREATE VIEW programs_searchable AS SELECT
    id,
    replace(replace(name, 'ё', 'е'), 'Ё', 'Е') AS name,
    replace(replace(description, 'ё', 'е'), 'Ё', 'Е') AS description
FROM programs_searchable_text;
INSERT INTO programs_fts(programs_fts) VALUES ('rebuild');
