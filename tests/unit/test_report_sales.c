/*
 * The sales report (store/report_sales.c, report/sales.c) on the
 * reports' world (worlds.h): per manager with totals and the pipeline,
 * and one manager's deals.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "worlds.h"

TEST(test_sales_per_manager_with_totals_and_pipeline)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "sales.db"));
	world_query(&q, "2026-11-01", "2026-11-30", 0, 1);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Sales results");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 4);
	CHECK_INT(t->cols[2].align, DOC_RIGHT);
	/* anna: D1 won, D2 lost; paid 1 000 (Гамма) + 40 000 and 5 000
	 * (on her deal D1, the second from boris's company). */
	CHECK_ROW(t, 0, "anna|1|100 000.00|1|50 000.00|46 000.00|50.0%");
	CHECK_ROW(t, 1, "Борис|0|0.00|1|20 000.00|7 000.00|0.0%");
	CHECK_ROW(t, 2, "Вера|0|0.00|0|0.00|0.00|-");
	CHECK_ROW(t, 3, "Total|1|100 000.00|2|70 000.00|53 000.00|33.3%");
	CHECK_KIND(t, 3, DOC_ROW_TOTAL);
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_ROW(t, 0, "First contact|1|10 000.00");
	CHECK_ROW(t, 1, "Need found|0|0.00");
	CHECK_ROW(t, 2, "Proposal sent|0|0.00");
	CHECK_ROW(t, 3, "Negotiation|1|70 000.00");
	CHECK_ROW(t, 4, "Total|2|80 000.00");
	CHECK(fixture_doc_has_text(&d, "Pipeline now: the department"));
	CHECK(fixture_doc_table(&d, 2) == NULL);
	doc_free(&d);
	db_close(w.db);
}

TEST(test_sales_of_one_manager_lists_the_deals)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "sales-one.db"));
	world_query(&q, "2026-11-01", "2026-11-30", 0, 0);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 1);
	CHECK_ROW(t, 0, "anna|1|100 000.00|1|50 000.00|46 000.00|50.0%");
	CHECK_ROW(fixture_doc_table(&d, 1), 0, "First contact|1|10 000.00");
	CHECK_ROW(fixture_doc_table(&d, 1), 3, "Negotiation|0|0.00");
	/* The October win is outside the period. */
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 0, "Поставка|Дельта|Won|100 000.00|2026-11-10|");
	CHECK_ROW(t, 1, "Дорогая|Зета|Lost|50 000.00|2026-11-12|Дорого");
	REQUIRE((t = fixture_doc_table(&d, 3)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_KIND(t, 0, DOC_ROW_GROUP);
	CHECK_STR(t->rows[0].cells[0], "First contact");
	CHECK_ROW(t, 1, "Новая|Альфа|10 000.00");
	doc_free(&d);
	/* A whole year: the October win and the September and October
	 * payments of Kappa and Lambda (3 500) count too. */
	world_query(&q, "2026-01-01", "2026-12-31", 0, 0);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0,
	    "anna|2|130 000.00|1|50 000.00|49 500.00|66.7%");
	doc_free(&d);
	/* Vera: a row of zeros and an empty pipeline. */
	world_query(&q, "2026-11-01", "2026-11-30", w.vera, 0);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0, "Вера|0|0.00|0|0.00|0.00|-");
	CHECK_ROW(fixture_doc_table(&d, 1), 4, "Total|0|0.00");
	CHECK(fixture_doc_has_text(&d, "No deal was won or lost"));
	doc_free(&d);
	world_query(&q, "", "", 424242, 0);
	CHECK_INT(report_sales(w.db, &q, &d, &err), SO_ENOTFOUND);
	db_close(w.db);
}
