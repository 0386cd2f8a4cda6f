-- Admin-defined deal stages (issue 27): each stage has a win
-- probability (0 to 100 %, what the forecast weighs an open deal's
-- amount by), says whether a closed stage is a win (won 1) or a loss
-- (closed, won 0), and may be retired: kept for the deals already in
-- it (and their history), no longer offered for a deal entering it.
--
-- The seeded stages get the probabilities a sales department usually
-- starts from; the stage coded "won" is the win, which is what the
-- code took it to be until now.
ALTER TABLE deal_stages ADD COLUMN probability INTEGER NOT NULL DEFAULT 0
	CHECK (probability BETWEEN 0 AND 100);
ALTER TABLE deal_stages ADD COLUMN won INTEGER NOT NULL DEFAULT 0
	CHECK (won IN (0, 1));
ALTER TABLE deal_stages ADD COLUMN retired INTEGER NOT NULL DEFAULT 0
	CHECK (retired IN (0, 1));
UPDATE deal_stages SET probability = CASE code
	WHEN 'first_contact' THEN 10 WHEN 'need_found' THEN 25
	WHEN 'proposal_sent' THEN 50 WHEN 'negotiation' THEN 75
	WHEN 'won' THEN 100 ELSE 0 END;
UPDATE deal_stages SET won = 1 WHERE code = 'won' AND closed = 1;
-- The funnel's cohort is the deals and companies created in its period,
-- read from the audit log's create rows by time (audit_at); each one's
-- stage or status changes by record (audit_record).  Both indexes exist.
