/*
 * The client-base audit (store/report_audit.c, report/audit.c) on the
 * reports' world (worlds.h): companies and sums per ABC category, who
 * moved, who has had no touch for 90 days (or the team's N), counted
 * from today or from the end of a past period.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/settings.h"
#include "worlds.h"

TEST(test_audit_counts_categories_and_movers)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "audit.db"));
	world_query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Client base audit (ABC)");
	CHECK(fixture_doc_has_text(&d, "Categories in 2026-10"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "A|1|2 000.00");
	CHECK_ROW(t, 1, "B|1|300.00");
	CHECK_ROW(t, 2, "C|1|50.00");
	CHECK_ROW(t, 3, "unranked|8|");
	CHECK_ROW(t, 4, "Total|11|2 350.00");
	CHECK(fixture_doc_has_text(&d, "2026-09 -> 2026-10"));
	CHECK(fixture_doc_has_text(&d, "1 moved up, 0 moved down, 1 newly "
	    "ranked, 1 dropped out"));
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Kappa|anna|A|-|1 000.00|");
	CHECK_ROW(t, 1, "Lambda|anna|B|A|500.00|2 000.00");
	CHECK_ROW(t, 2, "Nu|Борис|-|B||300.00");
	doc_free(&d);
	/* anna's companies only. */
	world_query(&q, "", "2026-11-23", 0, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0, "A|1|2 000.00");
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "C|0|0.00");
	CHECK_ROW(fixture_doc_table(&d, 0), 3, "unranked|6|");
	CHECK_INT(fixture_doc_nrows(fixture_doc_table(&d, 1)), 2);
	doc_free(&d);
	/* Up to September: nothing earlier to compare with. */
	world_query(&q, "", "2026-09-30", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "Categories in 2026-09"));
	CHECK(fixture_doc_has_text(&d, "No earlier ranked month"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_audit_lists_companies_without_a_touch_for_90_days)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "audit-idle.db"));
	world_query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "none since 2026-08-26"));
	/* Customers by their payments: Гамма, Omega, Kappa..Nu; Зета by
	 * hand.  Touched since: Гамма, Mu, Зета. */
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 4);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	CHECK_ROW(t, 1, "Nu|Борис|B|customer|never");
	CHECK_ROW(t, 2, "Omega|Борис|-|customer|never");
	CHECK_ROW(t, 3, "Lambda|anna|A|regular|2026-06-01 Call");
	doc_free(&d);
	world_query(&q, "", "2026-11-23", 0, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	doc_free(&d);
	/* Ending 2026-07-15: Lambda's June call is within 90 days, and
	 * the November calls of Гамма and Зета are after the end. */
	world_query(&q, "", "2026-07-15", w.anna, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "No month has been ranked"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	CHECK_ROW(t, 1, "Гамма|anna|-|customer|never");
	CHECK_ROW(t, 2, "Зета|anna|-|customer|never");
	doc_free(&d);
	db_close(w.db);
}

/* Whether a row of t is the company name's. */
static int
has_company(const struct doc_table *t, const char *name)
{
	size_t i, n = strlen(name);
	int found = 0;

	for (i = 0; i < t->nrows; i++) {
		char *row = fixture_doc_row(t, i);

		found |= strncmp(row, name, n) == 0 && row[n] == '|';
		free(row);
	}
	return found;
}

/*
 * "No touch for 90 days" counts back from today when the period runs
 * past it: a company touched 79 days ago is not idle in the current
 * quarter (it used to be, counted from 2026-12-31).  A past period
 * counts back from its end.
 */
TEST(test_audit_idle_counts_from_today_in_a_current_period)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "audit-now.db"));
	/* Kappa: a call done 2026-09-05, 79 days before today */
	REQUIRE(fixture_add_event(w.db, &(struct fixture_event){
	    .subject = "call Kappa", .type = "call", .status = "done",
	    .at = fixture_moment("2026-09-05 10:00"), .company = w.kappa,
	    .assignee = w.anna }) > 0);
	world_query(&q, "2026-10-01", "2026-12-31", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "No touch for 90 days (none since "
	    "2026-08-26)"));
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Nu|Борис|B|customer|never");
	CHECK_ROW(t, 1, "Omega|Борис|-|customer|never");
	CHECK_ROW(t, 2, "Lambda|anna|A|regular|2026-06-01 Call");
	doc_free(&d);
	/* A past period, ending 2026-10-31: 90 days back from its end,
	 * 2026-08-03; Kappa's call is within them, Lambda's is not. */
	world_query(&q, "2026-10-01", "2026-10-31", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "none since 2026-08-03"));
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK(!has_company(t, "Kappa"));
	CHECK(has_company(t, "Lambda"));
	doc_free(&d);
	db_close(w.db);
}

/* N is the team's report.audit.idle_days, a whole number of days. */
TEST(test_audit_idle_days_is_a_team_setting)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "audit-n.db"));
	REQUIRE(fixture_add_event(w.db, &(struct fixture_event){
	    .subject = "call Kappa", .type = "call", .status = "done",
	    .at = fixture_moment("2026-09-05 10:00"), .company = w.kappa,
	    .assignee = w.anna }) > 0);
	CHECK_INT(settings_set_text(w.db, "report.audit.idle_days", "60", 1,
	    &err), SO_OK);
	world_query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "No touch for 60 days (none since "
	    "2026-09-25)"));
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK(has_company(t, "Kappa"));
	doc_free(&d);
	CHECK_INT(settings_set_text(w.db, "report.audit.idle_days", "sixty",
	    1, &err), SO_EINVAL);
	CHECK_STR(err.field, "report.audit.idle_days");
	CHECK_INT(settings_set_text(w.db, "report.audit.idle_days", "0", 1,
	    &err), SO_EINVAL);
	CHECK_INT(settings_set_text(w.db, "report.audit.idle_days", "99999",
	    1, &err), SO_EINVAL);
	/* back to the default */
	CHECK_INT(settings_set_text(w.db, "report.audit.idle_days", "", 1,
	    &err), SO_OK);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "No touch for 90 days"));
	doc_free(&d);
	db_close(w.db);
}
