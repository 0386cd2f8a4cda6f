/*
 * The ABC/VIP report by the 20/80 rule (store/report_abc.h,
 * report/report.h) on a hand-computed example, and the team's abc.vip,
 * which makes rank A set the category VIP (audited) that the key-client
 * report reads.
 *
 * September 2026, six live companies (whole rubles):
 *
 *	P0  1000 goods, 5 units
 *	P1   600 services
 *	P2   600 goods, 30 units
 *	P3   300 goods, 1 unit; a refund of 100 (net 200, spent 100)
 *	P4   100 services + 100 goods, 2 units (two payments, net 200)
 *	P5    50 goods, units not said
 *
 * By sum, n = 6: A is place <= ceil(6/5) = 2, B place <= ceil(12/5) = 3.
 * Places 1, 2, 2, 4, 4, 6: P0, P1 and P2 are A (the tie at the 20 %
 * boundary takes three), nobody is B (place 3 is taken by the tie),
 * P3, P4, P5 are C.  Invoices paid: 7 (the refund is none); the money
 * 2650, A's 2200: 83.0 %.  The bottom 20 %: the last ceil(6/5) = 2
 * places are P4 and P5, and P3 ties with P4: three.
 *
 * By count: P4 made two payments (place 1), the rest one each (place
 * 2, <= 2): all six are A, and no one is left for the bottom.
 * By units: P2 30, P0 5, P4 2, P3 1 (P1 and P5 shipped none): n = 4,
 * A P2, B P0, C P4 and P3.  By services: P1 600, P4 100: n = 2, A P1,
 * B is place <= ceil(4/5) = 1, so P4 is C.
 *
 * October: P5 alone pays 70, so it is A.  The window of two months
 * to October: P5 has 120 and is C; P0 has no rank in October alone but
 * is A in the window (a steady VIP who skipped a month).
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "doc/doc.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/report_abc.h"
#include "store/report_keyclients.h"
#include "store/sales.h"
#include "store/settings.h"
#include "store/users.h"

struct world {
	struct db	*db;
	int64_t		 p[6];
};

static void
pay(struct db *db, int64_t company, const char *on, int64_t rubles,
    const char *kind, int64_t units)
{
	struct payment p;
	struct so_err err;

	store_payment_init(&p);
	p.company_id = company;
	p.amount = rubles * 100;
	p.paid_on = xstrdup(on);
	free(p.kind);
	p.kind = xstrdup(kind);
	p.units = units;
	if (store_payment_create(db, &p, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "payment: %s", err.msg);
	store_payment_clear(&p);
}

static int
world(struct world *w, const char *file)
{
	struct company c;
	struct so_err err;
	char name[8];
	int i;

	if ((w->db = fixture_open(file)) == NULL)
		return -1;
	for (i = 0; i < 6; i++) {
		store_company_init(&c);
		snprintf(name, sizeof(name), "P%d", i);
		c.name = xstrdup(name);
		if (store_company_create(w->db, &c, &err) != SO_OK)
			return -1;
		w->p[i] = c.meta.id;
		store_company_clear(&c);
	}
	pay(w->db, w->p[0], "2026-09-01", 1000, "goods", 5);
	pay(w->db, w->p[1], "2026-09-02", 600, "services", SO_NULL);
	pay(w->db, w->p[2], "2026-09-30", 600, "goods", 30);
	pay(w->db, w->p[3], "2026-09-03", 300, "goods", 1);
	pay(w->db, w->p[3], "2026-09-04", -100, "goods", SO_NULL);
	pay(w->db, w->p[4], "2026-09-05", 100, "services", SO_NULL);
	pay(w->db, w->p[4], "2026-09-06", 100, "goods", 2);
	pay(w->db, w->p[5], "2026-09-07", 50, "goods", SO_NULL);
	pay(w->db, w->p[5], "2026-10-07", 70, "goods", SO_NULL);
	return 0;
}

/* "P0A P1A ..." of a window: names and ranks, best first. */
static char *
ranks(const struct abc_window *win)
{
	struct strbuf b = { 0 };
	size_t i;

	for (i = 0; i < win->nrows; i++)
		sb_printf(&b, "%s%s%c", i ? " " : "", win->rows[i].name,
		    win->rows[i].rank);
	return sb_steal(&b);
}

