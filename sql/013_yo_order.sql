-- salesorg schema, version 13: ё sorts with е (issue 25).
--
-- Russian dictionaries and people sort Ёлкин between Елизаров and Ельцин;
-- byte order puts Ё before А and ё after я.  A list sorted by a text a
-- person types (a name, a title; not a choice's code) now orders by the
-- text with ё written е, then by the text itself (so Ёлкин and Елкин keep
-- one order), then by id: store/record.c's sort keys.  Each index that
-- walks such a list in order becomes an index on those three, plain SQL
-- (replace()), so the sqlite3 shell still reads and writes the file.  The
-- text is stored as typed; only the order folds.

DROP INDEX companies_name;
CREATE INDEX companies_name ON companies(
	replace(replace(name, 'ё', 'е'), 'Ё', 'Е'), name, id)
	WHERE deleted_at IS NULL;
DROP INDEX companies_city;
CREATE INDEX companies_city ON companies(
	replace(replace(city, 'ё', 'е'), 'Ё', 'Е'), city, id)
	WHERE deleted_at IS NULL;
DROP INDEX companies_category;
CREATE INDEX companies_category ON companies(
	replace(replace(category, 'ё', 'е'), 'Ё', 'Е'), category, id)
	WHERE deleted_at IS NULL;
DROP INDEX contacts_last_name;
CREATE INDEX contacts_last_name ON contacts(
	replace(replace(last_name, 'ё', 'е'), 'Ё', 'Е'), last_name, id)
	WHERE deleted_at IS NULL;
DROP INDEX contacts_first_name;
CREATE INDEX contacts_first_name ON contacts(
	replace(replace(first_name, 'ё', 'е'), 'Ё', 'Е'), first_name, id)
	WHERE deleted_at IS NULL;
DROP INDEX deals_title;
CREATE INDEX deals_title ON deals(
	replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), title, id)
	WHERE deleted_at IS NULL;
DROP INDEX tasks_title;
CREATE INDEX tasks_title ON tasks(
	replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), title, id)
	WHERE deleted_at IS NULL;
DROP INDEX notes_title;
CREATE INDEX notes_title ON notes(
	replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), title, id)
	WHERE deleted_at IS NULL;
DROP INDEX links_title;
CREATE INDEX links_title ON links(
	replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), title, id)
	WHERE deleted_at IS NULL;
DROP INDEX events_subject;
CREATE INDEX events_subject ON events(
	replace(replace(subject, 'ё', 'е'), 'Ё', 'Е'), subject, id)
	WHERE deleted_at IS NULL;
DROP INDEX programs_name;
CREATE INDEX programs_name ON programs(
	replace(replace(name, 'ё', 'е'), 'Ё', 'Е'), name, id)
	WHERE deleted_at IS NULL;
