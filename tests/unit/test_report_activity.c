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
#include "store/journal_sent.h"
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
	/* Day, weekday, lateness, the eight, payments, journal sent; each
	 * manager heads their rows. */
	REQUIRE(t->ncols == 13);
	CHECK_STR(t->cols[1].label, "Wd");
	CHECK_STR(t->cols[2].label, "Late min");
	CHECK_STR(t->cols[3].label, "Cold calls");
	CHECK_INT(t->cols[11].align, DOC_RIGHT);
	CHECK_STR(t->cols[12].label, "Sent to head");
	/* anna: her name, 4 days, a total; Борис 1 + 3 + 1; Вера 1 + a
	 * total; nobody 1 + 1 + 1; the department's 1 + 1. */
	REQUIRE(t->nrows == 6 + 5 + 2 + 3 + 2);
	CHECK_INT(t->rows[0].kind, DOC_ROW_GROUP);
	CHECK_STR(t->rows[0].cells[0], "anna");
	CHECK_STR(t->rows[1].cells[0], "2026-11-16");
	CHECK_STR(t->rows[1].cells[1], "Mon");
	CHECK_STR(t->rows[1].cells[2], "60");	/* 10:00 against 09:00 */
	CHECK_STR(t->rows[2].cells[0], "2026-11-17");
	CHECK_STR(t->rows[2].cells[1], "Tue");
	CHECK_STR(t->rows[2].cells[2], "");	/* a payment, no touch */
	CHECK_STR(t->rows[2].cells[11], "1 000.00");
	CHECK_STR(t->rows[2].cells[12], "");
	CHECK_STR(t->rows[3].cells[2], "0");	/* 09:00 sharp */
	CHECK_STR(t->rows[4].cells[1], "Sun");
	CHECK_STR(t->rows[4].cells[2], "");	/* a day off */
	CHECK_INT(t->rows[5].kind, DOC_ROW_TOTAL);
	CHECK_STR(t->rows[5].cells[0], "Total");
	CHECK_STR(t->rows[5].cells[1], "");
	CHECK_STR(t->rows[5].cells[2], "60");
	CHECK_STR(t->rows[5].cells[7], "5");
	CHECK_STR(t->rows[5].cells[12], "0");
	CHECK_STR(t->rows[6].cells[0], "Борис (boris)");
	CHECK_STR(t->rows[11].cells[0], "Вера (vera)");
	CHECK_STR(t->rows[12].cells[3], "0");
	CHECK_STR(t->rows[13].cells[0], "no manager");
	CHECK_INT(t->rows[16].kind, DOC_ROW_GROUP);
	CHECK_STR(t->rows[16].cells[0], "all managers");
	CHECK_STR(t->rows[17].cells[0], "Total");
	CHECK_STR(t->rows[17].cells[2], "180");
	CHECK_STR(t->rows[17].cells[11], "1 750.50");
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
			CHECK_INT(d.blocks[i].table->nrows, 5);
	doc_free(&d);
	db_close(w.db);
}

/*
 * The template's three columns and the merge's messages, by hand on the
 * activity week (work.start 09:00, Monday to Friday):
 *
 * anna	11-16 Mon first touch 10:00: 60 min late; 11-17 a payment, no touch:
 *	blank; 11-18 09:00: 0; 11-22 Sun: a day off, blank.  Her journal
 *	of 11-16 sent on 11-16 08:00 is not tomorrow's: no mark.
 * Борис	11-17 10:00: 60; 11-18 no touch; 11-20 10:00: 60; 11-21 Sat
 *	nothing but the journal of 11-23 sent at 12:00: a line of its own.
 * Вера	11-19 Thu 08:30 a merge's e-mail to Epsilon (new), 09:20 a call to
 *	Epsilon, 11:00 another: the 09:20 call is cold (the e-mail is no
 *	touch), the 11:00 one repeat, and she began at 09:20: 20 min late.
 *	The journal of 11-20 sent at 18:00: marked.
 */
static int64_t
send_journal(struct world_activity *w, int64_t user, const char *login,
    const char *day, const char *at)
{
	struct so_err err = { 0 };

	db_set_user(w->db, user, login, "manager");
	db_set_now(w->db, (time_t)fixture_moment(at));
	if (journal_sent_record(w->db, day, JOURNAL_BY_MAIL, "head@example.ru",
	    &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "journal: %s", err.msg);
	db_set_user(w->db, w->anna, "anna", "admin");
	db_set_now(w->db, FIXTURE_NOW);
	return 1;
}

static void
template_week(struct world_activity *w, int64_t *epsilon)
{
	struct so_err err = { 0 };
	int64_t mail;

	*epsilon = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Epsilon", .manager = w->vera });
	mail = fixture_add_event(w->db, &(struct fixture_event){
	    .subject = "offer", .at = fixture_moment("2026-11-19 08:30"),
	    .type = "email", .status = "done", .assignee = w->vera,
	    .company = *epsilon });
	if (merge_message_mark(w->db, mail, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "mark: %s", err.msg);
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "call",
	    .at = fixture_moment("2026-11-19 09:20"), .type = "call",
	    .result = "no_answer", .status = "done", .assignee = w->vera,
	    .company = *epsilon });
	fixture_add_event(w->db, &(struct fixture_event){ .subject = "call",
	    .at = fixture_moment("2026-11-19 11:00"), .type = "call",
	    .result = "callback", .status = "done", .assignee = w->vera,
	    .company = *epsilon });
	send_journal(w, w->anna, "anna", "2026-11-16", "2026-11-16 08:00");
	send_journal(w, w->vera, "vera", "2026-11-20", "2026-11-19 18:00");
	send_journal(w, w->boris, "boris", "2026-11-23", "2026-11-21 12:00");
}

