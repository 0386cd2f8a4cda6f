/*
 * Products (src/store/product.c): a line's amount with its discount and
 * its rounding to the kopeck, a deal's amount following its lines in
 * every kind of write, the price taken from the product, retired
 * products, who may write the catalogue, the attribution of payments
 * and deals to product groups on a fixture counted by hand, and the
 * catalogue's import with Russian headings.
 */
#include <stdlib.h>
#include <string.h>

#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "fixture.h"
#include "harness.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/pivot.h"
#include "store/product.h"
#include "store/users.h"

static int64_t
group(struct db *db, const char *name)
{
	struct product_group g;
	struct so_err err = { 0 };
	int64_t id = 0;

	store_product_group_init(&g);
	g.name = xstrdup(name);
	if (store_product_group_create(db, &g, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "group: %s", err.msg);
	id = g.meta.id;
	store_product_group_clear(&g);
	return id;
}

static int64_t
product(struct db *db, const char *name, int64_t group_id, int64_t price)
{
	struct product p;
	struct so_err err = { 0 };
	int64_t id = 0;

	store_product_init(&p);
	p.name = xstrdup(name);
	p.group_id = group_id ? group_id : SO_NULL;
	p.price = price;
	if (store_product_create(db, &p, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "product: %s", err.msg);
	id = p.meta.id;
	store_product_clear(&p);
	return id;
}

/* A line of deal for qty of product; price and discount SO_NULL for
 * none.  Its id, or 0 and err filled. */
static int64_t
line(struct db *db, int64_t deal, int64_t prod, int64_t qty, int64_t price,
    int64_t discount, struct so_err *err)
{
	struct deal_line l;
	int64_t id = 0;

	store_deal_line_init(&l);
	l.deal_id = deal;
	l.product_id = prod;
	l.quantity = qty;
	l.price = price;
	l.discount = discount;
	if (store_deal_line_create(db, &l, err) == SO_OK)
		id = l.meta.id;
	store_deal_line_clear(&l);
	return id;
}

static int64_t
deal_amount(struct db *db, int64_t deal)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "SELECT amount FROM deals WHERE id = %lld",
	    (long long)deal);
	return fixture_int(db, sql);
}

TEST(test_line_amount_discount_and_rounding_to_the_kopeck)
{
	int64_t a = 0;

	/* 3 x 333.33 less 7%: 929 990.7 hundredths -> 9 299.91 */
	CHECK_INT(deal_line_amount(3, 33333, 7, &a), SO_OK);
	CHECK_INT(a, 92999);
	/* 1.50 less 3% = 1.455: half a kopeck goes up */
	CHECK_INT(deal_line_amount(1, 150, 3, &a), SO_OK);
	CHECK_INT(a, 146);
	/* 1.50 less 1% = 1.485 -> 1.49; 0.01 less 50% = 0.005 -> 0.01 */
	CHECK_INT(deal_line_amount(1, 150, 1, &a), SO_OK);
	CHECK_INT(a, 149);
	CHECK_INT(deal_line_amount(1, 1, 50, &a), SO_OK);
	CHECK_INT(a, 1);
	/* no discount; all of it; nothing */
	CHECK_INT(deal_line_amount(4, 2500, SO_NULL, &a), SO_OK);
	CHECK_INT(a, 10000);
	CHECK_INT(deal_line_amount(4, 2500, 100, &a), SO_OK);
	CHECK_INT(a, 0);
	CHECK_INT(deal_line_amount(0, 2500, 0, &a), SO_OK);
	CHECK_INT(a, 0);
	/* past int64: refused, not wrapped */
	CHECK_INT(deal_line_amount(INT64_MAX / 10, 1000, 0, &a), SO_EINVAL);
}

