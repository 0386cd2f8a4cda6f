/*
 * The activity report: every column's number on a small week worked out
 * by hand (below), first vs repeat touches, cancelled, trashed and
 * planned events left out, the local-day bounds, payments credited by
 * the deal's manager over the company's, a manager with nothing (a zero
 * line), a day with no calls but a payment, a column reconfigured so an
 * event type stops counting; the rule grammar and its error messages;
 * only a head or an admin may change the rules; the document the
 * builder makes.
 *
 * The fixture's clock is Monday 2026-11-23 09:00 in Moscow; the week is
 * Monday 2026-11-16 to Sunday 2026-11-22.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/activity.h"
#include "store/entities.h"
#include "store/report_activity.h"
#include "store/settings.h"
#include "store/users.h"

struct world {
	struct db	*db;
	int64_t		 anna, boris, vera;
	int64_t		 alpha, beta, gamma, delta, kuz;
};

/* An event of user at "YYYY-MM-DD HH:MM"; status done unless given. */
static int64_t
ev(struct world *w, int64_t user, const char *at, const char *type,
    const char *result, int64_t company, int64_t contact, const char *status)
{
	char *subject = xasprintf("%s %s", type, at);
	int64_t id;

	id = fixture_add_event(w->db, &(struct fixture_event){
	    .subject = subject, .at = fixture_moment(at), .type = type,
	    .result = result, .assignee = user, .company = company,
	    .contact = contact, .status = status ? status : "done" });
	free(subject);
	return id;
}

/* A company; manager 0: nobody's (set by no_manager at the end, since
 * the store gives a company without one the current user on any
 * update, and a payment moves it along the sales path). */
static int64_t
company(struct world *w, const char *name, int64_t manager)
{
	return fixture_add_company(w->db, &(struct fixture_company){
	    .name = name, .manager = manager });
}

static void
no_manager(struct world *w, int64_t id)
{
	char *sql = xasprintf("UPDATE companies SET manager_id = NULL "
	    "WHERE id = %" PRId64, id);

	if (db_exec(w->db, sql, NULL) != SO_OK)
		harness_fail(__FILE__, __LINE__, "no manager");
	free(sql);
}

static int64_t
deal(struct world *w, int64_t company_id, int64_t manager)
{
	return fixture_add_deal(w->db, &(struct fixture_deal){
	    .title = "Deal", .company = company_id, .manager = manager });
}

static int64_t
pay(struct world *w, int64_t company_id, int64_t deal_id, const char *on,
    int64_t kopecks)
{
	return fixture_add_payment(w->db, &(struct fixture_payment){
	    .company = company_id, .deal = deal_id, .paid_on = on,
	    .amount = kopecks });
}

/*
 * The week, by hand (companies: Alpha is Boris's, Beta Anna's, Gamma
 * and Delta nobody's; Kuznetsov a contact without a company):
 *
 * anna	11-02 10:00 call Beta no_answer        before the week: Beta touched
 *	11-16 10:00 call Beta reached_dm       repeat, reached DM, productive
 *	11-16 11:00 call Alpha proposal_sent   Alpha's first: cold, proposal,
 *					       productive
 *	11-16 12:00 meeting Beta held          held, productive
 *	11-16 13:00 email Beta meeting_set     set, productive
 *	11-16 14:00 call Beta invoice, cancelled   not counted
 *	11-16 15:00 call Beta callback, trashed    not counted
 *	11-16 16:00 call Beta, planned             not counted
 *	11-17       (no event; payment 1 000.00 for Beta: Anna's)
 *	11-18 09:00 letter Beta invoice_issued invoices, productive
 *	11-18 10:00 call Gamma no_answer       Gamma's first: cold
 *	            (payment 200.00 for Gamma on Anna's deal)
 *	11-19       nothing: no row
 *	11-15 23:30 call Delta callback        before the week (Delta touched)
 *	11-22 23:30 call Delta callback        repeat (the last local day)
 *	11-23 00:00 call Delta callback        after the week
 * boris 11-17 10:00 call Alpha no_answer      repeat (Anna called first)
 *	11-17 11:00 meeting Alpha meeting_set  set, held, productive
 *	11-18       (payment 500.50 for Beta on Boris's deal: Boris's)
 *	11-20 10:00 call Kuznetsov reached_dm  his first: cold, reached DM,
 *					       productive
 * vera	nothing: a zero line
 * nobody 11-20 payment 50.00 for Gamma without a deal; 11-19 a trashed
 *	payment and 11-24 one after the week: not counted
 */
