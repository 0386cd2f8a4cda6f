/*
 * The pivot engine (store/pivot.h) on hand-counted worlds.
 *
 * Sales: Альфа (VIP, Казань, anna "Анна"), Бета (VIP, Москва, bob
 * "Борис"), Гамма (no category, Казань, anna); payments
 *	P1 Альфа 2026-09-10 1 000.00	P2 Альфа 2026-09-20 500.00
 *	P3 Бета  2026-09-15   300.00	P4 Гамма 2026-11-05 200.00
 *	P5 Бета  2026-11-20   100.00	P6 Альфа 2026-06-01 999.00
 * From 2026-09-01 to 2026-11-30 by company.category x month, sum:
 *	VIP	1 800 | (empty) | 100 | 1 900
 *	(none)	(empty) | (empty) | 200 | 200
 *	total	1 800 | (empty) | 300 | 2 100
 * October had nothing and is still a column; P6 is outside.
 *
 * History: on 2026-11-01 Альфа VIP, Бета VIP, Гамма none are made; on
 * 2026-11-10 Бета and Гамма become Опт; on 2026-11-12 Дельта (VIP) is
 * made; on 2026-11-15 Альфа goes to the trash.  By category, count:
 *	on 2026-11-05	VIP 2, (none) 1
 *	on 2026-11-12	Опт 2, VIP 2
 *	now		Опт 2, VIP 1
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/pivot.h"
#include "store/record.h"
#include "store/users.h"

struct sales {
	struct db	*db;
	int64_t		 anna, bob;
	int64_t		 c[3], p[6];
};

static int
sales_world(struct sales *w, const char *file)
{
	struct so_err err = { 0 };

	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open(file)) == NULL)
		return -1;
	w->anna = db_user_id(w->db);
	db_exec(w->db, "UPDATE users SET full_name = 'Анна' WHERE "
	    "login = 'anna'", &err);
	w->bob = fixture_add_user_row(w->db, "bob", "Борис");
	w->c[0] = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Альфа", .category = "VIP", .city = "Казань",
	    .manager = w->anna });
	w->c[1] = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Бета", .category = "VIP", .city = "Москва",
	    .manager = w->bob });
	w->c[2] = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Гамма", .city = "Казань", .manager = w->anna });
	w->p[0] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-09-10", .company = w->c[0], .amount = 100000 });
	w->p[1] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-09-20", .company = w->c[0], .amount = 50000 });
	w->p[2] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-09-15", .company = w->c[1], .amount = 30000 });
	w->p[3] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-05", .company = w->c[2], .amount = 20000 });
	w->p[4] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-20", .company = w->c[1], .amount = 10000 });
	w->p[5] = fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-06-01", .company = w->c[0], .amount = 99900 });
	/* the sales path may have moved a category: put them back */
	db_exec(w->db, "UPDATE companies SET category = 'VIP' WHERE "
	    "name IN ('Альфа', 'Бета')", &err);
	db_exec(w->db, "UPDATE companies SET category = '' WHERE "
	    "name = 'Гамма'", &err);
	return 0;
}

static struct pivot_spec
by_category_month(void)
{
	struct pivot_spec s = { 0 };

	s.entity = "payments";
	s.rows[0] = "company.category";
	s.nrows = 1;
	s.period = PIVOT_MONTH;
	s.measure = PIVOT_SUM;
	s.measure_field = "amount";
	s.from = "2026-09-01";
	s.to = "2026-11-30";
	return s;
}

/* A cell as a person reads it, "" when empty. */
static void
check_cell(const struct pivot_result *r, const struct pivot_cell *c,
    const char *want, const char *file, int line)
{
	char *s = pivot_cell_text(r, c, 1);

	if (strcmp(s, want) != 0)
		harness_fail(file, line, "cell \"%s\", want \"%s\"", s, want);
	free(s);
}
#define CELL(r, c, want)	check_cell((r), (c), (want), __FILE__, __LINE__)

