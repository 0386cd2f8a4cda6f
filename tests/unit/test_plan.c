/*
 * Plans (store/plan.c, report/plan.c): periods, working days, shares
 * and the linear forecast worked out by hand; who may set and read; the
 * plan report and the sales report's plan table on a small world.
 *
 * The clock is the fixture's, Monday 2026-11-23 09:00 Moscow.  By hand,
 * Monday to Friday: November 2026 (the 1st a Sunday) has 21 working
 * days, 16 of them up to and including the 23rd; the fourth quarter 66
 * (October 22, November 21, December 23), 38 elapsed; the year 261 (the
 * 1st of January and the 31st of December both Thursdays: 52 weeks and
 * a Thursday), 233 elapsed (46 weeks to Wednesday the 18th, then
 * Thursday, Friday and Monday).
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "base/datetime.h"
#include "report/report.h"
#include "store/plan.h"
#include "store/settings.h"
#include "store/users.h"

TEST(test_plan_periods_month_quarter_year_and_their_days)
{
	struct plan_period p, m[12];
	struct so_err err = { 0 };

	REQUIRE(plan_period_parse("2026-12", &p, &err) == SO_OK);
	CHECK_STR(p.key, "2026-12");
	CHECK_STR(p.from, "2026-12-01");
	CHECK_STR(p.to, "2026-12-31");
	REQUIRE(plan_period_parse("2026-q4", &p, &err) == SO_OK);
	CHECK_STR(p.key, "2026-Q4");
	CHECK_STR(p.from, "2026-10-01");
	CHECK_STR(p.to, "2026-12-31");
	CHECK_INT(plan_period_months(&p, m), 3);
	CHECK_STR(m[1].key, "2026-11");
	REQUIRE(plan_period_parse("2028-02", &p, &err) == SO_OK);
	CHECK_STR(p.to, "2028-02-29");
	REQUIRE(plan_period_parse("2100-02", &p, &err) == SO_OK);
	CHECK_STR(p.to, "2100-02-28");
	REQUIRE(plan_period_parse("2026", &p, &err) == SO_OK);
	CHECK_STR(p.from, "2026-01-01");
	CHECK_STR(p.to, "2026-12-31");
	CHECK_INT(p.kind, 'y');
	CHECK_INT(plan_period_months(&p, m), 12);
	CHECK_STR(m[11].key, "2026-12");
	CHECK_INT(plan_period_parse("2026-13", &p, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "2026-Q4") && strstr(err.msg, "2026-13"));
	CHECK_STR(err.field, "period");
	CHECK_INT(plan_period_parse("2026-Q5", &p, NULL), SO_EINVAL);
	CHECK_INT(plan_period_parse("26", &p, NULL), SO_EINVAL);
	CHECK_INT(plan_period_parse("2026-1", &p, NULL), SO_EINVAL);
	CHECK_INT(plan_period_parse("", &p, NULL), SO_EINVAL);
	/* A report's span is a plan period only when it is exactly one. */
	CHECK(plan_period_of("2026-10-01", "2026-12-31", &p));
	CHECK_STR(p.key, "2026-Q4");
	CHECK(plan_period_of("2026-11-01", "2026-11-30", &p));
	CHECK_STR(p.key, "2026-11");
	CHECK(plan_period_of("2026-01-01", "2026-12-31", &p));
	CHECK_STR(p.key, "2026");
	CHECK(!plan_period_of("2026-11-01", "2026-11-29", &p));
	CHECK(!plan_period_of("2026-11-02", "2026-11-30", &p));
	CHECK(!plan_period_of("2026-11-01", "2026-12-31", &p));
	CHECK(!plan_period_of("", "2026-11-30", &p));
}