static int
setup(struct world *w)
{
	struct so_err err = { 0 };
	int64_t d1, d2;

	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open("activity.db")) == NULL)
		return 0;
	w->anna = db_user_id(w->db);
	w->boris = fixture_add_user_row(w->db, "boris", "Борис");
	w->vera = fixture_add_user_row(w->db, "vera", "Вера");
	w->alpha = company(w, "Alpha", w->boris);
	w->beta = company(w, "Beta", w->anna);
	w->gamma = company(w, "Gamma", 0);
	w->delta = company(w, "Delta", 0);
	w->kuz = fixture_add_contact(w->db, &(struct fixture_contact){
	    .last = "Кузнецов" });

	ev(w, w->anna, "2026-11-02 10:00", "call", "no_answer", w->beta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-16 10:00", "call", "reached_dm", w->beta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-16 11:00", "call", "proposal_sent", w->alpha,
	    0, NULL);
	ev(w, w->anna, "2026-11-16 12:00", "meeting", "held", w->beta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-16 13:00", "email", "meeting_set", w->beta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-16 14:00", "call", "invoice_issued", w->beta,
	    0, "cancelled");
	store_event_delete(w->db, ev(w, w->anna, "2026-11-16 15:00", "call",
	    "callback", w->beta, 0, NULL), &err);
	ev(w, w->anna, "2026-11-16 16:00", "call", NULL, w->beta, 0,
	    "planned");
	ev(w, w->anna, "2026-11-18 09:00", "letter", "invoice_issued",
	    w->beta, 0, NULL);
	ev(w, w->anna, "2026-11-18 10:00", "call", "no_answer", w->gamma, 0,
	    NULL);
	ev(w, w->anna, "2026-11-15 23:30", "call", "callback", w->delta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-22 23:30", "call", "callback", w->delta, 0,
	    NULL);
	ev(w, w->anna, "2026-11-23 00:00", "call", "callback", w->delta, 0,
	    NULL);
	ev(w, w->boris, "2026-11-17 10:00", "call", "no_answer", w->alpha, 0,
	    NULL);
	ev(w, w->boris, "2026-11-17 11:00", "meeting", "meeting_set",
	    w->alpha, 0, NULL);
	ev(w, w->boris, "2026-11-20 10:00", "call", "reached_dm", 0, w->kuz,
	    NULL);

	d1 = deal(w, w->beta, w->boris);
	d2 = deal(w, w->gamma, w->anna);
	pay(w, w->beta, 0, "2026-11-17", 100000);
	pay(w, w->beta, d1, "2026-11-18", 50050);
	pay(w, w->gamma, d2, "2026-11-18", 20000);
	store_payment_delete(w->db, pay(w, w->alpha, 0, "2026-11-19", 99900),
	    &err);
	pay(w, w->gamma, 0, "2026-11-20", 5000);
	pay(w, w->beta, 0, "2026-11-24", 700000);
	no_manager(w, w->gamma);
	no_manager(w, w->delta);
	return w->boris > 0 && w->vera > 0 && w->kuz > 0;
}

static void
load(struct world *w, int64_t user, struct activity *a)
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
	struct world w;

	REQUIRE(setup(&w));
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
	struct world w;

	REQUIRE(setup(&w));
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
	struct world w;

	REQUIRE(setup(&w));
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