TEST(test_pivot_sums_a_link_field_by_month_with_totals_and_empty_cells)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot1.db") == 0);
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	REQUIRE(r->ncols == 3);
	CHECK_STR(r->col_keys[0], "2026-09");
	CHECK_STR(r->col_keys[1], "2026-10");	/* nothing, still shown */
	CHECK_STR(r->col_keys[2], "2026-11");
	REQUIRE(r->nlines == 2);
	CHECK_STR(r->lines[0].labels[0], "VIP");
	CELL(r, &r->lines[0].cells[0], "1800.00");
	CELL(r, &r->lines[0].cells[1], "");
	CELL(r, &r->lines[0].cells[2], "100.00");
	CELL(r, &r->lines[0].total, "1900.00");
	CHECK_STR(r->lines[1].keys[0], "");	/* no category: last */
	CELL(r, &r->lines[1].cells[0], "");
	CELL(r, &r->lines[1].cells[2], "200.00");
	CELL(r, &r->lines[1].total, "200.00");
	CELL(r, &r->col_totals[0], "1800.00");
	CELL(r, &r->col_totals[1], "");
	CELL(r, &r->col_totals[2], "300.00");
	CELL(r, &r->total, "2100.00");
	CHECK_INT(r->total.n, 5);
	pivot_result_free(r);
	db_close(w.db);
}

TEST(test_pivot_nested_rows_have_subtotals)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot2.db") == 0);
	s.rows[1] = "manager";	/* a payment's: its company's */
	s.nrows = 2;
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	REQUIRE(r->nlines == 5);
	CHECK_INT(r->lines[0].kind, PIVOT_LEAF);
	CHECK_STR(r->lines[0].labels[0], "VIP");
	CHECK_STR(r->lines[0].labels[1], "Анна");
	CELL(r, &r->lines[0].cells[0], "1500.00");
	CELL(r, &r->lines[0].total, "1500.00");
	CHECK_STR(r->lines[1].labels[1], "Борис");
	CELL(r, &r->lines[1].cells[0], "300.00");
	CELL(r, &r->lines[1].cells[2], "100.00");
	CHECK_INT(r->lines[2].kind, PIVOT_SUBTOTAL);
	CHECK_INT(r->lines[2].depth, 1);
	CHECK_STR(r->lines[2].labels[0], "VIP");
	CELL(r, &r->lines[2].cells[0], "1800.00");
	CELL(r, &r->lines[2].cells[1], "");
	CELL(r, &r->lines[2].total, "1900.00");
	CHECK_INT(r->lines[3].kind, PIVOT_LEAF);
	CHECK_STR(r->lines[3].labels[1], "Анна");
	CELL(r, &r->lines[3].total, "200.00");
	CHECK_INT(r->lines[4].kind, PIVOT_SUBTOTAL);
	CELL(r, &r->lines[4].total, "200.00");
	CELL(r, &r->total, "2100.00");
	pivot_result_free(r);
	db_close(w.db);
}

TEST(test_pivot_average_is_over_records_not_of_averages)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot3.db") == 0);
	s.rows[0] = "manager";
	s.period = PIVOT_YEAR;
	s.measure = PIVOT_AVG;
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	REQUIRE(r->nlines == 2 && r->ncols == 1);
	CHECK_STR(r->col_keys[0], "2026");
	/* Анна: (1000 + 500 + 200) / 3 = 566.666..; Борис: 400 / 2 */
	CELL(r, &r->lines[0].total, "566.67");
	CELL(r, &r->lines[1].total, "200.00");
	/* 2100 / 5, not (566.67 + 200) / 2 */
	CELL(r, &r->total, "420.00");
	pivot_result_free(r);
	db_close(w.db);
}

