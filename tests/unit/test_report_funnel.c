/*
 * The funnel, the forecast and the dynamics on hand-computed fixtures
 * (the audit rows written by hand at pinned times), the plans of the
 * funnel's reads of the audit log, and the deal stages' admin rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/report_funnel.h"
#include "store/sales.h"
#include "store/stages.h"

#define DAY	86400

static int64_t
stage(struct db *db, const char *code)
{
	char *sql = xasprintf("SELECT id FROM deal_stages WHERE code = '%s'",
	    code);
	int64_t id = fixture_int(db, sql);

	free(sql);
	return id;
}

static void
exec(struct db *db, const char *sql)
{
	CHECK_INT(sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL),
	    SQLITE_OK);
}

/* A deal created at `at` in stage from, with no audit rows of its own. */
static int64_t
deal_at(struct db *db, const char *title, const char *from, int64_t at)
{
	int64_t id = fixture_add_deal(db, &(struct fixture_deal){
	    .title = title, .stage = from });
	char *sql = xasprintf("DELETE FROM audit_log WHERE entity = 'deal' "
	    "AND record_id = %lld; UPDATE deals SET created_at = %lld WHERE "
	    "id = %lld; INSERT INTO audit_log (at, entity, record_id, "
	    "action) VALUES (%lld, 'deal', %lld, 'create')", (long long)id,
	    (long long)at, (long long)id, (long long)at, (long long)id);

	exec(db, sql);
	free(sql);
	return id;
}

/* A stage change of deal id at `at`, written by hand; the deal ends in
 * stage to. */
static void
move_at(struct db *db, int64_t id, const char *from, const char *to,
    int64_t at)
{
	char *sql = xasprintf("INSERT INTO audit_log (at, entity, record_id, "
	    "action, field, old_value, new_value) VALUES (%lld, 'deal', %lld, "
	    "'update', 'stage_id', '%lld', '%lld'); UPDATE deals SET "
	    "stage_id = %lld WHERE id = %lld", (long long)at, (long long)id,
	    (long long)stage(db, from), (long long)stage(db, to),
	    (long long)stage(db, to), (long long)id);

	exec(db, sql);
	free(sql);
}

static const struct rep_funnel_step *
step(const struct rep_funnel *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nsteps; i++)
		if (strcmp(f->steps[i].name, name) == 0)
			return &f->steps[i];
	return NULL;
}

/*
 * March 2026 (no DST in Moscow), noon each day.  D1 fc 03-02 -> nf 03-04
 * -> ps 03-09 -> won 03-19; D2 fc 03-03 -> ps 03-05 (skips nf) -> lost
 * 03-07; D3 nf 03-10 -> neg 03-20; D4 fc 02-20 -> nf 03-01 (not of the
 * cohort, its stay ends in March); D5 fc 03-15; D6 fc 03-25 -> nf 04-02
 * (after the period: it started, and is in March, at fc).
 *
 * Cohort 5.  Furthest along the path: D1 won, D2 ps, D3 neg, D5 fc,
 * D6 fc.  Reached: fc 5, nf 3, ps 3, neg 2, won 1 (in it), lost 1.
 * Stays ended in March: fc D4 9 d, D1 2 d, D2 2 d (13/3); nf D1 5 d,
 * D3 10 d; ps D1 10 d, D2 2 d.
 */