TEST(test_activity_first_and_repeat_touches)
{
	struct so_err err = { 0 };
	struct world w;
	int first = -1;

	REQUIRE(setup(&w));
	/* Alpha's first done touch is Anna's call of 11-16 11:00. */
	CHECK_INT(activity_first_touch(w.db, w.alpha, 0,
	    fixture_moment("2026-11-16 11:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	CHECK_INT(activity_first_touch(w.db, w.alpha, 0,
	    fixture_moment("2026-11-17 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 0);
	/* Kuznetsov, without a company, by contact. */
	CHECK_INT(activity_first_touch(w.db, 0, w.kuz,
	    fixture_moment("2026-11-20 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	CHECK_INT(activity_first_touch(w.db, 0, w.kuz,
	    fixture_moment("2026-11-20 10:01"), &first, &err), SO_OK);
	CHECK_INT(first, 0);
	/* Beta's cancelled and trashed events are no touch: a done call
	 * before 11-02 would be first. */
	CHECK_INT(activity_first_touch(w.db, w.beta, 0,
	    fixture_moment("2026-11-01 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	db_close(w.db);
}

TEST(test_activity_rule_grammar_and_messages)
{
	struct so_err err = { 0 };
	struct activity_rule r;
	struct world w;
	struct ev_case {
		const char *value, *want;
	} bad[] = {
		{ "cal:*", "report.activity.cold_calls: no event type \"cal\" "
		    "(the event types are call, meeting, email, letter, "
		    "birthday, other)" },
		{ "call:reachd_dm", "report.activity.cold_calls: no result "
		    "\"reachd_dm\" (the results are reached_dm, proposal_sent, "
		    "meeting_set, callback, no_answer, refused, invoice_issued, "
		    "held)" },
		{ "call:*:frist", "report.activity.cold_calls: the end is "
		    ":first or :repeat, not \":frist\"" },
		{ "call", "report.activity.cold_calls: TYPES:RESULTS"
		    "[:first|:repeat] or off, as call:*:first or "
		    "*:proposal_sent, not \"call\"" },
		{ "call,:*", "report.activity.cold_calls: an empty event type "
		    "code (the event types are call, meeting, email, letter, "
		    "birthday, other)" },
		{ ":*", NULL },
		{ "call:", NULL },
		{ "call::first", NULL },
	};
	size_t i;

	REQUIRE(setup(&w));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		so_err_clear(&err);
		CHECK_INT(settings_set_text(w.db, "report.activity.cold_calls",
		    bad[i].value, 1, &err), SO_EINVAL);
		CHECK_STR(err.field, "report.activity.cold_calls");
		if (bad[i].want)
			CHECK_STR(err.msg, bad[i].want);
	}
	/* Nothing was stored: still the default. */
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM settings WHERE key "
	    "LIKE 'report.activity.%'"), 0);
	CHECK_INT(settings_set_text(w.db, "report.activity.nope", "off", 1,
	    &err), SO_EINVAL);

	CHECK_INT(activity_rule_parse(w.db, "x", " call , meeting :"
	    "reached_dm,held:repeat", &r, &err), SO_OK);
	CHECK_INT(r.ntypes, 2);
	CHECK_INT(r.nresults, 2);
	CHECK_INT(r.touch, ACT_REPEAT);
	CHECK_STR(r.words, "Call or Meeting, result Reached decision maker or "
	    "Meeting held, only when the company was touched before");
	activity_rule_clear(&r);
	/* productive: the results with the flag (5 of the 8 defaults). */
	CHECK_INT(activity_rule_parse(w.db, "x", "*:productive", &r, &err),
	    SO_OK);
	CHECK(r.any_type);
	CHECK_INT(r.nresults, 5);
	activity_rule_clear(&r);
	db_close(w.db);
}

TEST(test_activity_settings_only_head_or_admin)
{
	struct so_err err = { 0 };
	struct world w;
	char *v;

	REQUIRE(setup(&w));
	/* The defaults, as config shows them. */
	v = settings_get_text(w.db, "report.activity.cold_calls");
	CHECK_STR(v, "call:*:first");
	free(v);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held",
	    "off", 0, &err), SO_EPERM);
	CHECK(strstr(err.msg, "report.activity.meetings_held") != NULL);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held", "",
	    1, &err), SO_EPERM);
	db_exec(w.db, "UPDATE users SET role = 'head' WHERE login = 'vera'",
	    NULL);
	REQUIRE(db_login(w.db, "vera", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held",
	    "meeting:held", 0, &err), SO_OK);
	/* Team-wide (no per-user key), read by everyone, audited. */
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM settings WHERE key "
	    "= 'report.activity.meetings_held' AND value = 'meeting:held'"),
	    1);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	v = settings_get_text(w.db, "report.activity.meetings_held");
	CHECK_STR(v, "meeting:held");
	free(v);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'settings' AND field = 'report.activity.meetings_held'"),
	    1);
	db_close(w.db);
}

TEST(test_activity_settings_match_the_columns)
{
	const struct text_desc *t;
	int i;

	for (i = 0; i < ACT_NCOLS; i++) {
		t = settings_text_find(activity_cols[i].setting);
		REQUIRE(t != NULL);
		CHECK(t->team);
		CHECK(t->def != NULL);
	}
}

TEST(test_activity_bad_period)
{
	struct so_err err = { 0 };
	struct activity a;
	struct world w;

	REQUIRE(setup(&w));
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
	struct world w;
	struct doc d;
	size_t i;

	REQUIRE(setup(&w));
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
