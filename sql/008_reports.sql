-- Reports and the work journal.
--
-- A meeting's report names what each side does next: our next steps and
-- the client's, written when the meeting is done (the manager's notes
-- themselves are the result comment).
ALTER TABLE events ADD COLUMN our_actions TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN client_actions TEXT NOT NULL DEFAULT '';
