-- salesorg schema, version 24: the per-recipient log of a mailing
-- (issue 29).
--
-- merge_messages (version 14) lists the e-mail events that are a
-- merge's messages; its key is the event, so it can hold only the
-- messages that went.  A mailing to a program's members must also say
-- which of them got nothing and why: the mailer refused the address,
-- the member has no e-mail.  A row here per recipient of a `merge
-- --send`: when, which template, the status (sent, failed with the
-- mailer's words, skipped), the address, and whom it was for -- a
-- contact, a company (its own e-mail), the program it was sent for --
-- with the e-mail event of a sent message.  A test message (--test)
-- goes to the sender, not to a recipient, and leaves no row.
CREATE TABLE mail_log (
	id		INTEGER PRIMARY KEY,
	sent_at		INTEGER NOT NULL,
	user_id		INTEGER REFERENCES users(id),
	template	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL
			CHECK (status IN ('sent', 'failed', 'skipped')),
	error		TEXT NOT NULL DEFAULT '',
	addr		TEXT NOT NULL DEFAULT '',
	contact_id	INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
	company_id	INTEGER REFERENCES companies(id) ON DELETE SET NULL,
	program_id	INTEGER REFERENCES programs(id) ON DELETE SET NULL,
	event_id	INTEGER REFERENCES events(id) ON DELETE SET NULL
) STRICT;
-- A card's Mailings section reads one record's rows, newest first.
CREATE INDEX mail_log_contact ON mail_log(contact_id, sent_at)
	WHERE contact_id IS NOT NULL;
CREATE INDEX mail_log_company ON mail_log(company_id, sent_at)
	WHERE company_id IS NOT NULL;
CREATE INDEX mail_log_program ON mail_log(program_id, sent_at)
	WHERE program_id IS NOT NULL;
