/*
 * The sales layer: ABC ranks by the 20/80 rule on a hand-computed
 * example (a tie at the boundary, a month with one payer, trashed
 * payments and companies left out), companies.abc following the latest
 * month with audit rows, recompute idempotent, abc_auto once per closed
 * month; the company's automatic moves along the sales path; programs
 * and their members; former employees.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/group.h"
#include "store/lookup.h"
#include "store/sales.h"

static int64_t
company(struct db *db, const char *name, const char *status)
{
	struct company c;
	struct so_err err;
	int64_t id;

	store_company_init(&c);
	c.name = xstrdup(name);
	if (status) {
		free(c.status);
		c.status = xstrdup(status);
	}
	if (store_company_create(db, &c, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "company: %s", err.msg);
	id = c.meta.id;
	store_company_clear(&c);
	return id;
}

/* A payment of rubles (whole) on date; returns its id. */
static int64_t
pay(struct db *db, int64_t company_id, const char *date, int64_t rubles)
{
	struct payment p;
	struct so_err err;
	int64_t id;

	store_payment_init(&p);
	p.company_id = company_id;
	p.amount = rubles * 100;
	p.paid_on = xstrdup(date);
	if (store_payment_create(db, &p, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "payment: %s", err.msg);
	id = p.meta.id;
	store_payment_clear(&p);
	return id;
}

/* The company's abc, or its rank in month (from company_ranks). */
static char *
abc_of(struct db *db, int64_t id, const char *month)
{
	sqlite3_stmt *st;
	char *r = NULL;

	if (month)
		sqlite3_prepare_v2(db_sqlite(db), "SELECT rank FROM "
		    "company_ranks WHERE company_id = ?1 AND month = ?2", -1,
		    &st, NULL);
	else
		sqlite3_prepare_v2(db_sqlite(db), "SELECT abc FROM companies "
		    "WHERE id = ?1", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, id);
	if (month)
		sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r ? r : xstrdup("-");
}

#define CHECK_RANK(db, id, month, want) do {				\
	char *r_ = abc_of((db), (id), (month));				\
	CHECK_STR(r_, (want));						\
	free(r_);							\
} while (0)

static long long
count_sql(struct db *db, const char *fmt, int64_t a)
{
	char *sql = xasprintf(fmt, a);
	long long n = fixture_int(db, sql);

	free(sql);
	return n;
}

/*
 * The example, by hand.  September: ten live companies pay 1000, 900,
 * 900, 800, 700, 600, 500, 400, 300 and 100 + 100 (two payments).  n =
 * 10, so A is place <= ceil(10/5) = 2, B place <= ceil(20/5) = 4.
 * Places: 1, 2, 2 (the tie), 4, 5 ... so c[0..2] are A (the tie at the
 * boundary takes both), c[3] B, c[4..9] C.  Left out: a trashed payment
 * of 5000 from c[9], a trashed company paying 9000, and a company whose
 * refund cancels its payment (0 in all).  October: only c[4] pays: A.
 */
struct world {
	struct db	*db;
	int64_t		 c[10], gone, refund;
};

static int
world(struct world *w)
{
	static const int64_t sept[10] = { 1000, 900, 900, 800, 700, 600, 500,
	    400, 300, 100 };
	struct so_err err;
	char name[32];
	int i;

	if ((w->db = fixture_open("sales.db")) == NULL)
		return -1;
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "Company %d", i);
		w->c[i] = company(w->db, name, NULL);
		pay(w->db, w->c[i], i % 2 ? "2026-09-01" : "2026-09-30",
		    sept[i]);
	}
	pay(w->db, w->c[9], "2026-09-15", 100);
	if (store_payment_delete(w->db, pay(w->db, w->c[9], "2026-09-10",
	    5000), &err) != SO_OK)
		return -1;
	w->gone = company(w->db, "Gone", NULL);
	pay(w->db, w->gone, "2026-09-10", 9000);
	if (store_company_delete(w->db, w->gone, &err) != SO_OK)
		return -1;
	w->refund = company(w->db, "Refund", NULL);
	pay(w->db, w->refund, "2026-09-11", 2000);
	pay(w->db, w->refund, "2026-09-12", -2000);
	pay(w->db, w->c[4], "2026-10-05", 10);
	return 0;
}