TEST(test_plan_working_days_share_and_forecast_by_hand)
{
	double pct = -1;

	CHECK_INT(plan_workdays("2026-11-01", "2026-11-30", DT_WORK_DEFAULT),
	    21);
	CHECK_INT(plan_workdays("2026-11-01", "2026-11-23", DT_WORK_DEFAULT),
	    16);
	CHECK_INT(plan_workdays("2026-10-01", "2026-12-31", DT_WORK_DEFAULT),
	    66);
	CHECK_INT(plan_workdays("2026-01-01", "2026-12-31", DT_WORK_DEFAULT),
	    261);
	CHECK_INT(plan_workdays("2026-01-01", "2026-11-23", DT_WORK_DEFAULT),
	    233);
	/* Monday to Saturday: November less its five Sundays. */
	CHECK_INT(plan_workdays("2026-11-01", "2026-11-30", 0x7e), 25);
	/* One Sunday, a working day of nobody's week; backwards: none. */
	CHECK_INT(plan_workdays("2026-11-22", "2026-11-22", DT_WORK_DEFAULT),
	    0);
	CHECK_INT(plan_workdays("2026-11-23", "2026-11-22", DT_WORK_DEFAULT),
	    0);
	CHECK(plan_percent(2000000, 1300000, &pct));
	CHECK(pct > 64.999 && pct < 65.001);
	CHECK(plan_percent(4, 6, &pct));
	CHECK(pct > 149.999 && pct < 150.001);
	/* A plan of 0 has no share. */
	CHECK(!plan_percent(0, 250000, &pct));
	/* 13 000.00 in 16 of 21 days: 17 062.50 at the end. */
	CHECK_INT(plan_forecast(1300000, 16, 21), 1706250);
	/* 2 in 16 of 21 days: 2.625, rounded to 3. */
	CHECK_INT(plan_forecast(2, 16, 21), 3);
	CHECK_INT(plan_forecast(700, 22, 22), 700);
	CHECK_INT(plan_forecast(700, 0, 22), -1);
	CHECK_INT(plan_forecast(0, 5, 22), 0);
}

/*
 * The world: boris and vera managers, gleb a head, anna (the fixture's
 * user) the administrator.  Companies CB boris's, CV vera's, CN
 * nobody's.
 *
 *   payments  11-10 CB 10 000.00          boris
 *             11-20 CN on boris's deal    boris (the deal's manager)
 *                   3 000.00
 *             11-05 CV 2 500.00           vera
 *             11-12 CN 1 000.00           nobody: the team's alone
 *             10-30 CB 700.00             October
 *             12-01 CB 400.00             December
 *   won       11-15 boris 50 000.00; 10-20 vera 30 000.00; 11-16 vera
 *             lost 20 000.00 (not won)
 *   meetings  boris done 11-10, 11-11; planned 11-25 (not done);
 *             10-28 done (October)
 *   calls     boris done 11-12; vera done 11-13, 11-16
 *
 * November: payments boris 13 000.00, vera 2 500.00, the team 16 500.00;
 * won boris 50 000.00; meetings boris 2; calls boris 1, vera 2.
 */
struct plan_world {
	struct db	*db;
	int64_t		 boris, vera;
};

static int
plan_world(struct plan_world *w, const char *name)
{
	int64_t cb, cv, cn, d;

	if ((w->db = fixture_open(name)) == NULL)
		return 0;
	fixture_user(w->db, "boris", ROLE_MANAGER);
	fixture_user(w->db, "vera", ROLE_MANAGER);
	fixture_user(w->db, "gleb", ROLE_HEAD);
	w->boris = fixture_int(w->db, "SELECT id FROM users WHERE login = "
	    "'boris'");
	w->vera = fixture_int(w->db, "SELECT id FROM users WHERE login = "
	    "'vera'");
	cb = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "CB", .manager = w->boris });
	cv = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "CV", .manager = w->vera });
	cn = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "CN" });
	/* A company the store makes is its maker's: nobody's by hand. */
	sqlite3_exec(db_sqlite(w->db), "UPDATE companies SET manager_id = "
	    "NULL WHERE name = 'CN'", NULL, NULL, NULL);
	fixture_reindex(w->db);
	d = fixture_add_deal(w->db, &(struct fixture_deal){ .title = "DN",
	    .stage = "negotiation", .company = cn, .manager = w->boris,
	    .amount = 500000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-10", .company = cb, .amount = 1000000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-20", .company = cn, .deal = d,
	    .amount = 300000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-05", .company = cv, .amount = 250000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-11-12", .company = cn, .amount = 100000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-10-30", .company = cb, .amount = 70000 });
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .paid_on = "2026-12-01", .company = cb, .amount = 40000 });
	fixture_add_deal(w->db, &(struct fixture_deal){ .title = "DB",
	    .stage = "won", .closed_on = "2026-11-15", .company = cb,
	    .manager = w->boris, .amount = 5000000 });
	fixture_add_deal(w->db, &(struct fixture_deal){ .title = "DV",
	    .stage = "won", .closed_on = "2026-10-20", .company = cv,
	    .manager = w->vera, .amount = 3000000 });
	fixture_add_deal(w->db, &(struct fixture_deal){ .title = "DL",
	    .stage = "lost", .closed_on = "2026-11-16", .company = cv,
	    .manager = w->vera, .amount = 2000000, .lost_reason = "price" });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "m1",
	    .type = "meeting", .status = "done", .result = "held",
	    .at = fixture_moment("2026-11-10 10:00"), .assignee = w->boris,
	    .company = cb });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "m2",
	    .type = "meeting", .status = "done", .result = "held",
	    .at = fixture_moment("2026-11-11 10:00"), .assignee = w->boris,
	    .company = cb });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "m3",
	    .type = "meeting", .status = "planned",
	    .at = fixture_moment("2026-11-25 10:00"), .assignee = w->boris,
	    .company = cb });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "m0",
	    .type = "meeting", .status = "done", .result = "held",
	    .at = fixture_moment("2026-10-28 10:00"), .assignee = w->boris,
	    .company = cb });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "c1",
	    .type = "call", .status = "done", .result = "no_answer",
	    .at = fixture_moment("2026-11-12 10:00"), .assignee = w->boris,
	    .company = cb });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "c2",
	    .type = "call", .status = "done", .result = "no_answer",
	    .at = fixture_moment("2026-11-13 10:00"), .assignee = w->vera,
	    .company = cv });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "c3",
	    .type = "call", .status = "done", .result = "no_answer",
	    .at = fixture_moment("2026-11-16 10:00"), .assignee = w->vera,
	    .company = cv });
	return 1;
}