TEST(test_deal_amount_follows_its_lines)
{
	struct db *db = fixture_open("p.db");
	struct so_err err = { 0 };
	struct deal_line l;
	struct deal d;
	int64_t g, p1, p2, deal, l1, l2;

	REQUIRE(db != NULL);
	g = group(db, "Насосы");
	p1 = product(db, "Насос Н-1", g, 1000000);	/* 10 000.00 */
	p2 = product(db, "Фильтр", 0, 33333);		/* 333.33 */
	deal = fixture_add_deal(db, &(struct fixture_deal){ .title = "Д",
	    .amount = 5000000 });
	/* without lines, the typed amount */
	CHECK_INT(deal_amount(db, deal), 5000000);
	/* price from the product: 3 x 10 000 less 10% = 27 000.00 */
	l1 = line(db, deal, p1, 3, SO_NULL, 10, &err);
	REQUIRE(l1 > 0);
	CHECK_INT(fixture_int(db, "SELECT price FROM deal_lines WHERE id = 1"),
	    1000000);
	CHECK_INT(deal_amount(db, deal), 2700000);
	/* a price given wins: 3 x 333.33 less 7% = 929.99 */
	l2 = line(db, deal, p2, 3, SO_NULL, 7, &err);
	REQUIRE(l2 > 0);
	CHECK_INT(deal_amount(db, deal), 2700000 + 92999);
	/* the change is the deal's, in its history */
	CHECK(fixture_int(db, "SELECT count(*) FROM audit_log WHERE entity = "
	    "'deal' AND field = 'amount'") >= 2);
	/* an edit of a line */
	store_deal_line_init(&l);
	REQUIRE(store_deal_line_get(db, l1, &l, &err) == SO_OK);
	l.quantity = 1;
	CHECK_INT(store_deal_line_update(db, &l, &err), SO_OK);
	store_deal_line_clear(&l);
	CHECK_INT(deal_amount(db, deal), 900000 + 92999);
	/* an amount typed into the deal gives way to the lines */
	store_deal_init(&d);
	REQUIRE(store_deal_get(db, deal, &d, &err) == SO_OK);
	d.amount = 1;
	CHECK_INT(store_deal_update(db, &d, &err), SO_OK);
	CHECK_INT(d.amount, 900000 + 92999);
	store_deal_clear(&d);
	CHECK_INT(deal_amount(db, deal), 900000 + 92999);
	/* trash and restore */
	CHECK_INT(store_deal_line_delete(db, l2, &err), SO_OK);
	CHECK_INT(deal_amount(db, deal), 900000);
	CHECK_INT(store_deal_line_restore(db, l2, &err), SO_OK);
	CHECK_INT(deal_amount(db, deal), 900000 + 92999);
	/* the last line gone: the deal keeps what it was last worth */
	CHECK_INT(store_deal_line_delete(db, l1, &err), SO_OK);
	CHECK_INT(store_deal_line_delete(db, l2, &err), SO_OK);
	CHECK_INT(deal_amount(db, deal), 92999);
	db_close(db);
}

TEST(test_line_needs_a_price_and_a_product_still_sold)
{
	struct db *db = fixture_open("p.db");
	struct so_err err = { 0 };
	struct product p;
	int64_t none, deal, prod;

	REQUIRE(db != NULL);
	none = product(db, "Без цены", 0, SO_NULL);
	prod = product(db, "Старый", 0, 100);
	deal = fixture_add_deal(db, &(struct fixture_deal){ .title = "Д" });
	CHECK_INT(line(db, deal, none, 1, SO_NULL, SO_NULL, &err), 0);
	CHECK_STR(err.field, "price");
	CHECK(line(db, deal, none, 1, 500, SO_NULL, &err) > 0);
	CHECK_INT(line(db, deal, prod, 1, SO_NULL, 101, &err), 0);
	CHECK_STR(err.field, "discount");
	CHECK_INT(line(db, deal, prod, -1, SO_NULL, 0, &err), 0);
	CHECK_STR(err.field, "quantity");
	store_product_init(&p);
	REQUIRE(store_product_get(db, prod, &p, &err) == SO_OK);
	p.retired = 1;
	CHECK_INT(store_product_update(db, &p, &err), SO_OK);
	store_product_clear(&p);
	CHECK_INT(line(db, deal, prod, 1, SO_NULL, 0, &err), 0);
	CHECK_STR(err.field, "product_id");
	CHECK(strstr(err.msg, "retired") != NULL);
	db_close(db);
}