static void
check_september(struct world *w)
{
	static const char *const want[10] = { "A", "A", "A", "B", "C", "C",
	    "C", "C", "C", "C" };
	int i;

	for (i = 0; i < 10; i++)
		CHECK_RANK(w->db, w->c[i], "2026-09", want[i]);
	CHECK_RANK(w->db, w->gone, "2026-09", "-");
	CHECK_RANK(w->db, w->refund, "2026-09", "-");
}

TEST(test_abc_ranks_a_month_by_the_20_80_rule_ties_take_the_higher)
{
	struct world w;
	struct so_err err;
	int64_t ranked;

	REQUIRE(world(&w) == 0);
	CHECK_INT(abc_compute(w.db, "2026-09", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 10);
	check_september(&w);
	CHECK_INT(fixture_int(w.db, "SELECT total FROM company_ranks WHERE "
	    "month = '2026-09' ORDER BY total LIMIT 1"), 20000);
	CHECK_INT(fixture_int(w.db, "SELECT companies FROM abc_months WHERE "
	    "month = '2026-09'"), 10);
	/* the only payer of a month is A */
	CHECK_INT(abc_compute(w.db, "2026-10", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 1);
	CHECK_RANK(w.db, w.c[4], "2026-10", "A");
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM company_ranks WHERE "
	    "month = '2026-10'"), 1);
	/* a month without payments is not a computed month */
	CHECK_INT(abc_compute(w.db, "2026-12", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 0);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM abc_months"), 2);
	CHECK_INT(abc_compute(w.db, "2026-13", &ranked, &err), SO_EINVAL);
	CHECK_STR(err.field, "month");
	CHECK_INT(abc_compute(w.db, "2026-9", &ranked, &err), SO_EINVAL);
	db_close(w.db);
}

TEST(test_abc_company_follows_the_latest_month_with_audit_rows)
{
	struct world w;
	struct so_err err;
	int64_t v0, v4;
	int i;

	REQUIRE(world(&w) == 0);
	v0 = fixture_int(w.db, "SELECT version FROM companies WHERE name = "
	    "'Company 0'");
	v4 = fixture_int(w.db, "SELECT version FROM companies WHERE name = "
	    "'Company 4'");
	CHECK_INT(abc_compute(w.db, "2026-09", NULL, &err), SO_OK);
	CHECK_RANK(w.db, w.c[0], NULL, "A");
	CHECK_RANK(w.db, w.c[2], NULL, "A");
	CHECK_RANK(w.db, w.c[3], NULL, "B");
	CHECK_RANK(w.db, w.c[9], NULL, "C");
	CHECK_RANK(w.db, w.refund, NULL, "");
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND field = 'abc' AND action = 'update' AND "
	    "old_value IS NULL"), 10);
	CHECK_INT(count_sql(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "record_id = %" PRId64 " AND field = 'abc' AND new_value = 'B' "
	    "AND user_id IS NOT NULL", w.c[3]), 1);
	CHECK_INT(fixture_int(w.db, "SELECT version FROM companies WHERE "
	    "name = 'Company 0'"), v0 + 1);
	CHECK_INT(fixture_int(w.db, "SELECT updated_at FROM companies WHERE "
	    "name = 'Company 0'"), FIXTURE_NOW);

	/* October is later: it decides; nine lose their rank, c[4] is A */
	CHECK_INT(abc_compute(w.db, "2026-10", NULL, &err), SO_OK);
	for (i = 0; i < 10; i++)
		CHECK_RANK(w.db, w.c[i], NULL, i == 4 ? "A" : "");
	CHECK_INT(count_sql(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "record_id = %" PRId64 " AND field = 'abc' AND old_value = 'C' "
	    "AND new_value = 'A'", w.c[4]), 1);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "field = 'abc' AND new_value IS NULL"), 9);
	CHECK_INT(fixture_int(w.db, "SELECT version FROM companies WHERE "
	    "name = 'Company 4'"), v4 + 2);

	/* September again is not the latest: the companies stay */
	CHECK_INT(abc_compute(w.db, "2026-09", NULL, &err), SO_OK);
	CHECK_RANK(w.db, w.c[0], NULL, "");
	CHECK_RANK(w.db, w.c[4], NULL, "A");
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "field = 'abc'"), 20);
	db_close(w.db);
}

