/*
 * The activity report (store/report_activity.c, report/activity.c) on
 * the activity week (worlds.h), every number worked out by hand: every
 * column, first vs repeat touches, cancelled, trashed and planned events
 * left out, the local-day bounds, payments credited by the deal's
 * manager over the company's, a manager with nothing (a zero line), a
 * day with no calls but a payment, a column reconfigured so an event
 * type stops counting, a bad period; the document the builder makes.
 * The rules themselves are test_activity.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/activity.h"
#include "store/report_activity.h"
#include "store/settings.h"
#include "worlds.h"

static void
load(struct world_activity *w, int64_t user, struct activity *a)
{
	struct so_err err = { 0 };

	if (activity_load(w->db, user, "2026-11-16", "2026-11-22", a, &err) !=
	    SO_OK)
		harness_fail(__FILE__, __LINE__, "activity: %s", err.msg);
}

/* The eight counts and the payments as "c r p rc pr s h i | pay". */
static char *
counts(const struct activity_counts *c)
{
	return xasprintf("%" PRId64 " %" PRId64 " %" PRId64 " %" PRId64
	    " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " | %" PRId64,
	    c->n[0], c->n[1], c->n[2], c->n[3], c->n[4], c->n[5], c->n[6],
	    c->n[7], c->payments);
}

#define CHECK_COUNTS(c, want) do {					\
	char *s_ = counts(c);						\
	CHECK_STR(s_, want);						\
	free(s_);							\
} while (0)

TEST(test_activity_every_column_by_hand)
{
	struct activity a;
	struct world_activity w;

	REQUIRE(world_activity(&w));
	load(&w, 0, &a);
	REQUIRE(a.n == 4);
	/* anna, Борис, Вера by name; nobody's payment last. */
	CHECK(a.v[0].user_id == w.anna);
	CHECK_STR(a.v[1].full_name, "Борис");
	CHECK_STR(a.v[2].full_name, "Вера");
	CHECK_INT(a.v[3].user_id, 0);

	REQUIRE(a.v[0].ndays == 4);
	CHECK_STR(a.v[0].days[0].day, "2026-11-16");
	/* cold reached proposals repeat productive set held invoices */
	CHECK_COUNTS(&a.v[0].days[0].c, "1 1 1 1 4 1 1 0 | 0");
	CHECK_STR(a.v[0].days[1].day, "2026-11-17");	/* no calls */
	CHECK_COUNTS(&a.v[0].days[1].c, "0 0 0 0 0 0 0 0 | 100000");
	CHECK_STR(a.v[0].days[2].day, "2026-11-18");
	CHECK_COUNTS(&a.v[0].days[2].c, "1 0 0 0 1 0 0 1 | 20000");
	CHECK_STR(a.v[0].days[3].day, "2026-11-22");	/* 23:30 local */
	CHECK_COUNTS(&a.v[0].days[3].c, "0 0 0 1 0 0 0 0 | 0");
	CHECK_COUNTS(&a.v[0].total, "2 1 1 2 5 1 1 1 | 120000");

	REQUIRE(a.v[1].ndays == 3);
	CHECK_STR(a.v[1].days[0].day, "2026-11-17");
	CHECK_COUNTS(&a.v[1].days[0].c, "0 0 0 1 1 1 1 0 | 0");
	CHECK_STR(a.v[1].days[1].day, "2026-11-18");
	CHECK_COUNTS(&a.v[1].days[1].c, "0 0 0 0 0 0 0 0 | 50050");
	CHECK_STR(a.v[1].days[2].day, "2026-11-20");
	CHECK_COUNTS(&a.v[1].days[2].c, "1 1 0 0 1 0 0 0 | 0");
	CHECK_COUNTS(&a.v[1].total, "1 1 0 1 2 1 1 0 | 50050");

	CHECK_INT(a.v[2].ndays, 0);
	CHECK_COUNTS(&a.v[2].total, "0 0 0 0 0 0 0 0 | 0");
	REQUIRE(a.v[3].ndays == 1);
	CHECK_STR(a.v[3].days[0].day, "2026-11-20");
	CHECK_COUNTS(&a.v[3].total, "0 0 0 0 0 0 0 0 | 5000");

	CHECK_COUNTS(&a.total, "3 2 1 3 7 2 2 1 | 175050");
	activity_free(&a);
	db_close(w.db);
}