#define CHECK_RANKS(db, by, month, n, want) do {			\
	struct abc_window win_;						\
	struct so_err e_;						\
	char *s_;							\
	CHECK_INT(abc_rank_window((db), (by), (month), (n), &win_, &e_), \
	    SO_OK);							\
	s_ = ranks(&win_);						\
	CHECK_STR(s_ ? s_ : "", (want));				\
	free(s_);							\
	abc_window_free(&win_);						\
} while (0)

TEST(test_abc_window_by_sum_ties_at_the_boundary_take_a)
{
	struct world w;
	struct abc_window win;
	struct so_err err;
	size_t b;

	REQUIRE(world(&w, "abc_sum.db") == 0);
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-09", 1, &win, &err),
	    SO_OK);
	CHECK_STR(win.first, "2026-09");
	CHECK_INT(win.companies, 6);
	CHECK_INT(win.invoices, 7);
	CHECK_INT(win.top, 3);
	CHECK_INT(win.money, 265000);
	CHECK_INT(win.top_money, 220000);
	REQUIRE(win.nrows == 6);
	CHECK_STR(win.rows[1].name, "P1");
	CHECK_INT(win.rows[2].place, 2);
	CHECK_INT(win.rows[3].place, 4);
	CHECK_STR(win.rows[3].name, "P3");
	CHECK_INT(win.rows[3].paid, 30000);
	CHECK_INT(win.rows[3].spent, 10000);
	CHECK_INT(win.rows[4].payments, 2);
	/* the bottom 20 %: two places, and P3 tied with the first */
	b = abc_bottom(&win);
	CHECK_INT((long long)b, 3);
	abc_window_free(&win);
	CHECK_RANKS(w.db, ABC_BY_SUM, "2026-09", 1, "P0A P1A P2A P3C P4C P5C");
	db_close(w.db);
}

TEST(test_abc_window_count_units_services)
{
	struct world w;
	struct abc_window win;
	struct so_err err;

	REQUIRE(world(&w, "abc_by.db") == 0);
	/* count against sum: the ranking is another */
	CHECK_RANKS(w.db, ABC_BY_COUNT, "2026-09", 1,
	    "P4A P0A P1A P2A P3A P5A");
	CHECK_INT(abc_rank_window(w.db, ABC_BY_COUNT, "2026-09", 1, &win,
	    &err), SO_OK);
	CHECK_INT((long long)abc_bottom(&win), 6);
	CHECK_INT(win.rows[0].value, 2);
	abc_window_free(&win);
	CHECK_RANKS(w.db, ABC_BY_UNITS, "2026-09", 1, "P2A P0B P4C P3C");
	CHECK_RANKS(w.db, ABC_BY_SERVICES, "2026-09", 1, "P1A P4C");
	CHECK_INT(abc_by_parse("units"), ABC_BY_UNITS);
	CHECK_INT(abc_by_parse("money"), -1);
	db_close(w.db);
}

TEST(test_abc_window_one_payer_and_rolling)
{
	struct world w;
	struct abc_window win;
	struct so_err err;

	REQUIRE(world(&w, "abc_roll.db") == 0);
	/* a month with one payer: it is A, and the bottom is empty */
	CHECK_RANKS(w.db, ABC_BY_SUM, "2026-10", 1, "P5A");
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-10", 1, &win, &err),
	    SO_OK);
	CHECK_INT((long long)abc_bottom(&win), 1);
	abc_window_free(&win);
	/* two months to October: P0 keeps its A, P5 is C */
	CHECK_RANKS(w.db, ABC_BY_SUM, "2026-10", 2, "P0A P1A P2A P3C P4C P5C");
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-10", 2, &win, &err),
	    SO_OK);
	CHECK_STR(win.first, "2026-09");
	CHECK_INT(win.rows[5].value, 12000);
	abc_window_free(&win);
	/* across a year: January's window of three starts in November */
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2027-01", 3, &win, &err),
	    SO_OK);
	CHECK_STR(win.first, "2026-11");
	CHECK_INT(win.companies, 0);
	abc_window_free(&win);
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-10", 25, &win, &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "months");
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-13", 1, &win, &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "month");
	db_close(w.db);
}