static int
set(struct plan_world *w, int64_t who, const char *period,
    enum plan_measure m, int64_t amount)
{
	struct so_err err = { 0 };
	int code = plan_set(w->db, who, period, m, amount, &err);

	if (code != SO_OK)
		harness_fail(__FILE__, __LINE__, "plan_set: %s", err.msg);
	return code;
}

static void
query(struct report_query *q, const char *from, const char *to, int all)
{
	memset(q, 0, sizeof(*q));
	snprintf(q->from, sizeof(q->from), "%s", from);
	snprintf(q->to, sizeof(q->to), "%s", to);
	q->all = all;
	q->now = FIXTURE_NOW;
}

TEST(test_plan_set_replaces_audits_and_deletes)
{
	struct plan_world w;
	struct so_err err = { 0 };
	struct plan_row *v;
	size_t n;

	REQUIRE(plan_world(&w, "plan-set.db"));
	REQUIRE(set(&w, w.boris, "2026-11", PLAN_PAYMENTS, 100) == SO_OK);
	REQUIRE(set(&w, w.boris, "2026-11", PLAN_PAYMENTS, 2000000) == SO_OK);
	REQUIRE(set(&w, 0, "2026-q4", PLAN_WON, 10000000) == SO_OK);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM plans"), 2);
	CHECK_INT(fixture_int(w.db, "SELECT amount FROM plans WHERE user_id "
	    "<> 0"), 2000000);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'plan' AND field = '2026-11 payments boris' AND "
	    "action = 'update' AND old_value = '100' AND new_value = "
	    "'2000000'"), 1);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM plans WHERE "
	    "period = '2026-Q4' AND user_id = 0"), 1);
	REQUIRE(plan_list(w.db, NULL, PLAN_ANYONE, &v, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(v[0].period, "2026-11");
	CHECK_STR(v[0].login, "boris");
	CHECK_STR(v[1].period, "2026-Q4");
	CHECK_INT(v[1].user_id, 0);
	CHECK_INT(v[1].measure, PLAN_WON);
	plan_rows_free(v, n);
	CHECK_INT(plan_set(w.db, w.boris, "2026-11", PLAN_CALLS, -1, &err),
	    SO_EINVAL);
	CHECK_INT(plan_set(w.db, w.boris, "nov", PLAN_CALLS, 1, &err),
	    SO_EINVAL);
	CHECK_INT(plan_delete(w.db, w.vera, "2026-11", PLAN_PAYMENTS, &err),
	    SO_ENOTFOUND);
	CHECK(strstr(err.msg, "vera") != NULL);
	REQUIRE(plan_delete(w.db, w.boris, "2026-11", PLAN_PAYMENTS, &err) ==
	    SO_OK);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM plans"), 1);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'plan' AND action = 'delete'"), 1);
	db_close(w.db);
}

