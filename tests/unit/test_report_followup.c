/*
 * The follow-up report (store/report_followup.c, report/followup.c) on
 * the reports' world (worlds.h): the warm clients that bought nothing,
 * the unplanned first and the oldest touch first, the period keeping
 * the warm events in it.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "worlds.h"

TEST(test_followup_lists_warm_clients_that_bought_nothing)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "followup.db"));
	world_query(&q, "", "", 0, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Follow-up: warm clients");
	CHECK(fixture_doc_has_text(&d, "2 warm companies"));
	CHECK(fixture_doc_has_text(&d, "1 without a next touch"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	/* Гамма paid, Дельта has a won deal, Эпсилон is boris's. */
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 0, "!|Альфа|anna|2026-11-10 Proposal sent|"
	    "2026-11-10 Call, Proposal sent|");
	CHECK_KIND(t, 0, DOC_ROW_MARK);
	CHECK_ROW(t, 1, "|Бета|anna|2026-11-05 Meeting|"
	    "2026-11-05 Meeting, Meeting held|2026-11-25 10:00 Call");
	CHECK_KIND(t, 1, DOC_ROW);
	doc_free(&d);
	db_close(w.db);
}

TEST(test_followup_department_sorts_unplanned_first_oldest_first)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "followup-all.db"));
	world_query(&q, "", "", 0, 1);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "3 warm companies"));
	CHECK(fixture_doc_has_text(&d, "2 without a next touch"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	/* Эпсилон's overdue planned call is no next touch. */
	CHECK_ROW(t, 0, "!|Альфа|anna|2026-11-10 Proposal sent|"
	    "2026-11-10 Call, Proposal sent|");
	CHECK_ROW(t, 1, "!|Эпсилон|Борис|2026-11-11 Proposal sent|"
	    "2026-11-11 Call, Proposal sent|");
	CHECK_ROW(t, 2, "|Бета|anna|2026-11-05 Meeting|"
	    "2026-11-05 Meeting, Meeting held|2026-11-25 10:00 Call");
	doc_free(&d);
	/* The same through the period variant of the query. */
	world_query(&q, "2026-11-08", "2026-11-23", 0, 1);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 1, "!|Эпсилон|Борис|2026-11-11 Proposal sent|"
	    "2026-11-11 Call, Proposal sent|");
	doc_free(&d);
	/* Boris alone; vera has none. */
	world_query(&q, "", "", w.boris, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK_INT(fixture_doc_nrows(fixture_doc_table(&d, 0)), 1);
	doc_free(&d);
	world_query(&q, "", "", w.vera, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_table(&d, 0) == NULL);
	CHECK(fixture_doc_has_text(&d, "0 warm companies"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_followup_period_keeps_the_warm_events_in_it)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "followup-period.db"));
	/* Бета's meeting (11-05) is before the period. */
	world_query(&q, "2026-11-08", "2026-11-23", 0, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 1);
	CHECK_ROW(t, 0, "!|Альфа|anna|2026-11-10 Proposal sent|"
	    "2026-11-10 Call, Proposal sent|");
	doc_free(&d);
	db_close(w.db);
}