TEST(test_pivot_counts_companies_by_month_of_first_payment)
{
	struct sales w;
	struct pivot_spec s = { 0 };
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot4.db") == 0);
	s.entity = "company";
	s.rows[0] = "category";
	s.nrows = 1;
	s.period = PIVOT_MONTH;
	s.from = "2026-06-01";
	s.to = "2026-11-30";
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	REQUIRE(r->ncols == 6 && r->nlines == 2);
	/* Альфа first paid in June (P6), Бета in September, Гамма in
	 * November */
	CELL(r, &r->lines[0].cells[0], "1");
	CELL(r, &r->lines[0].cells[3], "1");
	CELL(r, &r->lines[0].cells[1], "");
	CELL(r, &r->lines[1].cells[5], "1");
	CELL(r, &r->total, "3");
	pivot_result_free(r);
	/* and by a field across: category x city */
	s.period = PIVOT_NONE;
	s.cols = "city";
	s.from = s.to = NULL;
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	REQUIRE(r->ncols == 2);
	CHECK_STR(r->col_keys[0], "Казань");
	CHECK_STR(r->col_keys[1], "Москва");
	CELL(r, &r->lines[0].cells[0], "1");
	CELL(r, &r->lines[0].cells[1], "1");
	CELL(r, &r->lines[1].cells[0], "1");
	CELL(r, &r->lines[1].cells[1], "");
	pivot_result_free(r);
	db_close(w.db);
}

TEST(test_pivot_drill_down_returns_exactly_the_cell_s_records)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct so_err err = { 0 };
	const char *keys[2] = { "VIP", NULL };
	int64_t *ids = NULL;
	size_t n = 0;

	REQUIRE(sales_world(&w, "pivot5.db") == 0);
	CHECK_INT(pivot_drill(w.db, &s, FIXTURE_NOW, keys, 1, "2026-09", &ids,
	    &n, &err), SO_OK);
	REQUIRE(n == 3);
	CHECK_INT(ids[0], w.p[0]);
	CHECK_INT(ids[1], w.p[1]);
	CHECK_INT(ids[2], w.p[2]);
	free(ids);
	CHECK_INT(pivot_drill(w.db, &s, FIXTURE_NOW, keys, 1, "2026-10", &ids,
	    &n, &err), SO_OK);
	CHECK_INT(n, 0);
	free(ids);
	/* the column total of November: P4 and P5 */
	CHECK_INT(pivot_drill(w.db, &s, FIXTURE_NOW, NULL, 0, "2026-11", &ids,
	    &n, &err), SO_OK);
	REQUIRE(n == 2);
	CHECK_INT(ids[0], w.p[3]);
	CHECK_INT(ids[1], w.p[4]);
	free(ids);
	/* a nested leaf, its line total */
	s.rows[1] = "manager";
	s.nrows = 2;
	{
		char *bob = xasprintf("%lld", (long long)w.bob);
		keys[1] = bob;
		CHECK_INT(pivot_drill(w.db, &s, FIXTURE_NOW, keys, 2, NULL,
		    &ids, &n, &err), SO_OK);
		REQUIRE(n == 2);
		CHECK_INT(ids[0], w.p[2]);
		CHECK_INT(ids[1], w.p[4]);
		free(ids);
		free(bob);
	}
	db_close(w.db);
}

/* The pivot screen lists a cell's records through filter_of_ids: the
 * list is exactly the drill-down's ids, counted and paged as any
 * filtered list. */
TEST(test_pivot_cell_s_records_as_a_filtered_list)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	const char *keys[1] = { "VIP" };
	struct filter *f;
	int64_t *ids = NULL, *got = NULL, count = 0;
	size_t n = 0, ngot = 0, i;

	REQUIRE(sales_world(&w, "pivot5b.db") == 0);
	REQUIRE(pivot_drill(w.db, &s, FIXTURE_NOW, keys, 1, "2026-09", &ids,
	    &n, &err) == SO_OK);
	REQUIRE(n == 3);
	f = filter_of_ids(ids, n, "VIP x 2026-09");
	CHECK_STR(filter_text(f), "VIP x 2026-09");
	q.filter = f;
	q.scan = 1;
	CHECK_INT(rec_count(w.db, &entity_payment, &q, &count, &err), SO_OK);
	CHECK_INT(count, 3);
	CHECK_INT(rec_ids(w.db, &entity_payment, &q, &got, &ngot, &err),
	    SO_OK);
	REQUIRE(ngot == n);
	for (i = 0; i < n; i++)
		CHECK_INT(got[i], ids[i]);
	free(got);
	filter_free(f);
	/* no ids: an empty list, not every record */
	f = filter_of_ids(NULL, 0, "none");
	q.filter = f;
	CHECK_INT(rec_count(w.db, &entity_payment, &q, &count, &err), SO_OK);
	CHECK_INT(count, 0);
	filter_free(f);
	free(ids);
	db_close(w.db);
}