static void
march(struct db *db)
{
	int64_t d1, d2, d3, d4, d6;

	d1 = deal_at(db, "D1", "first_contact",
	    fixture_moment("2026-03-02 12:00"));
	move_at(db, d1, "first_contact", "need_found",
	    fixture_moment("2026-03-04 12:00"));
	move_at(db, d1, "need_found", "proposal_sent",
	    fixture_moment("2026-03-09 12:00"));
	move_at(db, d1, "proposal_sent", "won",
	    fixture_moment("2026-03-19 12:00"));
	d2 = deal_at(db, "D2", "first_contact",
	    fixture_moment("2026-03-03 12:00"));
	move_at(db, d2, "first_contact", "proposal_sent",
	    fixture_moment("2026-03-05 12:00"));
	move_at(db, d2, "proposal_sent", "lost",
	    fixture_moment("2026-03-07 12:00"));
	d3 = deal_at(db, "D3", "need_found",
	    fixture_moment("2026-03-10 12:00"));
	move_at(db, d3, "need_found", "negotiation",
	    fixture_moment("2026-03-20 12:00"));
	d4 = deal_at(db, "D4", "first_contact",
	    fixture_moment("2026-02-20 12:00"));
	move_at(db, d4, "first_contact", "need_found",
	    fixture_moment("2026-03-01 12:00"));
	deal_at(db, "D5", "first_contact", fixture_moment("2026-03-15 12:00"));
	d6 = deal_at(db, "D6", "first_contact",
	    fixture_moment("2026-03-25 12:00"));
	move_at(db, d6, "first_contact", "need_found",
	    fixture_moment("2026-04-02 12:00"));
}

TEST(test_funnel_reached_conversion_and_days_per_stage_by_hand)
{
	struct db *db = fixture_open("funnel.db");
	struct so_err err = { 0 };
	struct rep_period p;
	struct rep_funnel f;
	const struct rep_funnel_step *s;

	march(db);
	REQUIRE(rep_period_make("2026-03-01", "2026-03-31", &p, &err) ==
	    SO_OK);
	REQUIRE(rep_funnel_deals(db, 0, &p, &f, &err) == SO_OK);
	CHECK_INT(f.cohort, 5);
	REQUIRE((s = step(&f, "First contact")) != NULL);
	CHECK_INT(s->reached, 5);
	CHECK_INT(s->stays, 3);
	CHECK_INT(s->stay_secs, 13 * DAY);
	REQUIRE((s = step(&f, "Need found")) != NULL);
	CHECK_INT(s->reached, 3);
	CHECK_INT(s->stays, 2);
	CHECK_INT(s->stay_secs, 15 * DAY);
	REQUIRE((s = step(&f, "Proposal sent")) != NULL);
	CHECK_INT(s->reached, 3);
	CHECK_INT(s->stay_secs, 12 * DAY);
	REQUIRE((s = step(&f, "Negotiation")) != NULL);
	CHECK_INT(s->reached, 2);
	CHECK_INT(s->stays, 0);
	REQUIRE((s = step(&f, "Won")) != NULL);
	CHECK_INT(s->reached, 1);
	REQUIRE((s = step(&f, "Lost")) != NULL);
	CHECK_INT(s->reached, 1);
	CHECK_INT(s->kind, REP_STEP_LOST);
	CHECK_INT((long long)(f.steps[f.nsteps - 1].kind), REP_STEP_LOST);
	rep_funnel_clear(&f);
	db_close(db);
}