TEST(test_catalogue_is_read_by_all_and_written_by_head_or_admin)
{
	struct db *db = fixture_open("p.db");
	struct so_err err = { 0 };
	struct list_query q = { .sort = -1 };
	struct product p;
	int64_t n = -1, prod, deal, mine;

	REQUIRE(db != NULL);
	fixture_user(db, "boris", ROLE_MANAGER);
	fixture_user(db, "gleb", ROLE_HEAD);
	prod = product(db, "Насос", 0, 100);
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	store_product_init(&p);
	p.name = xstrdup("Свой товар");
	CHECK_INT(store_product_create(db, &p, &err), SO_EPERM);
	CHECK(strstr(err.msg, "change the product catalogue") != NULL);
	store_product_clear(&p);
	CHECK_INT(store_product_delete(db, prod, &err), SO_EPERM);
	/* read whole, taken whole: a manager's export has it all */
	store_product_init(&p);
	CHECK_INT(store_product_get(db, prod, &p, &err), SO_OK);
	CHECK_INT(p.meta.hidden, 0);
	CHECK_INT(p.price, 100);
	store_product_clear(&p);
	q.mine = acl_export_owner(db);
	CHECK_INT(rec_count(db, &entity_product, &q, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	CHECK_INT(acl_check_read(db, &entity_product, prod, &err), SO_OK);
	/* lines are the deal's: his deal's, not a colleague's */
	mine = fixture_add_deal(db, &(struct fixture_deal){ .title = "Б",
	    .manager = db_user_id(db) });
	CHECK(line(db, mine, prod, 1, SO_NULL, 0, &err) > 0);
	REQUIRE(db_login(db, "gleb", &err) == SO_OK);
	deal = fixture_add_deal(db, &(struct fixture_deal){ .title = "Г",
	    .manager = db_user_id(db) });
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	CHECK_INT(line(db, deal, prod, 1, SO_NULL, 0, &err), 0);
	CHECK_INT(err.code, SO_EPERM);
	REQUIRE(db_login(db, "gleb", &err) == SO_OK);
	CHECK(product(db, "Главный", 0, 1) > 0);
	db_close(db);
}

/*
 * Groups A and B; deal 1 has lines of 100.00 (A), 2 x 100.00 (B) and
 * 50.00 (no group): 350.00.  A payment of 100.00 on it splits, by the
 * running totals in group order (no group first): round(10000 x 5000 /
 * 35000) = 1429; round(10000 x 15000 / 35000) = 4286, less 1429 = 2857;
 * 10000 - 4286 = 5714 -- exact shares 1428.57, 2857.14, 5714.29.  A
 * payment of 70.00 without a deal and one of 30.00 on deal 2 (no lines,
 * typed 400.00) are no group's.
 */
TEST(test_payments_and_deals_attributed_to_product_groups)
{
	struct db *db = fixture_open("p.db");
	struct so_err err = { 0 };
	struct group_amount *v = NULL;
	size_t n = 0;
	int64_t a, b, pa, pb, pn, d1, d2, p1, co;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){ .name = "К" });
	a = group(db, "A");
	b = group(db, "B");
	pa = product(db, "pa", a, 10000);
	pb = product(db, "pb", b, 10000);
	pn = product(db, "pn", 0, 5000);
	d1 = fixture_add_deal(db, &(struct fixture_deal){ .title = "1" });
	d2 = fixture_add_deal(db, &(struct fixture_deal){ .title = "2",
	    .amount = 40000 });
	REQUIRE(line(db, d1, pa, 1, SO_NULL, 0, &err) > 0);
	REQUIRE(line(db, d1, pb, 2, SO_NULL, 0, &err) > 0);
	REQUIRE(line(db, d1, pn, 1, SO_NULL, 0, &err) > 0);
	p1 = fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-02", .company = co, .deal = d1,
	    .amount = 10000 });
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-03", .company = co, .amount = 7000 });
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-04", .company = co, .deal = d2,
	    .amount = 3000 });

	CHECK_INT(fixture_int(db, "SELECT amount FROM payment_groups WHERE "
	    "payment_id = 1 AND group_id IS NULL"), 1429);
	CHECK_INT(fixture_int(db, "SELECT amount FROM payment_groups WHERE "
	    "payment_id = 1 AND group_id = 1"), 2857);
	CHECK_INT(fixture_int(db, "SELECT amount FROM payment_groups WHERE "
	    "payment_id = 1 AND group_id = 2"), 5714);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM payment_groups"), 5);
	CHECK_INT(fixture_int(db, "SELECT sum(amount) FROM payment_groups"),
	    20000);
	CHECK_INT(p1, 1);
	/* deals: by their lines' groups; without lines, no group */
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_groups WHERE "
	    "deal_id = 1 AND group_id = 2"), 20000);
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_groups WHERE "
	    "deal_id = 1 AND group_id IS NULL"), 5000);
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_groups WHERE "
	    "deal_id = 2 AND group_id IS NULL"), 40000);
	/* the query the sales report reads, largest first, no group last */
	CHECK_INT(store_payments_by_group(db, "2026-11-01", "2026-11-30", 0,
	    &v, &n, &err), SO_OK);
	REQUIRE(n == 3);
	CHECK_STR(v[0].name, "B");
	CHECK_INT(v[0].amount, 5714);
	CHECK_STR(v[1].name, "A");
	CHECK_INT(v[1].amount, 2857);
	CHECK_INT(v[2].group_id, 0);
	CHECK_INT(v[2].amount, 1429 + 7000 + 3000);
	group_amounts_free(v, n);
	/* a period with one payment */
	CHECK_INT(store_payments_by_group(db, "2026-11-03", "2026-11-03", 0,
	    &v, &n, &err), SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(v[0].amount, 7000);
	group_amounts_free(v, n);
	/* a trashed line changes the split: 10000 x 10000 / 15000 */
	CHECK_INT(store_deal_line_delete(db, 2, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT amount FROM payment_groups WHERE "
	    "payment_id = 1 AND group_id = 1"), 6667);
	db_close(db);
}