TEST(test_pivot_names_an_unknown_field)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot6.db") == 0);
	s.rows[0] = "colour";
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "\"colour\"") != NULL);
	CHECK(r == NULL);
	s.rows[0] = "company.colour";
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "\"colour\"") != NULL);
	s.rows[0] = "category";
	s.measure_field = "document";
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "\"category\"") != NULL);
	db_close(w.db);
}

static void
set_category(struct db *db, int64_t id, const char *cat)
{
	struct company c;
	struct so_err err = { 0 };

	CHECK_INT(store_company_get(db, id, &c, &err), SO_OK);
	free(c.category);
	c.category = xstrdup(cat);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	store_company_clear(&c);
}

static struct pivot_result *
categories_on(struct db *db, const char *on)
{
	struct pivot_spec s = { 0 };
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	s.entity = "company";
	s.rows[0] = "category";
	s.nrows = 1;
	s.cols = "status";
	s.on = on;
	if (pivot_run(db, &s, FIXTURE_NOW, &r, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "pivot: %s", err.msg);
	return r;
}

TEST(test_pivot_on_a_date_takes_the_values_of_that_day)
{
	struct db *db = fixture_open("pivot7.db");
	struct pivot_result *r;
	struct so_err err = { 0 };
	int64_t a, b, g;

	REQUIRE(db != NULL);
	db_set_now(db, fixture_moment("2026-11-01 10:00"));
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Альфа", .category = "VIP" });
	b = fixture_add_company(db, &(struct fixture_company){
	    .name = "Бета", .category = "VIP" });
	g = fixture_add_company(db, &(struct fixture_company){
	    .name = "Гамма" });
	db_set_now(db, fixture_moment("2026-11-10 10:00"));
	set_category(db, b, "Опт");
	set_category(db, g, "Опт");
	db_set_now(db, fixture_moment("2026-11-12 10:00"));
	fixture_add_company(db, &(struct fixture_company){ .name = "Дельта",
	    .category = "VIP" });
	db_set_now(db, fixture_moment("2026-11-15 10:00"));
	CHECK_INT(store_company_delete(db, a, &err), SO_OK);
	db_set_now(db, FIXTURE_NOW);

	r = categories_on(db, "2026-11-05");
	REQUIRE(r != NULL && r->nlines == 2);
	CHECK_STR(r->lines[0].labels[0], "VIP");
	CELL(r, &r->lines[0].total, "2");
	CHECK_STR(r->lines[1].keys[0], "");
	CELL(r, &r->lines[1].total, "1");
	CHECK_STR(r->on, "2026-11-05");
	pivot_result_free(r);

	r = categories_on(db, "2026-11-12");
	REQUIRE(r != NULL && r->nlines == 2);
	CHECK_STR(r->lines[0].labels[0], "VIP");	/* Альфа, Дельта */
	CELL(r, &r->lines[0].total, "2");
	CHECK_STR(r->lines[1].labels[0], "Опт");
	CELL(r, &r->lines[1].total, "2");
	pivot_result_free(r);

	r = categories_on(db, NULL);
	REQUIRE(r != NULL && r->nlines == 2);
	CHECK_STR(r->lines[0].labels[0], "VIP");	/* Дельта */
	CELL(r, &r->lines[0].total, "1");
	CHECK_STR(r->lines[1].labels[0], "Опт");
	CELL(r, &r->lines[1].total, "2");
	pivot_result_free(r);
	db_close(db);
}

TEST(test_pivot_a_manager_pivots_only_their_own)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };

	REQUIRE(sales_world(&w, "pivot8.db") == 0);
	CHECK_INT(db_login(w.db, "bob", &err), SO_OK);
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	REQUIRE(r != NULL);
	CELL(r, &r->total, "400.00");		/* P3 and P5, Бета's */
	pivot_result_free(r);
	db_close(w.db);
}