TEST(test_abc_window_is_the_heads)
{
	struct world w;
	struct abc_window win;
	struct doc d;
	struct so_err err;

	REQUIRE(world(&w, "abc_acl.db") == 0);
	fixture_user(w.db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(abc_rank_window(w.db, ABC_BY_SUM, "2026-09", 1, &win, &err),
	    SO_EPERM);
	CHECK_INT(report_abc_doc(w.db, ABC_BY_SUM, 1, "2026-09", ABC_DOC_ALL,
	    FIXTURE_NOW, &d, &err), SO_EPERM);
	db_close(w.db);
}

static const char *
cell(const struct doc *d, int table, size_t row, size_t col)
{
	struct doc_table *t = fixture_doc_table(d, table);

	if (t == NULL || row >= t->nrows || col >= t->ncols)
		return "(none)";
	return t->rows[row].cells[col];
}

TEST(test_abc_report_tables)
{
	struct world w;
	struct doc d;
	struct so_err err;

	REQUIRE(world(&w, "abc_doc.db") == 0);
	REQUIRE(report_abc_doc(w.db, ABC_BY_SUM, 1, "2026-10", ABC_DOC_ALL,
	    FIXTURE_NOW, &d, &err) == SO_OK);
	CHECK_STR(d.period, "2026-05-01 - 2026-10-31");
	/* month by month: May to October, September's and October's */
	CHECK_INT((long long)fixture_doc_table(&d, 0)->nrows, 6);
	CHECK_STR(cell(&d, 0, 4, 0), "2026-09");
	CHECK_STR(cell(&d, 0, 4, 1), "7");
	CHECK_STR(cell(&d, 0, 4, 2), "6");
	CHECK_STR(cell(&d, 0, 4, 3), "3");
	CHECK_STR(cell(&d, 0, 4, 4), "2 200.00");
	CHECK_STR(cell(&d, 0, 4, 5), "83.0 %");
	CHECK_STR(cell(&d, 0, 5, 3), "1");
	CHECK_STR(cell(&d, 0, 5, 5), "100.0 %");
	CHECK_STR(cell(&d, 0, 0, 5), "");
	/* October's VIP: P5, paid 70 */
	CHECK_INT((long long)fixture_doc_table(&d, 1)->nrows, 1);
	CHECK_STR(cell(&d, 1, 0, 1), "P5");
	CHECK_STR(cell(&d, 1, 0, 2), "70.00");
	CHECK_STR(cell(&d, 1, 0, 3), "0.00");
	/* the half-year: P0, P1, P2 A in September, P5 in October; one
	 * month each, by name */
	CHECK_INT((long long)fixture_doc_table(&d, 2)->nrows, 4);
	CHECK_STR(cell(&d, 2, 0, 1), "P0");
	CHECK_STR(cell(&d, 2, 0, 6), "A");
	CHECK_STR(cell(&d, 2, 0, 7), "");
	CHECK_STR(cell(&d, 2, 3, 1), "P5");
	CHECK_STR(cell(&d, 2, 3, 6), "C");
	CHECK_STR(cell(&d, 2, 3, 7), "A");
	CHECK_STR(cell(&d, 2, 3, 8), "1");
	/* October has one payer, of rank A: no bottom table */
	CHECK(fixture_doc_table(&d, 3) == NULL);
	doc_free(&d);
	/* the bottom of September by sum, with its refund as spent */
	REQUIRE(report_abc_doc(w.db, ABC_BY_SUM, 1, "2026-09",
	    ABC_DOC_BOTTOM, FIXTURE_NOW, &d, &err) == SO_OK);
	CHECK_INT((long long)fixture_doc_table(&d, 0)->nrows, 3);
	CHECK_STR(cell(&d, 0, 0, 1), "P3");
	CHECK_STR(cell(&d, 0, 0, 3), "100.00");
	CHECK_STR(cell(&d, 0, 2, 1), "P5");
	CHECK(fixture_doc_table(&d, 1) == NULL);
	doc_free(&d);
	/* by units: the criterion's column */
	REQUIRE(report_abc_doc(w.db, ABC_BY_UNITS, 1, "2026-09",
	    ABC_DOC_ALL, FIXTURE_NOW, &d, &err) == SO_OK);
	CHECK_STR(fixture_doc_table(&d, 1)->cols[4].label, "Units");
	CHECK_STR(cell(&d, 1, 0, 4), "30");
	doc_free(&d);
	db_close(w.db);
}

TEST(test_abc_vip_follows_rank_a_audited_and_key_clients_read_it)
{
	struct world w;
	struct company c;
	struct rep_key *k;
	struct so_err err;
	size_t n;

	REQUIRE(world(&w, "abc_vip.db") == 0);
	/* P5 made VIP by hand, P3 missing nothing: off by default */
	REQUIRE(store_company_get(w.db, w.p[5], &c, &err) == SO_OK);
	free(c.category);
	c.category = xstrdup("VIP");
	REQUIRE(store_company_update(w.db, &c, &err) == SO_OK);
	store_company_clear(&c);
	CHECK_INT(abc_compute(w.db, "2026-09", NULL, &err), SO_OK);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM companies WHERE "
	    "category = 'VIP'"), 1);
	/* a manager may not turn it on; the head (anna) may; nonsense
	 * is refused */
	fixture_user(w.db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "abc.vip", "on", 1, &err), SO_EPERM);
	REQUIRE(db_login(w.db, "anna", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "abc.vip", "maybe", 1, &err),
	    SO_EINVAL);
	CHECK_INT(settings_abc_vip(w.db), 0);
	CHECK_INT(settings_set_text(w.db, "abc.vip", "on", 1, &err), SO_OK);
	CHECK_INT(settings_abc_vip(w.db), 1);
	CHECK_INT(abc_compute(w.db, "2026-09", NULL, &err), SO_OK);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM companies WHERE "
	    "category = 'VIP' AND name IN ('P0', 'P1', 'P2')"), 3);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM companies WHERE "
	    "category = 'regular' AND name = 'P5'"), 1);
	/* each change in the audit log, by the record engine */
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND field = 'category' AND action = 'update' "
	    "AND new_value = 'VIP'"), 4);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND field = 'category' AND old_value = 'VIP' "
	    "AND new_value = 'regular'"), 1);
	/* the key-client report reads them */
	CHECK_INT(rep_keyclients_load(w.db, 0, FIXTURE_NOW, &k, &n, &err),
	    SO_OK);
	CHECK_INT((long long)n, 3);
	if (n == 3)
		CHECK_STR(k[0].company, "P0");
	rep_keyclients_free(k, n);
	/* October: P5 alone is A; the others lose VIP */
	CHECK_INT(abc_compute(w.db, "2026-10", NULL, &err), SO_OK);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM companies WHERE "
	    "category = 'VIP'"), 1);
	CHECK_INT(fixture_int(w.db, "SELECT id FROM companies WHERE "
	    "category = 'VIP'"), w.p[5]);
	/* again: nothing left to change, nothing audited */
	{
		long long before = fixture_int(w.db, "SELECT count(*) FROM "
		    "audit_log");

		CHECK_INT(abc_compute(w.db, "2026-10", NULL, &err), SO_OK);
		CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log"),
		    before);
	}
	db_close(w.db);
}

