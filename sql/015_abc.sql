-- ABC by more than money (issue 28): a payment says what it paid for, so
-- the 20/80 ranking can count units shipped and services rendered as
-- well as sums and payments.
--
-- units: the goods the payment is for, in the team's own unit (pieces,
-- tonnes); NULL when nobody said.  kind: 'goods' or 'services'; every
-- payment recorded before is goods, which is what a payment was taken
-- to be until now.  A payment of services has no units.
ALTER TABLE payments ADD COLUMN units INTEGER CHECK (units IS NULL OR
	units >= 0);
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'goods'
	CHECK (kind IN ('goods', 'services'));