TEST(test_pivot_saved_pivots_round_trip_and_are_the_author_s)
{
	struct sales w;
	struct pivot_spec s = by_category_month();
	struct pivot_saved v, *list;
	struct so_err err = { 0 };
	size_t n;

	REQUIRE(sales_world(&w, "pivot9.db") == 0);
	s.rows[1] = "manager";
	s.nrows = 2;
	s.filter = "amount>=100";
	CHECK_INT(pivot_save(w.db, "VIP по месяцам", &s, &err), SO_OK);
	CHECK_INT(pivot_load(w.db, "VIP по месяцам", &v, &err), SO_OK);
	CHECK_STR(v.spec.entity, "payment");
	CHECK_INT(v.spec.nrows, 2);
	CHECK_STR(v.spec.rows[0], "company.category");
	CHECK_STR(v.spec.rows[1], "manager");
	CHECK_INT(v.spec.period, PIVOT_MONTH);
	CHECK_INT(v.spec.measure, PIVOT_SUM);
	CHECK_STR(v.spec.measure_field, "amount");
	CHECK_STR(v.spec.filter, "amount>=100");
	CHECK_STR(v.spec.from, "2026-09-01");
	CHECK(v.spec.on == NULL);
	CHECK_STR(v.author, "anna");
	pivot_saved_clear(&v);
	CHECK_INT(pivot_list(w.db, &list, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	pivot_saved_free(list, n);
	/* bob, a manager, may run it but not replace or delete it */
	CHECK_INT(db_login(w.db, "bob", &err), SO_OK);
	CHECK_INT(pivot_delete(w.db, "VIP по месяцам", &err), SO_EPERM);
	CHECK_INT(pivot_save(w.db, "VIP по месяцам", &s, &err), SO_EPERM);
	CHECK_INT(pivot_delete(w.db, "нет такой", &err), SO_ENOTFOUND);
	CHECK_INT(db_login(w.db, "anna", &err), SO_OK);
	CHECK_INT(pivot_delete(w.db, "VIP по месяцам", &err), SO_OK);
	CHECK_INT(pivot_load(w.db, "VIP по месяцам", &v, &err),
	    SO_ENOTFOUND);
	db_close(w.db);
}

TEST(test_pivot_a_year_of_payments_by_month_reads_the_date_index)
{
	struct sales w;
	struct pivot_spec s = { 0 };
	struct pivot_result *r = NULL;
	struct so_err err = { 0 };
	char *plans;

	REQUIRE(sales_world(&w, "pivot10.db") == 0);
	s.entity = "payment";
	s.rows[0] = "manager";
	s.nrows = 1;
	s.period = PIVOT_MONTH;
	s.measure = PIVOT_SUM;
	s.measure_field = "amount";
	s.from = "2025-11-24";
	s.to = "2026-11-23";
	fixture_plans_begin(w.db);
	CHECK_INT(pivot_run(w.db, &s, FIXTURE_NOW, &r, &err), SO_OK);
	plans = fixture_plans_end(w.db);
	/* payments_paid_on or its covering twin, on the window only */
	CHECK_PLAN(plans, "SEARCH t USING COVERING INDEX payments_");
	CHECK_PLAN(plans, " (paid_on>? AND paid_on<?)");
	CHECK_NO_SCAN(plans, "t");
	CHECK_NO_SCAN(plans, "a");
	free(plans);
	REQUIRE(r != NULL);
	CHECK_INT(r->ncols, 13);
	CELL(r, &r->total, "3099.00");	/* P6 of June too */
	pivot_result_free(r);
	db_close(w.db);
}
