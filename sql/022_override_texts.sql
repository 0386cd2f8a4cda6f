-- A moved occurrence of a recurring event (RFC 5545 RECURRENCE-ID) may
-- have texts of its own: the calendar programs salesorg exchanges with
-- let a person retitle one meeting of a series ("Планёрка" moved and
-- renamed "Планёрка с директором").  NULL: the series' text, as before.
ALTER TABLE event_exceptions ADD COLUMN subject TEXT;
ALTER TABLE event_exceptions ADD COLUMN location TEXT;
ALTER TABLE event_exceptions ADD COLUMN description TEXT;