static int
import(struct db *db, const char *text, struct import_stats *st,
    struct so_err *err)
{
	return csv_import_mem(db, &entity_product, "прайс.csv", text,
	    strlen(text), NULL, st, err);
}

TEST(test_catalogue_import_russian_headings_and_groups_on_the_fly)
{
	struct db *db = fixture_open("p.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	CHECK_INT(import(db, "Артикул;Наименование;Группа;Ед. изм.;Цена\n"
	    "Н-1;Насос;Насосы;шт;12 500,50\n"
	    "Н-2;Насос большой;Насосы;шт;20000\n"
	    "Ф-1;Фильтр;Фильтры;кг;99,9\n", &st, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM products"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM product_groups"), 2);
	CHECK_INT(fixture_int(db, "SELECT price FROM products WHERE code = "
	    "'Н-1'"), 1250050);
	CHECK_INT(fixture_int(db, "SELECT price FROM products WHERE code = "
	    "'Ф-1'"), 9990);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM products p JOIN "
	    "product_groups g ON g.id = p.group_id WHERE g.name = 'Насосы'"),
	    2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM products WHERE unit = "
	    "'шт'"), 2);
	/* a bad price: the file, the line, the column and the field; the
	 * group the row would have made is not made */
	CHECK_INT(import(db, "Артикул;Наименование;Группа;Цена\n"
	    "К-1;Кран;Краны;100\n"
	    "К-2;Кран;Краны;сто\n", &st, &err), SO_EINVAL);
	CHECK_STR(err.msg, "прайс.csv:3: column \"Цена\" (price): not an "
	    "amount (write it like 1234.50): \"сто\"");
	CHECK_STR(err.field, "price");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM products"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM product_groups"), 2);
	db_close(db);
}

/* ---- the stored split (sql/023_group_shares.sql) ---- */

/* The stored share of payment pay in group g (0: no group); -1: none. */
static long long
share(struct db *db, int64_t pay, int64_t g)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT coalesce((SELECT amount FROM "
	    "payment_group_shares WHERE payment_id = %lld AND group_id IS "
	    "%s), -1)", (long long)pay, g ? "" : "NULL");
	if (g)
		snprintf(sql, sizeof(sql), "SELECT coalesce((SELECT amount "
		    "FROM payment_group_shares WHERE payment_id = %lld AND "
		    "group_id = %lld), -1)", (long long)pay, (long long)g);
	return fixture_int(db, sql);
}

/* The rows of both tables that differ from their views, either way. */
static long long
differs(struct db *db)
{
	return fixture_int(db, "SELECT (SELECT count(*) FROM (SELECT 1 FROM "
	    "(SELECT *, 1 AS side FROM payment_groups UNION ALL SELECT *, -1 "
	    "FROM payment_group_shares) GROUP BY payment_id, group_id, amount "
	    "HAVING sum(side) <> 0)) + (SELECT count(*) FROM (SELECT 1 FROM "
	    "(SELECT *, 1 AS side FROM deal_groups UNION ALL SELECT *, -1 "
	    "FROM deal_group_shares) GROUP BY deal_id, group_id, amount "
	    "HAVING sum(side) <> 0))");
}