TEST(test_activity_one_manager_and_an_idle_one)
{
	struct activity a;
	struct world_activity w;

	REQUIRE(world_activity(&w));
	load(&w, w.boris, &a);
	REQUIRE(a.n == 1);
	CHECK(a.v[0].user_id == w.boris);
	CHECK_COUNTS(&a.v[0].total, "1 1 0 1 2 1 1 0 | 50050");
	CHECK_COUNTS(&a.total, "1 1 0 1 2 1 1 0 | 50050");
	activity_free(&a);
	load(&w, w.vera, &a);
	REQUIRE(a.n == 1);
	CHECK_INT(a.v[0].ndays, 0);
	CHECK_COUNTS(&a.total, "0 0 0 0 0 0 0 0 | 0");
	activity_free(&a);
	db_close(w.db);
}

TEST(test_activity_reconfigured_column_changes_the_numbers)
{
	struct so_err err = { 0 };
	struct activity a;
	struct world_activity w;

	REQUIRE(world_activity(&w));
	/* Only calls are productive now: Anna's meeting, e-mail and letter
	 * and Boris's meeting drop out. */
	CHECK_INT(settings_set_text(w.db, "report.activity.productive",
	    "call:productive", 0, &err), SO_OK);
	/* Meetings held: off. */
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held",
	    "off", 0, &err), SO_OK);
	/* Cold calls: e-mails too, any touch (no :first). */
	CHECK_INT(settings_set_text(w.db, "report.activity.cold_calls",
	    "call,email:*", 0, &err), SO_OK);
	load(&w, 0, &a);
	REQUIRE(a.n == 4);
	CHECK_COUNTS(&a.v[0].days[0].c, "3 1 1 1 2 1 0 0 | 0");
	CHECK_COUNTS(&a.v[0].total, "5 1 1 2 2 1 0 1 | 120000");
	CHECK_COUNTS(&a.v[1].total, "2 1 0 1 1 1 0 0 | 50050");
	CHECK_STR(a.rules[ACT_MEETINGS_HELD].words, "not counted");
	activity_free(&a);

	/* "" goes back to the defaults. */
	CHECK_INT(settings_set_text(w.db, "report.activity.productive", "", 0,
	    &err), SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held", "",
	    0, &err), SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.cold_calls", "", 0,
	    &err), SO_OK);
	load(&w, 0, &a);
	CHECK_COUNTS(&a.total, "3 2 1 3 7 2 2 1 | 175050");
	activity_free(&a);
	db_close(w.db);
}

/*
 * A week of a long history (issue 26): the same figures, each company
 * of the week asked once whether it was touched before (a seek in
 * events_done_company), no read of all the events or all the deals.
 * The world's own history is three weeks, where the week is a good part
 * of it and every first touch is read in one pass; a touch three years
 * back makes the week short.
 */