/* "P0A P1B ...": the stored abc of the six companies, '-' for none. */
static char *
stored(struct world *w)
{
	struct strbuf b = { 0 };
	char sql[128];
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(sql, sizeof(sql), "SELECT unicode(coalesce(nullif("
		    "abc, ''), '-')) FROM companies WHERE id = %lld",
		    (long long)w->p[i]);
		sb_printf(&b, "%sP%d%c", i ? " " : "", i,
		    (char)fixture_int(w->db, sql));
	}
	return sb_steal(&b);
}

#define CHECK_STORED(w, want) do {					\
	char *s_ = stored(w);						\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

/*
 * The stored ranks by the team's abc.months.  Now is November 2026, so
 * the recompute ranks September and October.  By default (sum over one
 * month) October has P5 alone: P0, a steady VIP who skipped it, has no
 * rank.  With abc.months 3, October's window (August to October) is
 * September and October: P0 1000, P1 600, P2 600, P3 200, P4 200, P5
 * 120 -- n = 6, A to place 2 (P0, and P1 and P2 tied), B to place 3
 * (nobody), C the rest; P0 keeps its A, and its rank's total is the
 * window's money.
 */
TEST(test_abc_stored_ranks_over_a_window_of_months)
{
	struct world w;
	struct so_err err;
	int64_t ranked;
	int months, by;

	REQUIRE(world(&w, "abc_store_window.db") == 0);
	settings_abc_rule(w.db, &by, &months);
	CHECK_INT(by, ABC_BY_SUM);
	CHECK_INT(months, 1);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 2);
	CHECK_INT(ranked, 7);
	CHECK_STORED(&w, "P0- P1- P2- P3- P4- P5A");
	CHECK_INT(settings_set_text(w.db, "abc.months", "3", 1, &err), SO_OK);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 2);
	CHECK_INT(ranked, 12);
	CHECK_STORED(&w, "P0A P1A P2A P3C P4C P5C");
	CHECK_INT(fixture_int(w.db, "SELECT total FROM company_ranks WHERE "
	    "month = '2026-10' AND company_id = (SELECT id FROM companies "
	    "WHERE name = 'P0')"), 100000);
	CHECK_INT(fixture_int(w.db, "SELECT total FROM company_ranks WHERE "
	    "month = '2026-10' AND company_id = (SELECT id FROM companies "
	    "WHERE name = 'P5')"), 12000);
	/* the month ranked by name reads the same window */
	CHECK_INT(abc_compute(w.db, "2026-10", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 6);
	CHECK_STORED(&w, "P0A P1A P2A P3C P4C P5C");
	/* back to the default: October is P5's alone again */
	CHECK_INT(settings_set_text(w.db, "abc.months", "", 1, &err), SO_OK);
	CHECK_INT(abc_compute(w.db, "2026-10", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 1);
	CHECK_STORED(&w, "P0- P1- P2- P3- P4- P5A");
	db_close(w.db);
}

/*
 * By count.  September alone: every company one payment above zero
 * but P4 two -- all six within place 2, all A.  Over three months to
 * October: P4 and P5 two payments each (place 1), the rest one (place
 * 3): A to place 2, B to place 3, so P4 and P5 A, the rest B.
 */
TEST(test_abc_stored_ranks_by_count)
{
	struct world w;
	struct so_err err;
	int64_t ranked;
	int months;

	REQUIRE(world(&w, "abc_store_count.db") == 0);
	CHECK_INT(settings_set_text(w.db, "abc.by", "count", 1, &err), SO_OK);
	CHECK_INT(abc_compute(w.db, "2026-09", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 6);
	CHECK_STORED(&w, "P0A P1A P2A P3A P4A P5A");
	CHECK_INT(settings_set_text(w.db, "abc.months", "3", 1, &err), SO_OK);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_STORED(&w, "P0B P1B P2B P3B P4A P5A");
	/* P5's October total: its money of the window, 50 + 70 */
	CHECK_INT(fixture_int(w.db, "SELECT total FROM company_ranks WHERE "
	    "month = '2026-10' AND rank = 'A' AND company_id = (SELECT id "
	    "FROM companies WHERE name = 'P5')"), 12000);
	db_close(w.db);
}

/* The settings: a head's or an admin's, and checked, naming the value. */
TEST(test_abc_rule_settings_checked)
{
	struct world w;
	struct so_err err;
	int by, months, i;

	REQUIRE(world(&w, "abc_store_settings.db") == 0);
	CHECK_INT(settings_set_text(w.db, "abc.months", "25", 1, &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "abc.months");
	CHECK(strstr(err.msg, "\"25\"") != NULL);
	CHECK_INT(settings_set_text(w.db, "abc.months", "0", 1, &err),
	    SO_EINVAL);
	CHECK_INT(settings_set_text(w.db, "abc.months", "3x", 1, &err),
	    SO_EINVAL);
	CHECK_INT(settings_set_text(w.db, "abc.by", "money", 1, &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "abc.by");
	CHECK(strstr(err.msg, "\"money\"") != NULL);
	/* settings.c's words are enum abc_by's, in its order */
	for (i = ABC_BY_SUM; i <= ABC_BY_SERVICES; i++) {
		CHECK_INT(settings_set_text(w.db, "abc.by",
		    abc_by_name((enum abc_by)i), 1, &err), SO_OK);
		settings_abc_rule(w.db, &by, &months);
		CHECK_INT(by, i);
	}
	CHECK_INT(settings_set_text(w.db, "abc.by", "units", 1, &err), SO_OK);
	CHECK_INT(settings_set_text(w.db, "abc.months", "24", 1, &err), SO_OK);
	settings_abc_rule(w.db, &by, &months);
	CHECK_INT(by, ABC_BY_UNITS);
	CHECK_INT(months, 24);
	fixture_user(w.db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "abc.months", "2", 1, &err),
	    SO_EPERM);
	CHECK_INT(settings_set_text(w.db, "abc.by", "sum", 0, &err), SO_EPERM);
	db_close(w.db);
}

/*
 * The report from the registry (salesorg report abc, the Reports
 * screen): the month the period ends in, the query's criterion and
 * window over the team's, a manager refused.  October over two months:
 * the VIP are P0, P1 and P2 (see the top); by the team's abc.by count
 * over October alone, P5 (one payer) is A.
 */
TEST(test_abc_report_from_the_registry)
{
	const struct report_desc *r = report_find("abc");
	struct report_query q;
	struct world w;
	struct doc d;
	struct so_err err;

	REQUIRE(r != NULL);
	REQUIRE(world(&w, "abc_registry.db") == 0);
	memset(&q, 0, sizeof(q));
	snprintf(q.from, sizeof(q.from), "2026-10-01");
	snprintf(q.to, sizeof(q.to), "2026-10-31");
	q.now = FIXTURE_NOW;
	q.abc_months = 2;
	REQUIRE(r->build(w.db, &q, &d, &err) == SO_OK);
	CHECK(d.landscape);
	CHECK_STR(d.period, "2026-04-01 - 2026-10-31");
	CHECK_INT((long long)fixture_doc_table(&d, 1)->nrows, 3);
	CHECK_STR(cell(&d, 1, 0, 1), "P0");
	doc_free(&d);
	/* the team's criterion; the query's window back to the team's */
	CHECK_INT(settings_set_text(w.db, "abc.by", "count", 1, &err), SO_OK);
	q.abc_months = 0;
	REQUIRE(r->build(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(fixture_doc_table(&d, 1)->cols[4].label, "Payments");
	CHECK_STR(cell(&d, 1, 0, 1), "P5");
	doc_free(&d);
	/* the query's criterion over the team's: units */
	q.abc_by = 1 + ABC_BY_UNITS;
	q.abc_bottom = 1;
	snprintf(q.to, sizeof(q.to), "2026-09-30");
	REQUIRE(r->build(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(fixture_doc_table(&d, 0)->cols[4].label, "Units");
	CHECK(fixture_doc_table(&d, 1) == NULL);
	doc_free(&d);
	fixture_user(w.db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(r->build(w.db, &q, &d, &err), SO_EPERM);
	db_close(w.db);
}