TEST(test_abc_recompute_is_idempotent_and_keeps_history)
{
	struct world w;
	struct abc_rank *h;
	struct abc_month m;
	struct so_err err;
	int64_t ranked, audit, ver;
	size_t n;
	int months;

	REQUIRE(world(&w) == 0);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 2);
	CHECK_INT(ranked, 11);
	check_september(&w);
	CHECK_RANK(w.db, w.c[4], NULL, "A");
	CHECK_RANK(w.db, w.c[0], NULL, "");
	audit = fixture_int(w.db, "SELECT count(*) FROM audit_log");
	ver = fixture_int(w.db, "SELECT sum(version) FROM companies");
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 2);
	CHECK_INT(ranked, 11);
	check_september(&w);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(fixture_int(w.db, "SELECT sum(version) FROM companies"),
	    ver);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM company_ranks"), 11);

	CHECK_INT(abc_history(w.db, w.c[4], &h, &n, &err), SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(h[0].month, "2026-09");
	CHECK_INT(h[0].rank, 'C');
	CHECK_INT(h[0].total, 70000);
	CHECK_STR(h[1].month, "2026-10");
	CHECK_INT(h[1].rank, 'A');
	free(h);

	CHECK_INT(abc_month_summary(w.db, "2026-09", &m, &err), SO_OK);
	CHECK_INT(m.count[0], 3);
	CHECK_INT(m.sum[0], 280000);
	CHECK_INT(m.count[1], 1);
	CHECK_INT(m.count[2], 6);
	CHECK_INT(m.sum[2], 270000);
	CHECK_INT(abc_month_summary(w.db, NULL, &m, &err), SO_OK);
	CHECK_STR(m.month, "2026-10");
	CHECK_INT(abc_month_summary(w.db, "2026-08", &m, &err),
	    SO_ENOTFOUND);

	/* The month under way (the fixture's November) is not ranked by a
	 * recompute, only when asked for by name. */
	pay(w.db, w.c[0], "2026-11-20", 1000000);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 2);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM company_ranks "
	    "WHERE month = '2026-11'"), 0);
	CHECK_RANK(w.db, w.c[0], NULL, "");
	CHECK_INT(abc_compute(w.db, "2026-11", &ranked, &err), SO_OK);
	CHECK_INT(ranked, 1);
	CHECK_RANK(w.db, w.c[0], NULL, "A");

	/* every payment gone: recompute leaves nobody ranked */
	CHECK_INT(db_exec(w.db, "UPDATE payments SET deleted_at = 1", NULL),
	    SO_OK);
	CHECK_INT(abc_recompute(w.db, &months, &ranked, &err), SO_OK);
	CHECK_INT(months, 0);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM companies WHERE "
	    "abc <> ''"), 0);
	db_close(w.db);
}