TEST(test_activity_weekday_lateness_journal_and_merge)
{
	struct so_err err = { 0 };
	struct world_activity w;
	struct activity a;
	int64_t epsilon;
	int first;

	REQUIRE(world_activity(&w));
	template_week(&w, &epsilon);
	/* The merge's e-mail before it is no touch: the call is first. */
	CHECK_INT(activity_first_touch(w.db, epsilon, 0,
	    fixture_moment("2026-11-19 09:20"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	CHECK_INT(activity_first_touch(w.db, epsilon, 0,
	    fixture_moment("2026-11-19 11:00"), &first, &err), SO_OK);
	CHECK_INT(first, 0);

	load(&w, 0, &a);
	REQUIRE(a.n == 4);
	REQUIRE(a.v[0].ndays == 4);			/* anna */
	CHECK_INT(a.v[0].days[0].wday, 1);
	CHECK_INT(a.v[0].days[0].late, 60);
	CHECK_INT(a.v[0].days[0].journal_sent, 0);	/* not tomorrow's */
	CHECK_INT(a.v[0].days[1].wday, 2);
	CHECK_INT(a.v[0].days[1].late, -1);		/* no touch */
	CHECK_INT(a.v[0].days[2].late, 0);		/* on time */
	CHECK_INT(a.v[0].days[3].wday, 0);
	CHECK_INT(a.v[0].days[3].late, -1);		/* Sunday */
	CHECK(a.v[0].total.late_min == 60);
	CHECK(a.v[0].total.journals == 0);

	REQUIRE(a.v[1].ndays == 4);			/* Борис */
	CHECK_INT(a.v[1].days[0].late, 60);
	CHECK_INT(a.v[1].days[1].late, -1);
	CHECK_INT(a.v[1].days[2].late, 60);
	CHECK_STR(a.v[1].days[3].day, "2026-11-21");
	CHECK_INT(a.v[1].days[3].wday, 6);
	CHECK_INT(a.v[1].days[3].late, -1);
	CHECK_INT(a.v[1].days[3].journal_sent, 1);
	CHECK_COUNTS(&a.v[1].days[3].c, "0 0 0 0 0 0 0 0 | 0");
	CHECK(a.v[1].total.late_min == 120);
	CHECK(a.v[1].total.journals == 1);

	REQUIRE(a.v[2].ndays == 1);			/* Вера */
	CHECK_STR(a.v[2].days[0].day, "2026-11-19");
	CHECK_INT(a.v[2].days[0].wday, 4);
	CHECK_INT(a.v[2].days[0].late, 20);		/* 09:20, not 08:30 */
	CHECK_INT(a.v[2].days[0].journal_sent, 1);
	/* cold 1 (09:20), repeat 1 (11:00): the e-mail counts nowhere */
	CHECK_COUNTS(&a.v[2].days[0].c, "1 0 0 1 0 0 0 0 | 0");
	CHECK(a.total.late_min == 200);
	CHECK(a.total.journals == 2);
	CHECK_STR(a.work_start, "09:00");
	activity_free(&a);

	/* The team starts at 08:00: every late day an hour later. */
	CHECK_INT(settings_set_text(w.db, "work.start", "08:00", 1, &err),
	    SO_OK);
	load(&w, w.vera, &a);
	REQUIRE(a.n == 1 && a.v[0].ndays == 1);
	CHECK_INT(a.v[0].days[0].late, 80);
	CHECK_STR(a.work_start, "08:00");
	activity_free(&a);
	db_close(w.db);
}

TEST(test_journal_sent_list_says_who_sent)
{
	struct so_err err = { 0 };
	struct journal_sending *v;
	struct world_activity w;
	int64_t epsilon;
	size_t n;

	REQUIRE(world_activity(&w));
	template_week(&w, &epsilon);
	send_journal(&w, w.vera, "vera", "2026-11-20", "2026-11-19 18:30");
	REQUIRE(journal_sent_list(w.db, 0, "2026-11-20", &v, &n, &err) ==
	    SO_OK);
	REQUIRE(n == 3);
	CHECK_STR(v[0].login, "anna");
	CHECK(v[0].sent_at == 0);
	CHECK_INT(v[0].times, 0);
	CHECK_STR(v[1].login, "boris");
	CHECK(v[1].sent_at == 0);			/* 11-23's, not 11-20's */
	CHECK_STR(v[2].login, "vera");
	CHECK(v[2].sent_at == fixture_moment("2026-11-19 18:30"));
	CHECK_INT(v[2].times, 2);
	CHECK_STR(v[2].how, "mail");
	CHECK_STR(v[2].dest, "head@example.ru");
	journal_sent_free(v, n);

	/* A manager: their own line only. */
	db_set_user(w.db, w.boris, "boris", "manager");
	CHECK_INT(journal_sent_list(w.db, 0, "2026-11-20", &v, &n, &err),
	    SO_EPERM);
	REQUIRE(journal_sent_list(w.db, w.boris, "2026-11-23", &v, &n,
	    &err) == SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(v[0].times, 1);
	journal_sent_free(v, n);
	db_close(w.db);
}