TEST(test_funnel_document_shows_conversion_and_average_days)
{
	struct db *db = fixture_open("funnel-doc.db");
	struct report_query q = { .from = "2026-03-01", .to = "2026-03-31" };
	struct so_err err = { 0 };
	struct doc_table *t;
	struct doc d;
	char *row;

	march(db);
	REQUIRE(report_funnel(db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	/* 3 of 5 reached need found: 60.0 %; its two stays 7.5 days. */
	row = fixture_doc_row(t, 1);
	CHECK(strstr(row, "60.0%") != NULL);
	CHECK(strstr(row, "7.5") != NULL);
	free(row);
	row = fixture_doc_row(t, 3);		/* negotiation 2 of 3 */
	CHECK(strstr(row, "66.7%") != NULL);
	free(row);
	row = fixture_doc_row(t, 4);		/* won 1 of 2 */
	CHECK(strstr(row, "50.0%") != NULL);
	free(row);
	row = fixture_doc_row(t, 5);		/* lost 1 of the 5 */
	CHECK(strstr(row, "20.0%") != NULL);
	free(row);
	doc_free(&d);
	db_close(db);
}

/* 1 when the plan of the cohort's statement on entity sorts, 0 when it
 * does not, -1 when there is no such statement. */
static int
cohort_sorts(const char *plans, const char *entity)
{
	const char *p = plans, *end;
	char key[64];

	snprintf(key, sizeof(key), "LEFT JOIN audit_log h ON h.entity = '%s'",
	    entity);
	if ((p = strstr(p, key)) == NULL)
		return -1;
	if ((end = strstr(p, "\nsql: ")) == NULL)
		end = p + strlen(p);
	p = strstr(p, "TEMP B-TREE");
	return p != NULL && p < end;
}

TEST(test_funnel_reads_the_audit_log_by_index_never_whole)
{
	struct db *db = fixture_open("funnel-plan.db");
	struct so_err err = { 0 };
	struct rep_period p;
	struct rep_funnel f;
	char *plans;

	march(db);
	REQUIRE(rep_period_make("2026-03-01", "2026-03-31", &p, &err) ==
	    SO_OK);
	fixture_plans_begin(db);
	REQUIRE(rep_funnel_deals(db, 0, &p, &f, &err) == SO_OK);
	rep_funnel_clear(&f);
	REQUIRE(rep_funnel_companies(db, 0, &p, &f, &err) == SO_OK);
	rep_funnel_clear(&f);
	plans = fixture_plans_end(db);
	/* The cohort: the period's create rows of the entity alone, by
	 * audit_moves; with its history in one statement (a join, not a
	 * query per member), each member's changes of the one field from
	 * audit_moves_record alone (covering), in order without a sort. */
	CHECK_PLAN(plans, "SEARCH a USING INDEX audit_moves (entity=? AND "
	    "field=? AND at>? AND at<?)");
	CHECK_PLAN(plans, "SEARCH h USING COVERING INDEX audit_moves_record "
	    "(entity=? AND field=? AND record_id=?) LEFT-JOIN");
	/* The stays: the period's changes of the field, and the change
	 * before each, neither reading the table. */
	CHECK_PLAN(plans, "SEARCH a USING COVERING INDEX audit_moves "
	    "(entity=? AND field=? AND at>? AND at<?)");
	CHECK_PLAN(plans, "SEARCH b USING COVERING INDEX audit_moves_record "
	    "(entity=? AND field=? AND record_id=? AND at<?)");
	CHECK(strstr(plans, "audit_at") == NULL);
	CHECK(strstr(plans, "audit_record ") == NULL);
	CHECK_INT(cohort_sorts(plans, "deal"), 0);
	CHECK_INT(cohort_sorts(plans, "company"), 0);
	CHECK_NO_SCAN(plans, "h");
	CHECK_NO_SCAN(plans, "a");
	CHECK_NO_SCAN(plans, "b");
	CHECK_NO_SCAN(plans, "audit_log");
	free(plans);
	db_close(db);
}

TEST(test_company_funnel_counts_the_sales_path)
{
	struct db *db = fixture_open("funnel-co.db");
	struct so_err err = { 0 };
	struct rep_period p;
	struct rep_funnel f;
	int64_t a, b;
	char *sql;

	/* A: lead -> prospect -> customer; B: lead -> lost. */
	a = fixture_add_company(db, &(struct fixture_company){ .name = "A",
	    .status = "lead" });
	b = fixture_add_company(db, &(struct fixture_company){ .name = "B",
	    .status = "lead" });
	sql = xasprintf("DELETE FROM audit_log; INSERT INTO audit_log (at, "
	    "entity, record_id, action, field, old_value, new_value) VALUES "
	    "(%lld, 'company', %lld, 'create', NULL, NULL, NULL), "
	    "(%lld, 'company', %lld, 'update', 'status', 'lead', 'prospect'), "
	    "(%lld, 'company', %lld, 'update', 'status', 'prospect', "
	    "'customer'), (%lld, 'company', %lld, 'create', NULL, NULL, NULL), "
	    "(%lld, 'company', %lld, 'update', 'status', 'lead', 'lost')",
	    (long long)fixture_moment("2026-03-02 12:00"), (long long)a,
	    (long long)fixture_moment("2026-03-03 12:00"), (long long)a,
	    (long long)fixture_moment("2026-03-06 12:00"), (long long)a,
	    (long long)fixture_moment("2026-03-02 12:00"), (long long)b,
	    (long long)fixture_moment("2026-03-04 12:00"), (long long)b);
	exec(db, sql);
	free(sql);
	REQUIRE(rep_period_make("2026-03-01", "2026-03-31", &p, &err) ==
	    SO_OK);
	REQUIRE(rep_funnel_companies(db, 0, &p, &f, &err) == SO_OK);
	CHECK_INT(f.cohort, 2);
	CHECK_INT(f.steps[0].reached, 2);	/* lead */
	CHECK_INT(f.steps[1].reached, 1);	/* prospect */
	CHECK_INT(f.steps[2].reached, 1);	/* customer */
	CHECK_INT(f.steps[3].reached, 0);	/* regular */
	CHECK_INT(f.steps[4].reached, 1);	/* lost */
	CHECK_INT(f.steps[1].stays, 1);		/* prospect 3 days */
	CHECK_INT(f.steps[1].stay_secs, 3 * DAY);
	rep_funnel_clear(&f);
	db_close(db);
}

/*
 * April: E1 need found 1 000.00 (25 %) and E2 negotiation 333.33 (75 %):
 * 2 deals, 1 333.33, weighted 250 000 00 + 24 999 75 -> 499.9975 ->
 * 500.00; May: E4 first contact 500.00 (10 %) -> 50.00.  E3 won is
 * closed; E5 has no date.
 */
TEST(test_forecast_weighs_open_deals_by_stage_probability)
{
	struct db *db = fixture_open("forecast.db");
	struct so_err err = { 0 };
	struct rep_period p;
	struct rep_forecast f;
	int64_t e[5];
	char *sql;

	e[0] = fixture_add_deal(db, &(struct fixture_deal){ .title = "E1",
	    .stage = "need_found", .amount = 100000 });
	e[1] = fixture_add_deal(db, &(struct fixture_deal){ .title = "E2",
	    .stage = "negotiation", .amount = 33333 });
	e[2] = fixture_add_deal(db, &(struct fixture_deal){ .title = "E3",
	    .stage = "won", .amount = 900000 });
	e[3] = fixture_add_deal(db, &(struct fixture_deal){ .title = "E4",
	    .stage = "first_contact", .amount = 50000 });
	e[4] = fixture_add_deal(db, &(struct fixture_deal){ .title = "E5",
	    .stage = "proposal_sent", .amount = 7000 });
	sql = xasprintf("UPDATE deals SET expected_close = CASE id "
	    "WHEN %lld THEN '2026-04-10' WHEN %lld THEN '2026-04-20' "
	    "WHEN %lld THEN '2026-04-15' WHEN %lld THEN '2026-05-01' "
	    "ELSE '' END", (long long)e[0], (long long)e[1], (long long)e[2],
	    (long long)e[3]);
	exec(db, sql);
	free(sql);
	REQUIRE(rep_period_make("2026-04-01", "2026-05-31", &p, &err) ==
	    SO_OK);
	REQUIRE(rep_forecast_load(db, 0, &p, &f, &err) == SO_OK);
	REQUIRE(f.nrows == 2);
	CHECK_STR(f.rows[0].month, "2026-04");
	CHECK_INT(f.rows[0].deals, 2);
	CHECK_INT(f.rows[0].amount, 133333);
	CHECK_INT(f.rows[0].weighted100, 4999975);
	CHECK_INT(rep_forecast_money(f.rows[0].weighted100), 50000);
	CHECK_STR(f.rows[1].month, "2026-05");
	CHECK_INT(rep_forecast_money(f.rows[1].weighted100), 5000);
	CHECK_INT(f.undated, 1);
	CHECK_INT(f.undated_amount, 7000);
	rep_forecast_clear(&f);
	/* The probability is the admin's: negotiation at 0 weighs E2 0. */
	REQUIRE(stages_probability(db, "negotiation", 0, &err) == SO_OK);
	REQUIRE(rep_forecast_load(db, 0, &p, &f, &err) == SO_OK);
	CHECK_INT(f.rows[0].weighted100, 2500000);
	rep_forecast_clear(&f);
	db_close(db);
}

/*
 * January to June 2026, lost after 2 months, today 06-15.  A paid
 * 2025-12-10 and 01-05 (not new; lost 03-05); B 02-10 (new) and 03-01
 * (lost 05-01); C, regular, 04-15 (new; lost 06-15, today).
 */
TEST(test_dynamics_new_lost_and_regular_by_month)
{
	struct db *db = fixture_open("dynamics.db");
	struct so_err err = { 0 };
	struct rep_dyn_row *v;
	struct rep_period p;
	int64_t a, b, c;
	size_t n;

	a = fixture_add_company(db, &(struct fixture_company){ .name = "A" });
	b = fixture_add_company(db, &(struct fixture_company){ .name = "B" });
	c = fixture_add_company(db, &(struct fixture_company){ .name = "C",
	    .status = "regular" });
	fixture_add_payment(db, &(struct fixture_payment){ .company = a,
	    .paid_on = "2025-12-10", .amount = 100 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = a,
	    .paid_on = "2026-01-05", .amount = 200 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = b,
	    .paid_on = "2026-02-10", .amount = 300 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = b,
	    .paid_on = "2026-03-01", .amount = 50 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = c,
	    .paid_on = "2026-04-15", .amount = 1000 });
	REQUIRE(rep_period_make("2026-01-01", "2026-06-30", &p, &err) ==
	    SO_OK);
	REQUIRE(rep_dynamics_load(db, 0, &p, 'm', 2, "2026-06-15", &v, &n,
	    &err) == SO_OK);
	REQUIRE(n == 6);
	CHECK_STR(v[0].from, "2026-01-01");
	CHECK_STR(v[1].to, "2026-02-28");
	CHECK_INT(v[0].new_buyers, 0);
	CHECK_INT(v[0].paid, 200);
	CHECK_INT(v[1].new_buyers, 1);
	CHECK_INT(v[2].lost_buyers, 1);		/* A, 03-05 */
	CHECK_INT(v[2].paid, 50);
	CHECK_INT(v[3].new_buyers, 1);
	CHECK_INT(v[3].regular_paid, 1000);
	CHECK_INT(v[4].lost_buyers, 1);		/* B, 05-01 */
	CHECK_INT(v[5].lost_buyers, 1);		/* C, 06-15 */
	CHECK_INT(v[1].lost_buyers + v[3].lost_buyers, 0);
	free(v);
	/* Today 06-14: C is not lost yet. */
	REQUIRE(rep_dynamics_load(db, 0, &p, 'm', 2, "2026-06-14", &v, &n,
	    &err) == SO_OK);
	CHECK_INT(v[5].lost_buyers, 0);
	free(v);
	/* By quarter: Q1 new 1 lost 1, Q2 new 1 lost 2. */
	REQUIRE(rep_dynamics_load(db, 0, &p, 'q', 2, "2026-06-15", &v, &n,
	    &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(v[1].from, "2026-04-01");
	CHECK_STR(v[1].to, "2026-06-30");
	CHECK_INT(v[0].new_buyers, 1);
	CHECK_INT(v[0].lost_buyers, 1);
	CHECK_INT(v[1].new_buyers, 1);
	CHECK_INT(v[1].lost_buyers, 2);
	CHECK_INT(v[0].paid + v[1].paid, 1550);
	free(v);
	db_close(db);
}

/*
 * The lost days at their edges, January to June 2026, lost after 2
 * months, today 06-30, payments of 100.  D paid twice on 01-10 and on
 * 03-10, the very day it would be lost (not lost then: lost is no
 * payment until the day, and one payment of a day stands for both),
 * so lost 05-10.  E paid 01-20 and 02-15, that one in the trash: lost
 * 03-20.  F paid 2025-12-31 (so not new; + 2 months is 2026-03-03, as
 * SQLite counts) and 03-02: lost 05-02 only.
 */
TEST(test_dynamics_lost_on_the_day_same_day_and_trashed_payments)
{
	struct db *db = fixture_open("dynamics-edges.db");
	struct so_err err = { 0 };
	struct rep_dyn_row *v;
	struct rep_period p;
	int64_t d, e, f, gone;
	size_t n, i;
	int lost = 0;
	char *sql;

	d = fixture_add_company(db, &(struct fixture_company){ .name = "D" });
	e = fixture_add_company(db, &(struct fixture_company){ .name = "E" });
	f = fixture_add_company(db, &(struct fixture_company){ .name = "F" });
	fixture_add_payment(db, &(struct fixture_payment){ .company = d,
	    .paid_on = "2026-01-10", .amount = 100 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = d,
	    .paid_on = "2026-01-10", .amount = 100 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = d,
	    .paid_on = "2026-03-10", .amount = 100 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = e,
	    .paid_on = "2026-01-20", .amount = 100 });
	gone = fixture_add_payment(db, &(struct fixture_payment){
	    .company = e, .paid_on = "2026-02-15", .amount = 100 });
	sql = xasprintf("UPDATE payments SET deleted_at = 1 WHERE id = %lld",
	    (long long)gone);
	exec(db, sql);
	free(sql);
	fixture_add_payment(db, &(struct fixture_payment){ .company = f,
	    .paid_on = "2025-12-31", .amount = 100 });
	fixture_add_payment(db, &(struct fixture_payment){ .company = f,
	    .paid_on = "2026-03-02", .amount = 100 });
	REQUIRE(rep_period_make("2026-01-01", "2026-06-30", &p, &err) ==
	    SO_OK);
	fixture_plans_begin(db);
	REQUIRE(rep_dynamics_load(db, 0, &p, 'm', 2, "2026-06-30", &v, &n,
	    &err) == SO_OK);
	sql = fixture_plans_end(db);
	REQUIRE(n == 6);
	CHECK_INT(v[0].new_buyers, 2);		/* D, E */
	CHECK_INT(v[0].paid, 300);
	CHECK_INT(v[1].paid, 0);
	CHECK_INT(v[2].paid, 200);
	CHECK_INT(v[2].lost_buyers, 1);		/* E, 03-20 */
	CHECK_INT(v[4].lost_buyers, 2);		/* F 05-02, D 05-10 */
	for (i = 0; i < n; i++) {
		lost += v[i].lost_buyers;
		if (i > 0)
			CHECK_INT(v[i].new_buyers, 0);
	}
	CHECK_INT(lost, 3);
	free(v);
	/* Each probe of a company's payments is a range of the live
	 * ones, read from the index alone; no payments read whole, no
	 * sort of the payments read (only of the lost days). */
	CHECK_PLAN(sql, "SEARCH q USING COVERING INDEX payments_company_live "
	    "(company_id=? AND paid_on>? AND paid_on<?)");
	CHECK(strstr(sql, " OVER (") == NULL);
	CHECK_NO_SCAN(sql, "p");
	CHECK_NO_SCAN(sql, "q");
	CHECK_NO_SCAN(sql, "payments");
	free(sql);
	db_close(db);
}

TEST(test_stage_admin_add_reorder_probability_bounds_and_retire)
{
	struct db *db = fixture_open("stages.db");
	struct so_err err = { 0 };
	struct stage_row *v;
	struct deal d;
	int64_t old;
	size_t n;

	REQUIRE(stages_add(db, "demo", "Demo held", 40, STAGE_OPEN, &err) ==
	    SO_OK);
	/* An open stage goes before the closed ones. */
	REQUIRE(stages_list(db, &v, &n, &err) == SO_OK);
	REQUIRE(n == 7);
	CHECK_STR(v[4].code, "demo");
	CHECK_INT(v[4].probability, 40);
	stages_free(v, n);
	REQUIRE(stages_move(db, "demo", 2, &err) == SO_OK);
	REQUIRE(stages_list(db, &v, &n, &err) == SO_OK);
	CHECK_STR(v[0].code, "first_contact");
	CHECK_STR(v[1].code, "demo");
	CHECK_STR(v[2].code, "need_found");
	CHECK_STR(v[6].code, "lost");
	stages_free(v, n);
	CHECK_INT(stages_probability(db, "demo", 101, &err), SO_EINVAL);
	CHECK_STR(err.field, "probability");
	CHECK_INT(stages_probability(db, "demo", -1, &err), SO_EINVAL);
	CHECK_INT(stages_probability(db, "demo", 100, &err), SO_OK);
	CHECK_INT(stages_probability(db, "demo", 0, &err), SO_OK);
	CHECK_INT(stages_probability(db, "nosuch", 5, &err), SO_ENOTFOUND);
	CHECK_INT(stages_add(db, "demo", "Again", -1, STAGE_OPEN, &err),
	    SO_EINVAL);
	/* A deal in demo, then demo retired: the deal keeps it and is
	 * still written; a new deal cannot enter it. */
	old = fixture_add_deal(db, &(struct fixture_deal){ .title = "Old",
	    .stage = "demo" });
	REQUIRE(old > 0);
	REQUIRE(stages_retire(db, "demo", 1, &err) == SO_OK);
	store_deal_init(&d);
	REQUIRE(store_deal_get(db, old, &d, &err) == SO_OK);
	CHECK_INT(d.stage_id, stage(db, "demo"));
	free(d.title);
	d.title = xstrdup("Old, renamed");
	CHECK_INT(store_deal_update(db, &d, &err), SO_OK);
	store_deal_clear(&d);
	store_deal_init(&d);
	free(d.title);
	d.title = xstrdup("New");
	d.stage_id = stage(db, "demo");
	CHECK_INT(store_deal_create(db, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "stage_id");
	store_deal_clear(&d);
	/* The path skips it: first contact moves on to need found. */
	store_deal_init(&d);
	free(d.title);
	d.title = xstrdup("Newer");
	REQUIRE(store_deal_create(db, &d, &err) == SO_OK);
	CHECK_INT(d.stage_id, stage(db, "first_contact"));
	REQUIRE(deal_move(db, d.meta.id, +1, NULL, &err) == SO_OK);
	CHECK_INT(fixture_int(db, "SELECT s.code = 'need_found' FROM deals d "
	    "JOIN deal_stages s ON s.id = d.stage_id ORDER BY d.id DESC "
	    "LIMIT 1"), 1);
	store_deal_clear(&d);
	/* The only won and lost stages stay in use. */
	CHECK_INT(stages_retire(db, "won", 1, &err), SO_EINVAL);
	CHECK_INT(stages_retire(db, "lost", 1, &err), SO_EINVAL);
	CHECK_INT(fixture_int(db, "SELECT retired FROM deal_stages WHERE "
	    "code = 'won'"), 0);
	/* A lost stage of one's own: the pipeline's L goes to the first in
	 * use. */
	REQUIRE(stages_add(db, "lost_price", "Lost on price", -1, STAGE_LOST,
	    &err) == SO_OK);
	REQUIRE(stages_retire(db, "lost", 1, &err) == SO_OK);
	REQUIRE(deal_set_stage(db, old, NULL, "Too dear", &err) == SO_OK);
	CHECK_INT(fixture_int(db, "SELECT s.code = 'lost_price' FROM deals d "
	    "JOIN deal_stages s ON s.id = d.stage_id WHERE d.title = "
	    "'Old, renamed'"), 1);
	db_close(db);
}

TEST(test_stage_admin_is_an_administrators)
{
	struct db *db = fixture_open("stages-acl.db");
	struct so_err err = { 0 };

	fixture_user(db, "mgr", ROLE_MANAGER);
	db_set_user(db, fixture_int(db, "SELECT id FROM users WHERE login = "
	    "'mgr'"), "mgr", "manager");
	CHECK_INT(stages_add(db, "x", "X", 5, STAGE_OPEN, &err), SO_EPERM);
	CHECK_INT(stages_probability(db, "won", 50, &err), SO_EPERM);
	CHECK_INT(stages_retire(db, "need_found", 1, &err), SO_EPERM);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM deal_stages"), 6);
	db_close(db);
}
