-- salesorg schema, version 27: the split of money over product groups,
-- stored (issue 27).
--
-- The views deal_groups and payment_groups (017_products.sql) stay the
-- definition of the split; computing them whole for one report took
-- seconds on a department's 100 000 deal lines.  These tables hold
-- their rows, kept by the store (src/store/product.c: split_deals,
-- split_payments) in the transaction of every write that changes them:
-- a payment written, trashed or restored; a deal written, trashed or
-- restored; a deal line written, trashed or restored; a product moved
-- to another group.  Not by triggers: the file runs with
-- trusted_schema off and the store keeps its derived data itself, as
-- it keeps the search index (012).  salesorg check compares them with
-- the views and names the rebuild.
--
-- Same columns, same rows as the views: group_id NULL is "no group", a
-- deal without lines has one row with its typed amount (NULL when it
-- has none); trashed payments and deals have no rows.  No foreign keys:
-- the rows follow the records by the store's hand, never by a cascade.

CREATE TABLE deal_group_shares (
	deal_id		INTEGER NOT NULL,
	group_id	INTEGER,
	amount		INTEGER
) STRICT;
-- A deal's rows (the store's rewrite, a pivot's join), covering.
CREATE INDEX deal_group_shares_deal ON deal_group_shares(deal_id,
	group_id, amount);

CREATE TABLE payment_group_shares (
	payment_id	INTEGER NOT NULL,
	group_id	INTEGER,
	amount		INTEGER
) STRICT;
-- A payment's rows, covering: the sales report and the pivot walk the
-- period's payments by payments_paid_on and find their shares here.
CREATE INDEX payment_group_shares_payment ON payment_group_shares(
	payment_id, group_id, amount);

-- The rows of the records there are, set-based, from the definition.
INSERT INTO deal_group_shares (deal_id, group_id, amount)
SELECT deal_id, group_id, amount FROM deal_groups;
INSERT INTO payment_group_shares (payment_id, group_id, amount)
SELECT payment_id, group_id, amount FROM payment_groups;
