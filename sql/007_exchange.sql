-- Import and export (issue 11).
--
-- A contact keeps the UID of the vCard it came from (or was exported
-- as), so that importing the same card again updates the contact rather
-- than adding a second one.
ALTER TABLE contacts ADD COLUMN uid TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX contacts_uid ON contacts(uid) WHERE uid <> '';

-- Duplicates on import are found by the same name in the same city, the
-- same phone or the same e-mail.  A phone is compared by its last ten
-- digits ("8 (495) 123-45-67" is "+7 495 1234567"), an e-mail and a name
-- by lower case; the expressions use built-in functions only, so these
-- indexes work in any sqlite3 too.  lower() folds ASCII only: the
-- importer compares Cyrillic names in its own case fold on the rows this
-- index narrows to one city.
CREATE INDEX companies_dup_city ON companies(lower(trim(city)))
	WHERE deleted_at IS NULL;
CREATE INDEX companies_dup_phone ON companies(substr(replace(replace(
	replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''),
	')', ''), '+', ''), '.', ''), -10)) WHERE deleted_at IS NULL AND
	phone <> '';
CREATE INDEX companies_dup_email ON companies(lower(trim(email)))
	WHERE deleted_at IS NULL AND email <> '';
CREATE INDEX contacts_dup_phone ON contacts(substr(replace(replace(
	replace(replace(replace(replace(phone_mobile, ' ', ''), '-', ''), '(',
	''), ')', ''), '+', ''), '.', ''), -10)) WHERE deleted_at IS NULL AND
	phone_mobile <> '';
CREATE INDEX contacts_dup_work_phone ON contacts(substr(replace(replace(
	replace(replace(replace(replace(phone_work, ' ', ''), '-', ''), '(',
	''), ')', ''), '+', ''), '.', ''), -10)) WHERE deleted_at IS NULL AND
	phone_work <> '';
CREATE INDEX contacts_dup_email ON contacts(lower(trim(email)))
	WHERE deleted_at IS NULL AND email <> '';

-- Mail merge templates: a subject and a body with {entity.field}
-- placeholders, shared by the team.  Edits are versioned and audited
-- like records (entity 'templates' in audit_log).
CREATE TABLE templates (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	subject		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
