/*
 * The key-client report (store/report_keyclients.c,
 * report/keyclients.c) on the reports' world (worlds.h): the VIP
 * companies in scope with their people.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "worlds.h"

TEST(test_keyclients_lists_vip_companies_in_scope_with_people)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "keys.db"));
	world_query(&q, "", "", 0, 0);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Key clients");
	CHECK(fixture_doc_has_text(&d, "1 key clients (category VIP) with 2 "
	    "contacts"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_KIND(t, 0, DOC_ROW_GROUP);
	CHECK_STR(t->rows[0].cells[0], "Альфа, Казань - anna; last touch: "
	    "2026-11-10 Call; next: none");
	CHECK_ROW(t, 1, "Яковлев Олег|Директор|+7 843 100-00-01|"
	    "petrov@alfa.ru");
	CHECK_ROW(t, 2, "Сидоров Иван|Снабженец|+7 900 000-00-11|");
	doc_free(&d);
	world_query(&q, "", "", 0, 1);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 5);
	CHECK_STR(t->rows[3].cells[0], "Эпсилон, Москва - Борис; last touch: "
	    "2026-11-11 Call; next: none");
	CHECK_ROW(t, 4, "Кузнецова Анна|Директор|+7 495 000-00-05|");
	doc_free(&d);
	world_query(&q, "", "", w.vera, 0);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_table(&d, 0) == NULL);
	doc_free(&d);
	db_close(w.db);
}
