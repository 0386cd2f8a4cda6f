-- salesorg schema, version 17: products (issue 27, part 3).
--
-- A catalogue of product groups (a tree: a group may have a parent) and
-- products (an article code, a name, a unit, a price in kopecks, retired
-- or not), and deal lines: what a deal sells, product by product, each
-- with its quantity, unit price and discount in percent.  All three are
-- card files of the record engine (audit, trash, optimistic locking).
--
-- A line's amount is kept in the row, computed by the store (deal_line
-- in src/store/product.c) from quantity x price x (100 - discount) / 100,
-- rounded half away from zero to the kopeck; a deal that has live lines
-- has the sum of their amounts as its own amount, set by the store in the
-- transaction that changes a line.
--
-- The views at the end attribute money to product groups, for pivots and
-- the sales report's detail by group (the rules are beside them).

CREATE TABLE product_groups (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL DEFAULT '',
	parent_id	INTEGER REFERENCES product_groups(id),
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX product_groups_name ON product_groups(
	replace(replace(name, 'ё', 'е'), 'Ё', 'Е'), name, id)
	WHERE deleted_at IS NULL;
CREATE INDEX product_groups_parent ON product_groups(parent_id);
CREATE INDEX product_groups_trash ON product_groups(deleted_at)
	WHERE deleted_at IS NOT NULL;

CREATE TABLE products (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL DEFAULT '',
	name		TEXT NOT NULL DEFAULT '',
	group_id	INTEGER REFERENCES product_groups(id),
	unit		TEXT NOT NULL DEFAULT '',
	price		INTEGER,
	retired		INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
CREATE INDEX products_name ON products(
	replace(replace(name, 'ё', 'е'), 'Ё', 'Е'), name, id)
	WHERE deleted_at IS NULL;
CREATE INDEX products_code ON products(
	replace(replace(code, 'ё', 'е'), 'Ё', 'Е'), code, id)
	WHERE deleted_at IS NULL;
CREATE INDEX products_group ON products(group_id);
CREATE INDEX products_trash ON products(deleted_at)
	WHERE deleted_at IS NOT NULL;

CREATE TABLE deal_lines (
	id		INTEGER PRIMARY KEY,
	deal_id		INTEGER NOT NULL REFERENCES deals(id),
	product_id	INTEGER REFERENCES products(id),
	quantity	INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
	price		INTEGER,
	discount	INTEGER CHECK (discount IS NULL OR
			    discount BETWEEN 0 AND 100),
	amount		INTEGER,
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id),
	version		INTEGER NOT NULL DEFAULT 1,
	deleted_at	INTEGER
) STRICT;
-- A deal's lines in order (the card's section, the amount's sum) and a
-- product's lines (the product's card).
CREATE INDEX deal_lines_deal ON deal_lines(deal_id, id)
	WHERE deleted_at IS NULL;
CREATE INDEX deal_lines_product ON deal_lines(product_id);
CREATE INDEX deal_lines_trash ON deal_lines(deleted_at)
	WHERE deleted_at IS NOT NULL;

-- The search index of the catalogue, kept by the store as every card
-- file's is (sql/012_index_kept_by_store.sql), ё folded as in 010.
CREATE VIEW products_searchable_text AS
SELECT id, code, name, comment FROM products WHERE deleted_at IS NULL;
CREATE VIEW products_searchable AS SELECT
    id,
    replace(replace(code, 'ё', 'е'), 'Ё', 'Е') AS code,
    replace(replace(name, 'ё', 'е'), 'Ё', 'Е') AS name,
    replace(replace(comment, 'ё', 'е'), 'Ё', 'Е') AS comment