TEST(test_plan_manager_reads_own_only_and_sets_nothing)
{
	struct plan_world w;
	struct so_err err = { 0 };
	struct plan_figures f;
	struct plan_period p;
	struct plan_row *v;
	size_t n;

	REQUIRE(plan_world(&w, "plan-acl.db"));
	set(&w, w.boris, "2026-11", PLAN_PAYMENTS, 2000000);
	set(&w, w.vera, "2026-11", PLAN_PAYMENTS, 0);
	set(&w, 0, "2026-11", PLAN_PAYMENTS, 3000000);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(plan_set(w.db, w.boris, "2026-11", PLAN_PAYMENTS, 1, &err),
	    SO_EPERM);
	CHECK_INT(plan_delete(w.db, w.boris, "2026-11", PLAN_PAYMENTS, &err),
	    SO_EPERM);
	CHECK_INT(fixture_int(w.db, "SELECT amount FROM plans WHERE user_id "
	    "= (SELECT id FROM users WHERE login = 'boris')"), 2000000);
	REQUIRE(plan_list(w.db, NULL, PLAN_ANYONE, &v, &n, &err) == SO_OK);
	REQUIRE(n == 1);
	CHECK_STR(v[0].login, "boris");
	plan_rows_free(v, n);
	CHECK_INT(plan_list(w.db, NULL, w.vera, &v, &n, &err), SO_EPERM);
	CHECK_INT(plan_list(w.db, NULL, 0, &v, &n, &err), SO_EPERM);
	REQUIRE(plan_period_parse("2026-11", &p, &err) == SO_OK);
	CHECK_INT(plan_figures_load(w.db, &p, 0, &f, &err), SO_EPERM);
	REQUIRE(plan_figures_load(w.db, &p, w.boris, &f, &err) == SO_OK);
	REQUIRE(f.nrows[PLAN_PAYMENTS] == 1);
	CHECK_INT(f.rows[PLAN_PAYMENTS][0].plan, 2000000);
	CHECK_INT(f.rows[PLAN_PAYMENTS][0].fact, 1300000);
	plan_figures_clear(&f);
	db_close(w.db);
}

TEST(test_plan_report_month_shares_forecast_and_the_team_summed)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct plan_world w;
	struct doc d;

	REQUIRE(plan_world(&w, "plan-month.db"));
	/* vera's plan of 0 has no share; the team has no payments plan:
	 * the managers' summed, 20 000.00. */
	set(&w, w.boris, "2026-11", PLAN_PAYMENTS, 2000000);
	set(&w, w.vera, "2026-11", PLAN_PAYMENTS, 0);
	set(&w, w.boris, "2026-11", PLAN_MEETINGS, 4);
	set(&w, 0, "2026-11", PLAN_MEETINGS, 10);
	query(&q, "2026-11-01", "2026-11-30", 1);
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Plan and fact");
	CHECK(fixture_doc_has_text(&d, "Working days in the period: 21, "
	    "elapsed: 16."));
	CHECK(fixture_doc_has_text(&d, "Plan: Payments"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	/* 13 000.00 of 20 000.00; 13 000.00 * 21 / 16 = 17 062.50. */
	CHECK_ROW(t, 0, "boris|20 000.00|13 000.00|65.0%|17 062.50|85.3%");
	CHECK_ROW(t, 1, "vera|0.00|2 500.00|-|3 281.25|-");
	/* The team's fact holds nobody's 1 000.00 too. */
	CHECK_ROW(t, 2, "Team (the managers' plans summed)|20 000.00|"
	    "16 500.00|82.5%|21 656.25|108.3%");
	CHECK_KIND(t, 2, DOC_ROW_TOTAL);
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	/* 2 meetings in 16 of 21 days: 2.625, 3 at the end. */
	CHECK_ROW(t, 0, "boris|4|2|50.0%|3|75.0%");
	CHECK_ROW(t, 1, "vera|-|0|-|0|-");
	CHECK_ROW(t, 2, "Team|10|2|20.0%|3|30.0%");
	/* No plan of won deals or calls: no table for them. */
	CHECK(fixture_doc_table(&d, 2) == NULL);
	doc_free(&d);
	db_close(w.db);
}

TEST(test_plan_report_quarter_year_past_and_future_periods)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct plan_world w;
	struct doc d;

	REQUIRE(plan_world(&w, "plan-periods.db"));
	set(&w, 0, "2026-Q4", PLAN_WON, 10000000);
	set(&w, w.vera, "2026", PLAN_CALLS, 100);
	set(&w, w.boris, "2026-10", PLAN_PAYMENTS, 100000);
	set(&w, w.boris, "2026-12", PLAN_PAYMENTS, 500000);
	/* The quarter: 38 of 66 days; boris 50 000.00 * 66 / 38 =
	 * 86 842.105 -> 86 842.11; vera 52 105.263 -> 52 105.26; the team
	 * 80 000.00 -> 138 947.368 -> 138 947.37. */
	query(&q, "2026-10-01", "2026-12-31", 1);
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "Plan: Deals won, sum"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "boris|-|50 000.00|-|86 842.11|-");
	CHECK_ROW(t, 1, "vera|-|30 000.00|-|52 105.26|-");
	CHECK_ROW(t, 2, "Team|100 000.00|80 000.00|80.0%|138 947.37|"
	    "138.9%");
	CHECK(fixture_doc_table(&d, 1) == NULL);
	doc_free(&d);
	/* The year: 233 of 261 days; vera 2 * 261 / 233 = 2.24 -> 2. */
	query(&q, "2026-01-01", "2026-12-31", 1);
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "Working days in the period: 261, "
	    "elapsed: 233."));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "boris|-|1|-|1|-");
	CHECK_ROW(t, 1, "vera|100|2|2.0%|2|2.0%");
	CHECK_ROW(t, 2, "Team (the managers' plans summed)|100|3|3.0%|3|"
	    "3.0%");
	doc_free(&d);
	/* October is over: the forecast is the fact. */
	query(&q, "2026-10-01", "2026-10-31", 0);
	q.user_id = w.boris;
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "elapsed: 22."));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 1);
	CHECK_ROW(t, 0, "boris|1 000.00|700.00|70.0%|700.00|70.0%");
	doc_free(&d);
	/* December has not begun: no forecast, a payment dated ahead is
	 * a fact already. */
	query(&q, "2026-12-01", "2026-12-31", 0);
	q.user_id = w.boris;
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "boris|5 000.00|400.00|8.0%|-|-");
	doc_free(&d);
	/* No plan at all: said so; not a plan period: refused. */
	query(&q, "2027-01-01", "2027-01-31", 1);
	REQUIRE(report_plan(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_table(&d, 0) == NULL);
	CHECK(fixture_doc_has_text(&d, "No plan is set for this period"));
	doc_free(&d);
	query(&q, "2026-11-02", "2026-11-30", 1);
	CHECK_INT(report_plan(w.db, &q, &d, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "2026-Q4") != NULL);
	db_close(w.db);
}