/* The shares add up to the live payments, to the kopeck. */
#define CHECK_SPLIT_WHOLE(db) do {					\
	CHECK_INT(differs(db), 0);					\
	CHECK_INT(fixture_int(db, "SELECT coalesce(sum(amount), 0) FROM " \
	    "payment_group_shares"), fixture_int(db, "SELECT "		\
	    "coalesce(sum(amount), 0) FROM payments WHERE "		\
	    "deleted_at IS NULL"));					\
} while (0)

/*
 * Groups A, B, C; deal 1 has lines pa 100.00 (A), 2 x pb 100.00 (B), pn
 * 50.00 (no group), a payment of 100.00 on it.  After each kind of
 * change the stored split is the view's and its values are counted by
 * hand (running totals in group order, no group first):
 *  - as made: 1429 / 2857 / 5714 of 350.00 (test above);
 *  - pb's quantity 2 -> 1, 250.00: round(10000 x 5000 / 25000) = 2000,
 *    round(10000 x 15000 / 25000) - 2000 = 4000, 10000 - 6000 = 4000;
 *  - a line pc 30.00 (C) added, 280.00: 1786 (1785.71), 5357 - 1786 =
 *    3571, 8929 - 5357 = 3572, 10000 - 8929 = 1071;
 *  - pn moved to group C, C 80.00: 3571, 7143 - 3571 = 3572, 2857;
 *  - the pc line trashed, C 50.00 of 250.00: 4000, 4000, 2000;
 *  - a payment of 0.01: A round(0.4) = 0, B round(0.8) - 0 = 1, C 0;
 *  - the payment moved to deal 2 (no lines, 400.00 typed): no group,
 *    all of it; deal 1 trashed: its payment no group's; restored: back.
 */