TEST(test_abc_filter_and_sort_by_rank)
{
	struct world w;
	struct list_query q = { .sort = -1 };
	struct filter *f = NULL;
	struct rec_list l;
	struct so_err err;
	int64_t n;

	REQUIRE(world(&w) == 0);
	CHECK_INT(abc_compute(w.db, "2026-09", NULL, &err), SO_OK);
	CHECK_INT(filter_compile(w.db, &entity_company, "abc=A", FIXTURE_NOW,
	    &f, NULL, &err), SO_OK);
	q.filter = f;
	CHECK_INT(rec_count(w.db, &entity_company, &q, &n, &err), SO_OK);
	CHECK_INT(n, 3);
	filter_free(f);
	CHECK_INT(filter_compile(w.db, &entity_company, "abc=b OR abc=c",
	    FIXTURE_NOW, &f, NULL, &err), SO_OK);
	q.filter = f;
	CHECK_INT(rec_count(w.db, &entity_company, &q, &n, &err), SO_OK);
	CHECK_INT(n, 7);
	filter_free(f);
	/* no rank: the refund company (the trashed one is not listed) */
	CHECK_INT(filter_compile(w.db, &entity_company, "abc=\"\"",
	    FIXTURE_NOW, &f, NULL, &err), SO_OK);
	q.filter = f;
	CHECK_INT(rec_count(w.db, &entity_company, &q, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	filter_free(f);
	q.filter = NULL;
	q.sort = entity_field(&entity_company, "abc");
	REQUIRE(q.sort >= 0);
	CHECK(entity_company.fields[q.sort].flags & F_READONLY);
	CHECK_INT(rec_list(w.db, &entity_company, &q, LIST_LAST, NULL, 1, &l,
	    &err), SO_OK);
	REQUIRE(l.n == 1);
	CHECK_STR(((struct company *)rec_list_at(&l, 0))->abc, "C");
	rec_list_free(&l);
	db_close(w.db);
}

TEST(test_abc_auto_computes_the_closed_month_once)
{
	struct db *db = fixture_open("auto.db");
	struct so_err err;
	int64_t a;
	int done;

	REQUIRE(db != NULL);
	a = company(db, "Ромашка", NULL);
	/* no payments last month (October): nothing to do */
	pay(db, a, "2026-11-02", 100);
	CHECK_INT(abc_auto(db, &done, &err), SO_OK);
	CHECK_INT(done, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM abc_months"), 0);
	pay(db, a, "2026-10-31", 100);
	CHECK_INT(abc_auto(db, &done, &err), SO_OK);
	CHECK_INT(done, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM abc_months WHERE "
	    "month = '2026-10'"), 1);
	CHECK_RANK(db, a, NULL, "A");
	CHECK_INT(abc_auto(db, &done, &err), SO_OK);
	CHECK_INT(done, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM abc_months"), 1);
	/* in January the closed month is last year's December */
	pay(db, a, "2026-12-10", 100);
	db_set_now(db, FIXTURE_NOW + 60 * 86400);	/* 2027-01-22 */
	CHECK_INT(abc_auto(db, &done, &err), SO_OK);
	CHECK_INT(done, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM abc_months WHERE "
	    "month = '2026-12'"), 1);
	db_close(db);
}

TEST(test_payments_year_total_counts_live_payments_of_the_year)
{
	struct db *db = fixture_open("year.db");
	struct so_err err;
	int64_t a, sum;

	REQUIRE(db != NULL);
	a = company(db, "Ромашка", NULL);
	pay(db, a, "2025-12-31", 1);
	pay(db, a, "2026-01-01", 10);
	pay(db, a, "2026-12-31", 100);
	CHECK_INT(store_payment_delete(db, pay(db, a, "2026-05-05", 1000),
	    &err), SO_OK);
	CHECK_INT(payments_year_total(db, a, 2026, &sum, &err), SO_OK);
	CHECK_INT(sum, 11000);
	CHECK_INT(payments_year_total(db, a, 2024, &sum, &err), SO_OK);
	CHECK_INT(sum, 0);
	db_close(db);
}

static char *
status_of(struct db *db, int64_t id)
{
	struct company c;
	struct so_err err;
	char *s;

	if (store_company_get(db, id, &c, &err) != SO_OK)
		return xstrdup("?");
	s = xstrdup(c.status ? c.status : "");
	store_company_clear(&c);
	return s;
}

#define CHECK_STATUS(db, id, want) do {					\
	char *s_ = status_of((db), (id));				\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

TEST(test_payments_move_the_company_forward_on_the_sales_path)
{
	struct db *db = fixture_open("path.db");
	struct so_err err;
	int64_t a, b, c, d, p;

	REQUIRE(db != NULL);
	a = company(db, "Lead", "lead");
	b = company(db, "Prospect", "prospect");
	c = company(db, "Lost", "lost");
	d = company(db, "Regular", "regular");

	pay(db, a, "2026-10-05", 100);
	CHECK_STATUS(db, a, "customer");
	CHECK_INT(count_sql(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND record_id = %" PRId64 " AND field = "
	    "'status' AND old_value = 'lead' AND new_value = 'customer'", a),
	    1);
	CHECK_INT(count_sql(db, "SELECT version FROM companies WHERE id = "
	    "%" PRId64, a), 2);
	/* the same month again: still a customer */
	pay(db, a, "2026-10-20", 100);
	CHECK_STATUS(db, a, "customer");
	/* another month: a regular customer */
	p = pay(db, a, "2026-11-02", 100);
	CHECK_STATUS(db, a, "regular");
	CHECK_INT(count_sql(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND record_id = %" PRId64 " AND field = "
	    "'status' AND old_value = 'customer' AND new_value = 'regular'",
	    a), 1);
	/* never backwards: the payment gone, the company stays regular */
	CHECK_INT(store_payment_delete(db, p, &err), SO_OK);
	CHECK_STATUS(db, a, "regular");

	pay(db, b, "2026-10-05", 100);
	CHECK_STATUS(db, b, "customer");
	pay(db, c, "2026-10-05", 100);
	CHECK_STATUS(db, c, "customer");
	pay(db, d, "2026-10-05", 100);
	CHECK_STATUS(db, d, "regular");
	CHECK_INT(count_sql(db, "SELECT count(*) FROM audit_log WHERE "
	    "record_id = %" PRId64 " AND entity = 'company' AND field = "
	    "'status'", d), 0);
	db_close(db);
}

TEST(test_programs_count_members_per_status_and_need_someone)
{
	struct db *db = fixture_open("prog.db");
	static const char *const st[] = { "invited", "confirmed", "attended",
	    "invited", "bought", "declined", "invited" };
	struct program_count *pc;
	struct program pg;
	struct program_member m;
	struct so_err err;
	int64_t a, last = 0;
	size_t n, i;

	REQUIRE(db != NULL);
	a = company(db, "Ромашка", NULL);
	store_program_init(&pg);
	pg.name = xstrdup("Семинар «Склад 2026»");
	pg.kind = xstrdup("seminar");
	pg.starts_on = xstrdup("2026-12-01");
	pg.ends_on = xstrdup("2026-11-30");
	CHECK_INT(store_program_create(db, &pg, &err), SO_EINVAL);
	CHECK_STR(err.field, "ends_on");
	free(pg.ends_on);
	pg.ends_on = xstrdup("2026-12-02");
	REQUIRE(store_program_create(db, &pg, &err) == SO_OK);
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		store_member_init(&m);
		CHECK_STR(m.status, "invited");
		m.program_id = pg.meta.id;
		m.company_id = a;
		free(m.status);
		m.status = xstrdup(st[i]);
		CHECK_INT(store_member_create(db, &m, &err), SO_OK);
		last = m.meta.id;
		store_member_clear(&m);
	}
	/* one invited member in the trash does not count */
	CHECK_INT(store_member_delete(db, last, &err), SO_OK);
	CHECK_INT(program_counts(db, pg.meta.id, &pc, &n, &err), SO_OK);
	REQUIRE(n == 5);
	CHECK_STR(pc[0].status, "invited");
	CHECK_INT(pc[0].count, 2);
	CHECK_STR(pc[1].status, "confirmed");
	CHECK_INT(pc[1].count, 1);
	CHECK_STR(pc[2].status, "attended");
	CHECK_STR(pc[3].status, "declined");
	CHECK_STR(pc[4].status, "bought");
	CHECK_INT(pc[4].count, 1);
	program_counts_free(pc, n);

	/* a member is a company or a person */
	store_member_init(&m);
	m.program_id = pg.meta.id;
	CHECK_INT(store_member_create(db, &m, &err), SO_EINVAL);
	CHECK_STR(err.field, "company_id");
	store_member_clear(&m);
	{
		char *t = store_lookup_title(db, &entity_member, last);

		CHECK_STR(t, "Семинар «Склад 2026» — Ромашка");
		free(t);
	}
	store_program_clear(&pg);
	db_close(db);
}

TEST(test_group_add_to_program_makes_member_records)
{
	struct db *db = fixture_open("gprog.db");
	struct list_query q = { .sort = -1 };
	struct so_err err;
	int64_t n;

	REQUIRE(db != NULL);
	company(db, "A", NULL);
	company(db, "B", NULL);
	CHECK_INT(group_add_to_program(db, &entity_company, &q, "Рассылка",
	    &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM program_members WHERE "
	    "status = 'invited' AND created_at = 1795413600 AND created_by = "
	    "(SELECT id FROM users WHERE login = 'anna') AND version = 1 AND "
	    "deleted_at IS NULL"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'member' AND action = 'create'"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'program' AND action = 'create'"), 1);
	/* a member in the trash is no member: adding again brings one */
	CHECK_INT(db_exec(db, "UPDATE program_members SET deleted_at = 1 "
	    "WHERE id = 1", NULL), SO_OK);
	CHECK_INT(group_add_to_program(db, &entity_company, &q, "рассылка",
	    &n, &err), SO_OK);
	CHECK_INT(n, 1);
	db_close(db);
}

TEST(test_former_employees_keep_old_job_and_events_stay)
{
	struct db *db = fixture_open("former.db");
	struct former_employee *f;
	struct contact p, r;
	struct event e;
	struct so_err err;
	int64_t a, b;
	size_t n;

	REQUIRE(db != NULL);
	a = company(db, "Ромашка", NULL);
	b = company(db, "Лютик", NULL);
	store_contact_init(&p);
	p.last_name = xstrdup("Иванова");
	p.first_name = xstrdup("Анна");
	p.position = xstrdup("менеджер");
	p.company_id = a;
	REQUIRE(store_contact_create(db, &p, &err) == SO_OK);
	store_contact_init(&r);
	r.last_name = xstrdup("Петров");
	r.position = xstrdup("закупщик");
	r.company_id = a;
	REQUIRE(store_contact_create(db, &r, &err) == SO_OK);
	store_event_init(&e);
	e.subject = xstrdup("Встреча в Ромашке");
	e.start_at = FIXTURE_NOW + 3600;
	e.company_id = a;
	e.contact_id = p.meta.id;
	REQUIRE(store_event_create(db, &e, &err) == SO_OK);

	db_set_now(db, FIXTURE_NOW + 86400);
	p.company_id = b;
	CHECK_INT(store_contact_update(db, &p, &err), SO_OK);
	db_set_now(db, FIXTURE_NOW + 2 * 86400);
	r.company_id = SO_NULL;
	CHECK_INT(store_contact_update(db, &r, &err), SO_OK);

	CHECK_INT(store_company_former(db, a, &f, &n, &err), SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(f[0].name, "Петров");
	CHECK_INT(f[0].ended_at, FIXTURE_NOW + 2 * 86400);
	CHECK_STR(f[1].name, "Иванова Анна");
	CHECK_STR(f[1].position, "менеджер");
	CHECK_INT(f[1].contact_id, p.meta.id);
	CHECK_INT(f[1].started_at, FIXTURE_NOW);
	CHECK_INT(f[1].ended_at, FIXTURE_NOW + 86400);
	store_company_former_free(f, n);
	CHECK_INT(store_company_former(db, b, &f, &n, &err), SO_OK);
	CHECK_INT(n, 0);
	store_company_former_free(f, n);
	/* what happened at Ромашка stays with Ромашка */
	CHECK_INT(count_sql(db, "SELECT company_id FROM events WHERE id = "
	    "%" PRId64, e.meta.id), a);
	store_contact_clear(&p);
	store_contact_clear(&r);
	store_event_clear(&e);
	db_close(db);
}