TEST(test_plan_working_week_from_the_settings)
{
	struct plan_figures f;
	struct plan_period p;
	struct plan_world w;
	struct so_err err = { 0 };

	REQUIRE(plan_world(&w, "plan-week.db"));
	REQUIRE(settings_set_text(w.db, "work.days", "mon-sat", 1, &err) == SO_OK);
	REQUIRE(plan_period_parse("2026-11", &p, &err) == SO_OK);
	REQUIRE(plan_figures_load(w.db, &p, 0, &f, &err) == SO_OK);
	/* Saturdays work: 25 days, 19 of them to the 23rd. */
	CHECK_INT(f.workdays, 25);
	CHECK_INT(f.elapsed, 19);
	plan_figures_clear(&f);
	db_close(w.db);
}

TEST(test_sales_report_shows_the_plan_of_its_period)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct plan_world w;
	struct doc d;

	REQUIRE(plan_world(&w, "plan-sales.db"));
	query(&q, "2026-11-01", "2026-11-30", 1);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK(!fixture_doc_has_text(&d, "Plan: Payments"));
	doc_free(&d);
	set(&w, w.boris, "2026-11", PLAN_PAYMENTS, 2000000);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "Plan: Payments"));
	/* After the managers' table, before the pipeline. */
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	/* The forecast as the plan report has it: the fact over 16 of
	 * November's 21 working days, carried on to the 21. */
	CHECK_INT(t->ncols, 6);
	CHECK_ROW(t, 0, "boris|20 000.00|13 000.00|65.0%|17 062.50|85.3%");
	CHECK_ROW(t, 1, "vera|-|2 500.00|-|3 281.25|-");
	CHECK_ROW(t, 2, "Team (the managers' plans summed)|20 000.00|"
	    "16 500.00|82.5%|21 656.25|108.3%");
	CHECK(fixture_doc_has_text(&d, "Pipeline now: the department"));
	doc_free(&d);
	/* Not a whole month: no plan table. */
	query(&q, "2026-11-01", "2026-11-20", 1);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK(!fixture_doc_has_text(&d, "Plan: Payments"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_plan_facts_read_events_and_payments_by_index)
{
	struct plan_figures f;
	struct plan_period p;
	struct plan_world w;
	struct so_err err = { 0 };
	char *plans;

	REQUIRE(plan_world(&w, "plan-index.db"));
	REQUIRE(plan_period_parse("2026-Q4", &p, &err) == SO_OK);
	fixture_plans_begin(w.db);
	REQUIRE(plan_figures_load(w.db, &p, 0, &f, &err) == SO_OK);
	plans = fixture_plans_end(w.db);
	/* The covering index of done events, not the million rows. */
	CHECK_PLAN(plans, "USING COVERING INDEX events_done");
	CHECK_NO_SCAN(plans, "events");
	CHECK_NO_SCAN(plans, "payments");
	free(plans);
	plan_figures_clear(&f);
	db_close(w.db);
}