TEST(test_stored_split_follows_every_change)
{
	struct db *db = fixture_open("s.db");
	struct so_err err = { 0 };
	struct deal_line l;
	struct product p;
	struct payment pay;
	struct strbuf report = { 0 };
	int64_t a, b, c, pa, pb, pn, pc, d1, d2, p1, p2, p3, co, lb, lc;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){ .name = "К" });
	a = group(db, "A");
	b = group(db, "B");
	c = group(db, "C");
	pa = product(db, "pa", a, 10000);
	pb = product(db, "pb", b, 10000);
	pn = product(db, "pn", 0, 5000);
	pc = product(db, "pc", c, 3000);
	d1 = fixture_add_deal(db, &(struct fixture_deal){ .title = "1" });
	d2 = fixture_add_deal(db, &(struct fixture_deal){ .title = "2",
	    .amount = 40000 });
	/* a new deal: one row, no group, its typed amount */
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_group_shares "
	    "WHERE deal_id = 2 AND group_id IS NULL"), 40000);
	REQUIRE(line(db, d1, pa, 1, SO_NULL, 0, &err) > 0);
	REQUIRE((lb = line(db, d1, pb, 2, SO_NULL, 0, &err)) > 0);
	REQUIRE(line(db, d1, pn, 1, SO_NULL, 0, &err) > 0);
	CHECK_SPLIT_WHOLE(db);

	/* a new payment on the deal, one without a deal */
	p1 = fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-02", .company = co, .deal = d1,
	    .amount = 10000 });
	p2 = fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-03", .company = co, .amount = 7000 });
	CHECK_INT(share(db, p1, 0), 1429);
	CHECK_INT(share(db, p1, a), 2857);
	CHECK_INT(share(db, p1, b), 5714);
	CHECK_INT(share(db, p2, 0), 7000);
	CHECK_SPLIT_WHOLE(db);

	/* a line edited */
	store_deal_line_init(&l);
	REQUIRE(store_deal_line_get(db, lb, &l, &err) == SO_OK);
	l.quantity = 1;
	CHECK_INT(store_deal_line_update(db, &l, &err), SO_OK);
	store_deal_line_clear(&l);
	CHECK_INT(share(db, p1, 0), 2000);
	CHECK_INT(share(db, p1, a), 4000);
	CHECK_INT(share(db, p1, b), 4000);
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_group_shares "
	    "WHERE deal_id = 1 AND group_id = 2"), 10000);
	CHECK_SPLIT_WHOLE(db);

	/* a line added */
	REQUIRE((lc = line(db, d1, pc, 1, SO_NULL, 0, &err)) > 0);
	CHECK_INT(share(db, p1, 0), 1786);
	CHECK_INT(share(db, p1, a), 3571);
	CHECK_INT(share(db, p1, b), 3572);
	CHECK_INT(share(db, p1, c), 1071);
	CHECK_SPLIT_WHOLE(db);

	/* a product's group changed: its deals' money moves */
	store_product_init(&p);
	REQUIRE(store_product_get(db, pn, &p, &err) == SO_OK);
	p.group_id = c;
	CHECK_INT(store_product_update(db, &p, &err), SO_OK);
	store_product_clear(&p);
	CHECK_INT(share(db, p1, 0), -1);
	CHECK_INT(share(db, p1, a), 3571);
	CHECK_INT(share(db, p1, b), 3572);
	CHECK_INT(share(db, p1, c), 2857);
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_group_shares "
	    "WHERE deal_id = 1 AND group_id = 3"), 8000);
	CHECK_SPLIT_WHOLE(db);

	/* a line trashed, then restored, then trashed again */
	CHECK_INT(store_deal_line_delete(db, lc, &err), SO_OK);
	CHECK_INT(share(db, p1, a), 4000);
	CHECK_INT(share(db, p1, b), 4000);
	CHECK_INT(share(db, p1, c), 2000);
	CHECK_SPLIT_WHOLE(db);
	CHECK_INT(store_deal_line_restore(db, lc, &err), SO_OK);
	CHECK_INT(share(db, p1, c), 2857);
	CHECK_SPLIT_WHOLE(db);
	CHECK_INT(store_deal_line_delete(db, lc, &err), SO_OK);

	/* a kopeck: the rounding still adds up */
	p3 = fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-04", .company = co, .deal = d1,
	    .amount = 1 });
	CHECK_INT(share(db, p3, a), 0);
	CHECK_INT(share(db, p3, b), 1);
	CHECK_INT(share(db, p3, c), 0);
	CHECK_SPLIT_WHOLE(db);

	/* the payment moved to another deal, and back */
	REQUIRE(store_payment_get(db, p1, &pay, &err) == SO_OK);
	pay.deal_id = d2;
	CHECK_INT(store_payment_update(db, &pay, &err), SO_OK);
	CHECK_INT(share(db, p1, 0), 10000);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM payment_group_shares "
	    "WHERE payment_id = 1"), 1);
	CHECK_SPLIT_WHOLE(db);
	pay.deal_id = d1;
	CHECK_INT(store_payment_update(db, &pay, &err), SO_OK);
	store_payment_clear(&pay);
	CHECK_INT(share(db, p1, c), 2000);

	/* the deal trashed: no rows of its own, its payments no group's;
	 * restored: as before */
	CHECK_INT(store_deal_delete(db, d1, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM deal_group_shares "
	    "WHERE deal_id = 1"), 0);
	CHECK_INT(share(db, p1, 0), 10000);
	CHECK_INT(share(db, p3, 0), 1);
	CHECK_SPLIT_WHOLE(db);
	CHECK_INT(store_deal_restore(db, d1, &err), SO_OK);
	CHECK_INT(share(db, p1, a), 4000);
	CHECK_SPLIT_WHOLE(db);

	/* a typed amount of a deal without lines */
	{
		struct deal d;

		store_deal_init(&d);
		REQUIRE(store_deal_get(db, d2, &d, &err) == SO_OK);
		d.amount = 45000;
		CHECK_INT(store_deal_update(db, &d, &err), SO_OK);
		store_deal_clear(&d);
	}
	CHECK_INT(fixture_int(db, "SELECT amount FROM deal_group_shares "
	    "WHERE deal_id = 2"), 45000);

	/* a payment trashed: no rows; restored: back */
	CHECK_INT(store_payment_delete(db, p1, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM payment_group_shares "
	    "WHERE payment_id = 1"), 0);
	CHECK_SPLIT_WHOLE(db);
	CHECK_INT(store_payment_restore(db, p1, &err), SO_OK);
	CHECK_INT(share(db, p1, b), 4000);
	CHECK_SPLIT_WHOLE(db);

	/* check: whole, then a share written behind the store's back */
	CHECK_INT(split_check(db, &report, &err), SO_OK);
	CHECK_STR(sb_str(&report), "");
	REQUIRE(sqlite3_exec(db_sqlite(db), "UPDATE payment_group_shares SET "
	    "amount = amount + 1 WHERE payment_id = 1 AND group_id = 1",
	    NULL, NULL, NULL) == SQLITE_OK);
	CHECK_INT(split_check(db, &report, &err), SO_ENOTDB);
	CHECK_STR(sb_str(&report), "payment_group_shares: 2 rows differ "
	    "from the view payment_groups\n");
	CHECK(strstr(err.msg, "DELETE FROM payment_group_shares; INSERT INTO "
	    "payment_group_shares SELECT * FROM payment_groups") != NULL);
	sb_free(&report);
	db_close(db);
}