FROM products_searchable_text;
CREATE VIRTUAL TABLE products_fts USING fts5(code, name, comment,
    content='products_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
INSERT INTO products_fts (products_fts, rank) VALUES ('rank',
    'bm25(5, 5, 1)');

CREATE VIEW product_groups_searchable_text AS
SELECT id, name, comment FROM product_groups WHERE deleted_at IS NULL;
CREATE VIEW product_groups_searchable AS SELECT
    id,
    replace(replace(name, 'ё', 'е'), 'Ё', 'Е') AS name,
    replace(replace(comment, 'ё', 'е'), 'Ё', 'Е') AS comment
FROM product_groups_searchable_text;
CREATE VIRTUAL TABLE product_groups_fts USING fts5(name, comment,
    content='product_groups_searchable', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
INSERT INTO product_groups_fts (product_groups_fts, rank) VALUES ('rank',
    'bm25(5, 1)');

-- ---- attribution to product groups ----
--
-- deal_groups(deal_id, group_id, amount): what a deal is worth per
-- product group.  A deal with live lines: the sum of its lines' amounts
-- by the group of each line's product (group_id NULL for a line without
-- a product or whose product has no group).  A deal without lines: one
-- row, group NULL ("no group"), its typed amount.  Trashed deals are
-- left out; whether a deal is won is the reader's filter (its stage).
CREATE VIEW deal_groups AS
SELECT l.deal_id AS deal_id, p.group_id AS group_id,
    sum(l.amount) AS amount
FROM deal_lines l
JOIN deals d ON d.id = l.deal_id AND d.deleted_at IS NULL
LEFT JOIN products p ON p.id = l.product_id
WHERE l.deleted_at IS NULL
GROUP BY l.deal_id, p.group_id
UNION ALL
SELECT d.id, NULL, d.amount
FROM deals d
WHERE d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM deal_lines l
    WHERE l.deal_id = d.id AND l.deleted_at IS NULL);

-- payment_groups(payment_id, group_id, amount): a payment split over the
-- product groups of its deal, in proportion to the deal's lines' sums
-- per group.  The shares are rounded by their running totals: the k-th
-- group (in group order, no group first) gets round(P * S_k / T) -
-- round(P * S_(k-1) / T), where S_k is the sum of the first k groups and
-- T the deal's total, so the shares add up to the payment to the kopeck
-- and every rounding stays within a kopeck of the exact share.  A
-- payment without a deal, of a trashed deal, of a deal without lines or
-- whose lines sum to nothing is one row, group NULL, the whole amount.
-- Trashed payments are left out.
CREATE VIEW payment_groups AS
WITH lines AS (
	SELECT l.deal_id AS deal_id, p.group_id AS group_id,
	    sum(l.amount) AS amount
	FROM deal_lines l
	JOIN deals d ON d.id = l.deal_id AND d.deleted_at IS NULL
	LEFT JOIN products p ON p.id = l.product_id
	WHERE l.deleted_at IS NULL
	GROUP BY l.deal_id, p.group_id
), runs AS (
	SELECT deal_id, group_id,
	    sum(amount) OVER (PARTITION BY deal_id ORDER BY
		coalesce(group_id, 0) ROWS UNBOUNDED PRECEDING) AS upto,
	    sum(amount) OVER (PARTITION BY deal_id ORDER BY
		coalesce(group_id, 0) ROWS UNBOUNDED PRECEDING) - amount
		AS before,
	    sum(amount) OVER (PARTITION BY deal_id) AS total
	FROM lines
)
SELECT pay.id AS payment_id, r.group_id AS group_id,
    CAST(round(pay.amount * 1.0 * r.upto / r.total) AS INTEGER) -
    CAST(round(pay.amount * 1.0 * r.before / r.total) AS INTEGER)
	AS amount
FROM payments pay
JOIN runs r ON r.deal_id = pay.deal_id AND r.total <> 0
WHERE pay.deleted_at IS NULL
UNION ALL
SELECT pay.id, NULL, pay.amount
FROM payments pay
WHERE pay.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM runs r
    WHERE r.deal_id = pay.deal_id AND r.total <> 0);
