-- Saved filters: a pane's filter under a name, shared by the team (the
-- head of sales saves "VIP in Kazan" once, every manager applies it).
-- A name is unique per card file; saving under a taken name replaces it.
CREATE TABLE saved_filters (
	id		INTEGER PRIMARY KEY,
	entity		TEXT NOT NULL,
	name		TEXT NOT NULL,
	expr		TEXT NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (entity, name)
) STRICT;

-- A group action adds many members to a program at once; the store skips
-- those already in it, by this index.
CREATE INDEX program_members_company_program
	ON program_members(company_id, program_id);
CREATE INDEX program_members_contact_program
	ON program_members(contact_id, program_id);