/* The sales report's split reads the period's payments by their date's
 * index (payments_day, 008, covers what it reads of them) and their
 * shares by theirs, no deal line; the store's rewrite
 * of a deal's split reaches its lines and payments by index too. */
TEST(test_stored_split_plans_read_the_period_only)
{
	struct db *db = fixture_open("sp.db");
	struct so_err err = { 0 };
	struct group_amount *v = NULL;
	struct deal_line l;
	size_t n = 0;
	int64_t g, pr, d, co, ln;
	char *plans;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){ .name = "К" });
	g = group(db, "A");
	pr = product(db, "pa", g, 10000);
	d = fixture_add_deal(db, &(struct fixture_deal){ .title = "1" });
	REQUIRE((ln = line(db, d, pr, 1, SO_NULL, 0, &err)) > 0);
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-02", .company = co, .deal = d,
	    .amount = 10000 });

	fixture_plans_begin(db);
	CHECK_INT(store_payments_by_group(db, "2026-11-01", "2026-11-30", 0,
	    &v, &n, &err), SO_OK);
	plans = fixture_plans_end(db);
	REQUIRE(n == 1);
	CHECK_INT(v[0].amount, 10000);
	group_amounts_free(v, n);
	CHECK_PLAN(plans, "SEARCH p USING COVERING INDEX payments_day "
	    "(paid_on>? AND paid_on<?)");
	CHECK_PLAN(plans, "SEARCH s USING COVERING INDEX "
	    "payment_group_shares_payment (payment_id=?)");
	CHECK_NO_SCAN(plans, "p");
	CHECK_NO_SCAN(plans, "s");
	CHECK(strstr(plans, "deal_lines") == NULL);
	CHECK(strstr(plans, "payment_groups") == NULL);
	free(plans);

	/* a line's write: the deal's rows and its payments' by index */
	fixture_plans_begin(db);
	store_deal_line_init(&l);
	REQUIRE(store_deal_line_get(db, ln, &l, &err) == SO_OK);
	l.quantity = 2;
	CHECK_INT(store_deal_line_update(db, &l, &err), SO_OK);
	store_deal_line_clear(&l);
	plans = fixture_plans_end(db);
	CHECK_PLAN(plans, "INSERT INTO payment_group_shares");
	if (getenv("SPLIT_PLANS"))
		fputs(plans, stderr);
	CHECK_NO_SCAN(plans, "l");
	CHECK_NO_SCAN(plans, "d");
	CHECK_NO_SCAN(plans, "payments");
	CHECK_NO_SCAN(plans, "deal_lines");
	CHECK_NO_SCAN(plans, "deal_group_shares");
	CHECK_NO_SCAN(plans, "payment_group_shares");
	free(plans);
	CHECK_INT(differs(db), 0);
	db_close(db);
}

/*
 * Pivots by product group, the stored split: groups A and B, deal 1 of
 * pa 100.00 (A), 2 x pb 100.00 (B) and pn 50.00 (no group); payments of
 * 100.00 on it in November (1429 / 2857 / 5714, above), 70.00 without a
 * deal in November, 30.00 on it in December: round(3000 x 5000 / 35000)
 * = 429, round(3000 x 15000 / 35000) - 429 = 1286 - 429 = 857, 3000 -
 * 1286 = 1714.  By group and month: A 2857 | 857, B 5714 | 1714, no
 * group 8429 | 429; the columns 17000 | 3000, the whole 20000, the
 * payments' own total.  Deals by group: A 10000, B 20000, no group
 * 5000 + the typed 40000 of deal 2, without lines.
 */
