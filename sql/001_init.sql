-- salesorg schema, version 1: every table of DESIGN section 2.
--
-- Conventions (the store layer relies on them):
--  * Card-file rows carry id, created_at, updated_at (Unix seconds),
--    created_by (users.id), version (optimistic locking: an update names
--    the version it read and fails when it moved) and deleted_at (the
--    trash: NULL = live).
--  * Text columns are NOT NULL DEFAULT '': "no value" is the empty string.
--    That keeps ORDER BY and keyset pagination (WHERE (col, id) > (?, ?))
--    free of NULL special cases and lets one index serve each sort.
--  * Moments (event start, task due) are INTEGER Unix seconds; calendar
--    dates (birthday, payment date) are TEXT 'YYYY-MM-DD'.
--  * Money is INTEGER minor units (kopecks, cents): sums stay exact.
--  * References are nullable INTEGER foreign keys.  A referenced card is
--    only ever soft-deleted, so ON DELETE rules matter only for purges.
--  * List indexes are partial (WHERE deleted_at IS NULL) and end in id,
--    matching the list queries' ORDER BY col, id.

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	full_name	TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL DEFAULT 'manager'
			CHECK (role IN ('manager', 'head', 'admin')),
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) STRICT;

CREATE TABLE companies (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL DEFAULT '',
	legal_name	TEXT NOT NULL DEFAULT '',
	category	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'lead'
			CHECK (status IN ('lead', 'prospect', 'customer',
			    'regular', 'lost')),
	industry	TEXT NOT NULL DEFAULT '',
	city		TEXT NOT NULL DEFAULT '',
	address		TEXT NOT NULL DEFAULT '',
	phone		TEXT NOT NULL DEFAULT '',
	phone2		TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	website		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL DEFAULT '',
	manager_id	INTEGER REFERENCES users(id),
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX companies_name ON companies(name, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_city ON companies(city, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_category ON companies(category, id)
	WHERE deleted_at IS NULL;
CREATE INDEX companies_status ON companies(status, id)
	WHERE deleted_at IS NULL;
CREATE INDEX companies_manager ON companies(manager_id);
CREATE INDEX companies_trash ON companies(deleted_at)
	WHERE deleted_at IS NOT NULL;

CREATE TABLE contacts (
	id		INTEGER PRIMARY KEY,
	last_name	TEXT NOT NULL DEFAULT '',
	first_name	TEXT NOT NULL DEFAULT '',
	middle_name	TEXT NOT NULL DEFAULT '',
	company_id	INTEGER REFERENCES companies(id),
	position	TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL DEFAULT '',
	phone_work	TEXT NOT NULL DEFAULT '',
	phone_mobile	TEXT NOT NULL DEFAULT '',
	phone_home	TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	email2		TEXT NOT NULL DEFAULT '',
	messengers	TEXT NOT NULL DEFAULT '',
	birthday	TEXT NOT NULL DEFAULT '',
	address		TEXT NOT NULL DEFAULT '',
	hobbies		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL DEFAULT '',
	manager_id	INTEGER REFERENCES users(id),
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX contacts_last_name ON contacts(last_name, id)
	WHERE deleted_at IS NULL;
CREATE INDEX contacts_first_name ON contacts(first_name, id)
	WHERE deleted_at IS NULL;
CREATE INDEX contacts_company ON contacts(company_id);
CREATE INDEX contacts_trash ON contacts(deleted_at)
	WHERE deleted_at IS NOT NULL;

-- Employment history: people move between companies and the history must
-- survive the move.  The store closes the open row and opens a new one
-- whenever a contact's company changes.
CREATE TABLE contact_jobs (
	id		INTEGER PRIMARY KEY,
	contact_id	INTEGER NOT NULL REFERENCES contacts(id)
			ON DELETE CASCADE,
	company_id	INTEGER REFERENCES companies(id),
	position	TEXT NOT NULL DEFAULT '',
	started_at	INTEGER NOT NULL,
	ended_at	INTEGER
) STRICT;
CREATE INDEX contact_jobs_contact ON contact_jobs(contact_id, started_at);
CREATE INDEX contact_jobs_company ON contact_jobs(company_id);

CREATE TABLE event_types (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	sort		INTEGER NOT NULL DEFAULT 0,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE event_results (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	productive	INTEGER NOT NULL DEFAULT 0 CHECK (productive IN (0, 1)),
	sort		INTEGER NOT NULL DEFAULT 0,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE deal_stages (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	sort		INTEGER NOT NULL DEFAULT 0,
	closed		INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
) STRICT;

CREATE TABLE deals (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL DEFAULT '',
	company_id	INTEGER REFERENCES companies(id),
	contact_id	INTEGER REFERENCES contacts(id),
	stage_id	INTEGER REFERENCES deal_stages(id),
	amount		INTEGER,
	quantity	INTEGER,
	expected_close	TEXT NOT NULL DEFAULT '',
	closed_on	TEXT NOT NULL DEFAULT '',
	terms		TEXT NOT NULL DEFAULT '',
	manager_id	INTEGER REFERENCES users(id),
	lost_reason	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX deals_title ON deals(title, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_company ON deals(company_id);
CREATE INDEX deals_contact ON deals(contact_id);
CREATE INDEX deals_stage ON deals(stage_id, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_trash ON deals(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE tasks (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL DEFAULT '',
	description	TEXT NOT NULL DEFAULT '',
	due_at		INTEGER,
	priority	TEXT NOT NULL DEFAULT 'normal'
			CHECK (priority IN ('low', 'normal', 'high')),
	status		TEXT NOT NULL DEFAULT 'open'
			CHECK (status IN ('open', 'done', 'cancelled')),
	assignee_id	INTEGER REFERENCES users(id),
	company_id	INTEGER REFERENCES companies(id),
	contact_id	INTEGER REFERENCES contacts(id),
	deal_id		INTEGER REFERENCES deals(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX tasks_title ON tasks(title, id) WHERE deleted_at IS NULL;
-- Tasks without a due date sort last: the list orders by this expression.
CREATE INDEX tasks_due ON tasks(coalesce(due_at, 9223372036854775807), id)
	WHERE deleted_at IS NULL;
CREATE INDEX tasks_assignee_due ON tasks(assignee_id, status, due_at);
CREATE INDEX tasks_company ON tasks(company_id);
CREATE INDEX tasks_contact ON tasks(contact_id);
CREATE INDEX tasks_deal ON tasks(deal_id);
CREATE INDEX tasks_trash ON tasks(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE notes (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	company_id	INTEGER REFERENCES companies(id),
	contact_id	INTEGER REFERENCES contacts(id),
	deal_id		INTEGER REFERENCES deals(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX notes_title ON notes(title, id) WHERE deleted_at IS NULL;
CREATE INDEX notes_company ON notes(company_id);
CREATE INDEX notes_contact ON notes(contact_id);
CREATE INDEX notes_deal ON notes(deal_id);
CREATE INDEX notes_trash ON notes(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE links (
	id		INTEGER PRIMARY KEY,
	url		TEXT NOT NULL DEFAULT '',
	title		TEXT NOT NULL DEFAULT '',
	description	TEXT NOT NULL DEFAULT '',
	kind		TEXT NOT NULL DEFAULT '',
	company_id	INTEGER REFERENCES companies(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX links_title ON links(title, id) WHERE deleted_at IS NULL;
CREATE INDEX links_company ON links(company_id);
CREATE INDEX links_trash ON links(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE events (
	id		INTEGER PRIMARY KEY,
	type_id		INTEGER REFERENCES event_types(id),
	subject		TEXT NOT NULL DEFAULT '',
	start_at	INTEGER NOT NULL,
	end_at		INTEGER,
	all_day		INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
	rrule		TEXT NOT NULL DEFAULT '',
	remind_min	INTEGER,
	assignee_id	INTEGER REFERENCES users(id),
	company_id	INTEGER REFERENCES companies(id),
	contact_id	INTEGER REFERENCES contacts(id),
	deal_id		INTEGER REFERENCES deals(id),
	status		TEXT NOT NULL DEFAULT 'planned'
			CHECK (status IN ('planned', 'done', 'cancelled')),
	result_id	INTEGER REFERENCES event_results(id),
	result_comment	TEXT NOT NULL DEFAULT '',
	uid		TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER,
	CHECK (end_at IS NULL OR start_at IS NULL OR end_at >= start_at)
) STRICT;
-- The agenda asks "this assignee's planned events up to the end of today":
-- one index range scan.
CREATE INDEX events_agenda ON events(assignee_id, status, start_at)
	WHERE deleted_at IS NULL;
CREATE INDEX events_start ON events(start_at, id) WHERE deleted_at IS NULL;
CREATE INDEX events_subject ON events(subject, id) WHERE deleted_at IS NULL;
CREATE INDEX events_company ON events(company_id, start_at);
CREATE INDEX events_contact ON events(contact_id, start_at);
CREATE INDEX events_deal ON events(deal_id);
CREATE INDEX events_trash ON events(deleted_at) WHERE deleted_at IS NOT NULL;

-- One occurrence of a recurring event moved or cancelled (RFC 5545
-- RECURRENCE-ID): the occurrence at orig_start is replaced by new_start
-- or, when cancelled, skipped.
CREATE TABLE event_exceptions (
	id		INTEGER PRIMARY KEY,
	event_id	INTEGER NOT NULL REFERENCES events(id)
			ON DELETE CASCADE,
	orig_start	INTEGER NOT NULL,
	new_start	INTEGER,
	new_end		INTEGER,
	cancelled	INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
	UNIQUE (event_id, orig_start)
) STRICT;

CREATE TABLE payments (
	id		INTEGER PRIMARY KEY,
	company_id	INTEGER REFERENCES companies(id),
	deal_id		INTEGER REFERENCES deals(id),
	amount		INTEGER NOT NULL,
	paid_on		TEXT NOT NULL DEFAULT '',
	document	TEXT NOT NULL DEFAULT '',
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX payments_company ON payments(company_id, paid_on);
CREATE INDEX payments_deal ON payments(deal_id);
CREATE INDEX payments_paid_on ON payments(paid_on, id) WHERE deleted_at IS NULL;

CREATE TABLE programs (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL DEFAULT '',
	kind		TEXT NOT NULL DEFAULT '',
	starts_on	TEXT NOT NULL DEFAULT '',
	ends_on		TEXT NOT NULL DEFAULT '',
	description	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;

CREATE TABLE program_members (
	id		INTEGER PRIMARY KEY,
	program_id	INTEGER NOT NULL REFERENCES programs(id)
			ON DELETE CASCADE,
	company_id	INTEGER REFERENCES companies(id),
	contact_id	INTEGER REFERENCES contacts(id),
	status		TEXT NOT NULL DEFAULT '',
	result		TEXT NOT NULL DEFAULT '',
	CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL)
) STRICT;
CREATE INDEX program_members_program ON program_members(program_id);
CREATE INDEX program_members_company ON program_members(company_id);
CREATE INDEX program_members_contact ON program_members(contact_id);

CREATE TABLE custom_fields (
	id		INTEGER PRIMARY KEY,
	entity		TEXT NOT NULL,
	name		TEXT NOT NULL,
	label		TEXT NOT NULL,
	type		TEXT NOT NULL DEFAULT 'text'
			CHECK (type IN ('text', 'int', 'money', 'date',
			    'bool', 'choice')),
	choices		TEXT NOT NULL DEFAULT '',
	sort		INTEGER NOT NULL DEFAULT 0,
	UNIQUE (entity, name)
) STRICT;

CREATE TABLE custom_values (
	field_id	INTEGER NOT NULL REFERENCES custom_fields(id)
			ON DELETE CASCADE,
	record_id	INTEGER NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (field_id, record_id)
) STRICT;

-- Who changed which record, when, old and new values.  One row per
-- changed field for an update (so "when did this deal enter this stage"
-- is one indexed query), one row with field NULL for create, delete and
-- restore.
CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	user_id		INTEGER REFERENCES users(id),
	entity		TEXT NOT NULL,
	record_id	INTEGER NOT NULL,
	action		TEXT NOT NULL
			CHECK (action IN ('create', 'update', 'delete',
			    'restore')),
	field		TEXT,
	old_value	TEXT,
	new_value	TEXT
) STRICT;
CREATE INDEX audit_record ON audit_log(entity, record_id, at);
CREATE INDEX audit_at ON audit_log(at);

-- Defaults a new database starts with; all of them are rows the admin edits.
INSERT INTO event_types (code, name, sort) VALUES
	('call', 'Call', 10),
	('meeting', 'Meeting', 20),
	('email', 'E-mail', 30),
	('letter', 'Letter', 40),
	('birthday', 'Birthday', 50),
	('other', 'Other', 90);

INSERT INTO event_results (code, name, productive, sort) VALUES
	('reached_dm', 'Reached decision maker', 1, 10),
	('proposal_sent', 'Proposal sent', 1, 20),
	('meeting_set', 'Meeting set', 1, 30),
	('callback', 'Call back later', 0, 40),
	('no_answer', 'No answer', 0, 50),
	('refused', 'Refused', 0, 60),
	('invoice_issued', 'Invoice issued', 1, 70),
	('held', 'Meeting held', 1, 80);

INSERT INTO deal_stages (code, name, sort, closed) VALUES
	('first_contact', 'First contact', 10, 0),
	('need_found', 'Need found', 20, 0),
	('proposal_sent', 'Proposal sent', 30, 0),
	('negotiation', 'Negotiation', 40, 0),
	('won', 'Won', 50, 1),
	('lost', 'Lost', 60, 1);