TEST(test_activity_week_of_a_long_history_seeks_its_companies)
{
	struct activity a;
	struct world_activity w;
	int64_t omega;
	char *plans;

	REQUIRE(world_activity(&w));
	omega = fixture_add_company(w.db, &(struct fixture_company){
	    .name = "Omega" });
	fixture_add_event(w.db, &(struct fixture_event){ .subject = "old",
	    .at = fixture_moment("2023-11-20 10:00"), .type = "call",
	    .status = "done", .assignee = w.anna, .company = omega });
	fixture_plans_begin(w.db);
	load(&w, 0, &a);
	plans = fixture_plans_end(w.db);
	CHECK_COUNTS(&a.v[0].total, "2 1 1 2 5 1 1 1 | 120000");
	CHECK_COUNTS(&a.v[1].total, "1 1 0 1 2 1 1 0 | 50050");
	CHECK_COUNTS(&a.total, "3 2 1 3 7 2 2 1 | 175050");
	activity_free(&a);
	CHECK_PLAN(plans, "SEARCH events USING COVERING INDEX events_done "
	    "(start_at>? AND start_at<?)");
	CHECK_PLAN(plans, "SEARCH events USING INDEX events_done_company "
	    "(company_id=? AND start_at<?)");
	CHECK_PLAN(plans, "SEARCH deals USING INTEGER PRIMARY KEY (rowid=?)");
	CHECK_PLAN(plans, "SEARCH payments USING COVERING INDEX payments_day");
	CHECK_NO_SCAN(plans, "events");
	CHECK_NO_SCAN(plans, "deals");
	CHECK_NO_SCAN(plans, "payments");
	free(plans);

	/* One manager's: the same seeks. */
	load(&w, w.boris, &a);
	CHECK_COUNTS(&a.total, "1 1 0 1 2 1 1 0 | 50050");
	activity_free(&a);
	db_close(w.db);
}

TEST(test_activity_bad_period)
{
	struct so_err err = { 0 };
	struct activity a;
	struct world_activity w;

	REQUIRE(world_activity(&w));
	CHECK_INT(activity_load(w.db, 0, "2026-11-31", "2026-12-01", &a,
	    &err), SO_EINVAL);
	CHECK_STR(err.msg, "from: a date as 2026-11-23, not \"2026-11-31\"");
	CHECK_INT(activity_load(w.db, 0, "2026-11-20", "2026-11-10", &a,
	    &err), SO_EINVAL);
	CHECK_INT(activity_load(w.db, 12345, "2026-11-10", "2026-11-20", &a,
	    &err), SO_ENOTFOUND);
	db_close(w.db);
}

TEST(test_activity_report_document)
{
	struct report_query q = { .from = "2026-11-16", .to = "2026-11-22",
	    .all = 1, .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	struct doc_table *t = NULL;
	struct world_activity w;
	struct doc d;
	size_t i;

	REQUIRE(world_activity(&w));
	REQUIRE(report_activity(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Activity report");
	CHECK_STR(d.period, "2026-11-16 - 2026-11-22");
	CHECK_STR(d.user, "all managers");
	CHECK(d.landscape);
	for (i = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == DOC_TABLE)
			t = d.blocks[i].table;
	REQUIRE(t != NULL);
	REQUIRE(t->ncols == 11);
	CHECK_STR(t->cols[2].label, "Cold calls");
	CHECK_INT(t->cols[10].align, DOC_RIGHT);
	/* anna: 4 days + total; Борис 3 + total; Вера a total; nobody
	 * 1 + total; the department's total. */
	REQUIRE(t->nrows == 5 + 4 + 1 + 2 + 1);
	CHECK_STR(t->rows[1].cells[0], "2026-11-17");
	CHECK_STR(t->rows[1].cells[10], "1 000.00");
	CHECK_INT(t->rows[4].kind, DOC_ROW_TOTAL);
	CHECK_STR(t->rows[4].cells[0], "Total");
	CHECK_STR(t->rows[4].cells[1], "anna");
	CHECK_STR(t->rows[4].cells[6], "5");
	CHECK_STR(t->rows[9].cells[1], "Вера (vera)");
	CHECK_STR(t->rows[9].cells[2], "0");
	CHECK_STR(t->rows[12].cells[1], "all managers");
	CHECK_STR(t->rows[12].cells[10], "1 750.50");
	CHECK(d.blocks[d.nblocks - 1].kind == DOC_PARA);
	CHECK(strstr(d.blocks[d.nblocks - 1].text, "Cold calls: Call, any "
	    "result, only the first done touch of the company "
	    "(call:*:first).") != NULL);
	doc_free(&d);

	/* One manager: no department total. */
	q.all = 0;
	q.user_id = w.boris;
	REQUIRE(report_activity(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.user, "Борис (boris)");
	for (i = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == DOC_TABLE)
			CHECK_INT(d.blocks[i].table->nrows, 4);
	doc_free(&d);
	db_close(w.db);
}