TEST(test_pivot_by_product_group_splits_exactly)
{
	struct db *db = fixture_open("pg.db");
	struct so_err err = { 0 };
	struct pivot_spec s = { .entity = "payments", .nrows = 1,
	    .rows = { "group" }, .period = PIVOT_MONTH,
	    .measure = PIVOT_SUM, .measure_field = "amount",
	    .from = "2026-11-01", .to = "2026-12-31" };
	struct pivot_result *r = NULL;
	int64_t a, b, pa, pb, pn, d1, co, *ids = NULL;
	size_t nids = 0;
	const char *none[1] = { "" };
	char *plans;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){ .name = "К" });
	a = group(db, "A");
	b = group(db, "B");
	pa = product(db, "pa", a, 10000);
	pb = product(db, "pb", b, 10000);
	pn = product(db, "pn", 0, 5000);
	d1 = fixture_add_deal(db, &(struct fixture_deal){ .title = "1" });
	fixture_add_deal(db, &(struct fixture_deal){ .title = "2",
	    .amount = 40000 });
	REQUIRE(line(db, d1, pa, 1, SO_NULL, 0, &err) > 0);
	REQUIRE(line(db, d1, pb, 2, SO_NULL, 0, &err) > 0);
	REQUIRE(line(db, d1, pn, 1, SO_NULL, 0, &err) > 0);
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-02", .company = co, .deal = d1,
	    .amount = 10000 });
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-11-03", .company = co, .amount = 7000 });
	fixture_add_payment(db, &(struct fixture_payment){
	    .paid_on = "2026-12-05", .company = co, .deal = d1,
	    .amount = 3000 });

	fixture_plans_begin(db);
	CHECK_INT(pivot_run(db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	plans = fixture_plans_end(db);
	REQUIRE(r != NULL && r->nlines == 3 && r->ncols == 2);
	CHECK_STR(r->level_labels[0], "Product group");
	CHECK_STR(r->lines[0].labels[0], "A");
	CHECK_INT(r->lines[0].cells[0].sum, 2857);
	CHECK_INT(r->lines[0].cells[1].sum, 857);
	CHECK_STR(r->lines[1].labels[0], "B");
	CHECK_INT(r->lines[1].cells[0].sum, 5714);
	CHECK_INT(r->lines[1].cells[1].sum, 1714);
	CHECK_STR(r->lines[2].keys[0], "");
	CHECK_INT(r->lines[2].cells[0].sum, 8429);
	CHECK_INT(r->lines[2].cells[1].sum, 429);
	CHECK_INT(r->col_totals[0].sum, 17000);
	CHECK_INT(r->col_totals[1].sum, 3000);
	CHECK_INT(r->total.sum, 20000);
	CHECK_INT(r->total.sum, fixture_int(db, "SELECT sum(amount) FROM "
	    "payments"));
	pivot_result_free(r);
	/* the year's payments by their date's index, their shares by
	 * theirs: no deal line, no view */
	CHECK_PLAN(plans, "SEARCH t USING COVERING INDEX payments_day "
	    "(paid_on>? AND paid_on<?)");
	CHECK_PLAN(plans, "SEARCH gs USING COVERING INDEX "
	    "payment_group_shares_payment (payment_id=?)");
	CHECK_NO_SCAN(plans, "t");
	CHECK_NO_SCAN(plans, "gs");
	CHECK(strstr(plans, "deal_lines") == NULL);
	free(plans);

	/* drill-down: no group in November is payments 1 and 2; the whole
	 * table each payment once */
	CHECK_INT(pivot_drill(db, &s, FIXTURE_NOW, none, 1, "2026-11", &ids,
	    &nids, &err), SO_OK);
	REQUIRE(nids == 2);
	CHECK_INT(ids[0], 1);
	CHECK_INT(ids[1], 2);
	free(ids);
	CHECK_INT(pivot_drill(db, &s, FIXTURE_NOW, NULL, 0, NULL, &ids, &nids,
	    &err), SO_OK);
	CHECK_INT((long long)nids, 3);
	free(ids);

	/* only the amount is split */
	s.measure_field = "units";
	CHECK_INT(pivot_run(db, &s, FIXTURE_NOW, &r, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "only the amount is split") != NULL);

	/* deals by group, across their stage */
	s.entity = "deals";
	s.measure_field = "amount";
	s.period = PIVOT_NONE;
	s.cols = "stage";
	s.from = s.to = NULL;
	CHECK_INT(pivot_run(db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL && r->nlines == 3);
	CHECK_INT(r->lines[0].total.sum, 10000);
	CHECK_INT(r->lines[1].total.sum, 20000);
	CHECK_INT(r->lines[2].total.sum, 45000);
	CHECK_INT(r->total.sum, 75000);
	CHECK_INT(r->total.n, 4);	/* shares: deal 1 thrice, deal 2 */
	pivot_result_free(r);
	db_close(db);
}
