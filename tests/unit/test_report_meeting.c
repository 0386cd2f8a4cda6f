/*
 * The meeting report (store/report_meeting.c, report/meeting.c) on the
 * reports' world (worlds.h): the meeting and what follows it, the
 * decision maker when the event names nobody, the latest done meeting
 * when no id is given, what is not a meeting refused.  The checks read
 * the documents the builders make (the cells of their tables), so they
 * hold for whatever the writers do with them.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "worlds.h"

TEST(test_meeting_report_shows_the_meeting_and_what_follows)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "meeting.db"));
	world_query(&q, "", "", 0, 0);
	q.id = w.m1;
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Meeting report");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_STR(t->cols[0].label, "Field");
	CHECK_STR(t->cols[1].label, "Value");
	CHECK_ROW(t, 0, "Date and time|2026-11-05 10:00 - 11:00");
	CHECK_ROW(t, 1, "Manager|anna");
	CHECK_ROW(t, 2, "Company|Бета");
	CHECK_ROW(t, 3, "Contact|Иванов Пётр");
	CHECK_ROW(t, 4, "Position|Главный инженер");
	CHECK_ROW(t, 5, "Phones|+7 843 200-00-02, +7 917 000-00-02");
	CHECK_ROW(t, 6, "E-mail|ivanov@beta.ru");
	CHECK_ROW(t, 7, "Subject|Презентация");
	CHECK_ROW(t, 8, "Manager's notes|Обсудили поставку");
	CHECK_ROW(t, 9, "Result|Meeting held");
	CHECK_ROW(t, 10, "Result comment|Клиент заинтересован");
	CHECK_ROW(t, 11, "Our next actions|Отправить КП");
	CHECK_ROW(t, 12, "Client's next actions|Согласовать бюджет");
	CHECK_INT(t->nrows, 13);
	/* After the meeting: the open task due 11-24, the call of 11-25,
	 * the undated task; not the done task nor the task due before. */
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "2026-11-24 12:00|Task|Подготовить договор|anna");
	CHECK_ROW(t, 1, "2026-11-25 10:00|Call|Перезвонить|anna");
	CHECK_ROW(t, 2, "no due date|Task|Когда-нибудь|anna");
	doc_free(&d);
	db_close(w.db);
}

TEST(test_meeting_report_falls_back_to_the_decision_maker)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world_reports w;
	struct doc d;
	int64_t id;

	REQUIRE(world_reports(&w, "meeting-dm.db"));
	id = fixture_add_event(w.db, &(struct fixture_event){
	    .company = w.c[1], .contact = SO_NULL, .type = "meeting",
	    .status = "done", .result = "held", .at = NOV(12, 15),
	    .assignee = w.anna, .subject = "Без контакта" });
	world_query(&q, "", "", 0, 0);
	q.id = id;
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 3, "Contact|Яковлев Олег");
	CHECK_ROW(fixture_doc_table(&d, 0), 5, "Phones|+7 843 100-00-01");
	CHECK(fixture_doc_has_text(&d, "Nothing is planned"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_meeting_report_without_id_takes_the_latest_done_meeting)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world_reports w;
	struct doc d;

	REQUIRE(world_reports(&w, "meeting-latest.db"));
	world_query(&q, "", "", 0, 0);
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "Company|Дельта");
	doc_free(&d);
	world_query(&q, "2026-11-01", "2026-11-05", 0, 0);
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "Company|Бета");
	doc_free(&d);
	/* boris has done no meeting. */
	world_query(&q, "", "", w.boris, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "no meeting") != NULL);
	world_query(&q, "2026-01-01", "2026-01-31", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "2026-01-01") != NULL);
	db_close(w.db);
}

TEST(test_meeting_report_refuses_what_is_not_a_meeting)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world_reports w;
	struct doc d;
	char want[64];

	REQUIRE(world_reports(&w, "meeting-bad.db"));
	world_query(&q, "", "", 0, 0);
	q.id = w.call1;
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "id");
	snprintf(want, sizeof(want), "event #%lld is not a meeting",
	    (long long)w.call1);
	CHECK(strstr(err.msg, want) != NULL);
	q.id = 999999;
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "999999") != NULL);
	world_query(&q, "2026-13-01", "", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "from");
	world_query(&q, "2026-11-10", "2026-11-01", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "to");
	db_close(w.db);
}

/* The header gives the meeting's date, not the period the report was
 * asked for (this month by default). */
TEST(test_meeting_report_header_shows_the_meeting_date)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world_reports w;
	struct doc d;
	int64_t id;

	REQUIRE(world_reports(&w, "meeting-date.db"));
	world_query(&q, "2026-11-01", "2026-11-30", 0, 0);
	q.id = w.m1;
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.period, "2026-11-05");
	doc_free(&d);
	/* a meeting of another month, asked for this month */
	id = fixture_add_event(w.db, &(struct fixture_event){
	    .company = w.c[1], .type = "meeting", .status = "done",
	    .result = "held", .at = fixture_moment("2026-10-14 15:00"),
	    .assignee = w.anna, .subject = "Октябрьская" });
	REQUIRE(id > 0);
	q.id = id;
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.period, "2026-10-14");
	doc_free(&d);
	db_close(w.db);
}
