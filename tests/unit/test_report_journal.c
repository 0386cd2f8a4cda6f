/*
 * The work journal: which events make the plan and the log, the
 * decision maker (role over the event's contact, a trashed one skipped,
 * phone and e-mail falling back on the company's), the previous result
 * (trashed and cancelled touches skipped; by contact without a
 * company), the next touch, the totals (meetings set following the
 * activity rule), the result column blank before the day and filled
 * after; the document, one page per manager with --all.
 *
 * The fixture's clock is Monday 2026-11-23 09:00 in Moscow.
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
#include "store/entities.h"
#include "store/report_journal.h"
#include "store/settings.h"

struct world {
	struct db	*db;
	int64_t		 anna, boris;
	int64_t		 alpha, beta, gamma;
	int64_t		 petrov, sidorova, ivanov, kuz;
};

/* An event of user; status "done" when result is given, else planned. */
static int64_t
ev(struct world *w, int64_t user, const char *at, const char *type,
    const char *result, const char *comment, int64_t company,
    int64_t contact)
{
	char *subject = xasprintf("%s %s", type, at);
	int64_t id;

	id = fixture_add_event(w->db, &(struct fixture_event){
	    .subject = subject, .at = fixture_moment(at), .type = type,
	    .result = result, .comment = comment, .assignee = user,
	    .company = company, .contact = contact,
	    .status = result ? "done" : "planned" });
	free(subject);
	return id;
}

static void
set_status(struct world *w, int64_t id, const char *status)
{
	struct so_err err = { 0 };
	struct event e;

	if (store_event_get(w->db, id, &e, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "get: %s", err.msg);
		return;
	}
	free(e.status);
	e.status = xstrdup(status);
	if (store_event_update(w->db, &e, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "update: %s", err.msg);
	store_event_clear(&e);
}

static int64_t
company(struct world *w, const char *name, const char *phone,
    const char *email, const char *source)
{
	return fixture_add_company(w->db, &(struct fixture_company){
	    .name = name, .phone = phone, .email = email, .source = source });
}

/* A contact: names, company, role, position, mobile, work, e-mail,
 * source. */
static int64_t
person(struct world *w, const char *last, const char *first,
    int64_t company_id, const char *role, const char *position,
    const char *mobile, const char *work, const char *email,
    const char *source)
{
	return fixture_add_contact(w->db, &(struct fixture_contact){
	    .last = last, .first = first, .company = company_id,
	    .role = role, .position = position, .phone_mobile = mobile,
	    .phone_work = work, .email = email, .source = source });
}

/*
 * Anna's Monday 23rd (today) and Tuesday 24th (tomorrow):
 *
 * earlier	11-10 call Alpha no_answer; 11-20 call Alpha reached_dm "asked
 *		for prices"; 11-21 call Alpha (trashed); 11-22 call Alpha
 *		(cancelled); 11-19 call Кузнецов callback "call on Tuesday"
 * 23rd		08:00 call Alpha proposal_sent "sent the offer"
 *		08:30 e-mail Beta meeting_set
 *		08:45 birthday Кузнецов (done: in neither part)
 *		08:50 call Кузнецов no_answer
 *		08:55 meeting Gamma held (nothing planned after)
 *		09:30 call Beta, planned
 * 24th		10:00 call Alpha with Петров, planned
 *		11:00 meeting Beta with Иванов, planned
 *		12:00 birthday Кузнецов (left out)
 *		13:00 call Beta, cancelled (left out)
 *		14:00 call with neither company nor contact (left out)
 *		15:00 Boris's call Alpha (not Anna's)
 *		16:00 call Кузнецов, planned
 */
static int
setup(struct world *w)
{
	struct so_err err = { 0 };
	int64_t gone;

	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open("journal.db")) == NULL)
		return 0;
	w->anna = db_user_id(w->db);
	w->boris = fixture_add_user_row(w->db, "boris", "Борис Орлов");
	w->alpha = company(w, "ООО «Альфа»", "+7 495 100-00-00",
	    "office@alpha.ru", "выставка");
	w->beta = company(w, "Beta Ltd", "+7 495 200-00-00", "info@beta.ru",
	    "cold base");
	w->gamma = company(w, "Гамма", "", "", "");
	w->petrov = person(w, "Петров", "Пётр", w->alpha, "influencer",
	    "Инженер", "", "+7 495 100-00-01", "", "");
	gone = person(w, "Ушедший", "", w->alpha, "decision_maker",
	    "Бывший директор", "+7 900 000-00-00", "", "", "");
	store_contact_delete(w->db, gone, &err);
	w->sidorova = person(w, "Сидорова", "Мария", w->alpha,
	    "decision_maker", "Директор", "+7 900 123-45-67", "",
	    "m.sidorova@alpha.ru", "рекомендация");
	w->ivanov = person(w, "Иванов", "Иван", w->beta, "", "", "", "", "",
	    "");
	w->kuz = person(w, "Кузнецов", "Олег", 0, "", "ИП",
	    "", "+7 843 555-55-55", "oleg@example.ru", "сайт");

	ev(w, w->anna, "2026-11-10 10:00", "call", "no_answer", NULL,
	    w->alpha, 0);
	ev(w, w->anna, "2026-11-20 10:00", "call", "reached_dm",
	    "asked for prices", w->alpha, w->petrov);
	store_event_delete(w->db, ev(w, w->anna, "2026-11-21 10:00", "call",
	    "refused", "trashed", w->alpha, 0), &err);
	set_status(w, ev(w, w->anna, "2026-11-22 10:00", "call", "refused",
	    "cancelled", w->alpha, 0), "cancelled");
	ev(w, w->anna, "2026-11-19 10:00", "call", "callback",
	    "call on Tuesday", 0, w->kuz);

	ev(w, w->anna, "2026-11-23 08:00", "call", "proposal_sent",
	    "sent the offer", w->alpha, w->petrov);
	ev(w, w->anna, "2026-11-23 08:30", "email", "meeting_set", NULL,
	    w->beta, w->ivanov);
	ev(w, w->anna, "2026-11-23 08:45", "birthday", "held", NULL, 0,
	    w->kuz);
	ev(w, w->anna, "2026-11-23 08:50", "call", "no_answer", NULL, 0,
	    w->kuz);
	ev(w, w->anna, "2026-11-23 08:55", "meeting", "held", "went well",
	    w->gamma, 0);
	ev(w, w->anna, "2026-11-23 09:30", "call", NULL, NULL, w->beta, 0);

	ev(w, w->anna, "2026-11-24 10:00", "call", NULL, NULL, w->alpha,
	    w->petrov);
	ev(w, w->anna, "2026-11-24 11:00", "meeting", NULL, NULL, w->beta,
	    w->ivanov);
	ev(w, w->anna, "2026-11-24 12:00", "birthday", NULL, NULL, 0, w->kuz);
	set_status(w, ev(w, w->anna, "2026-11-24 13:00", "call", NULL, NULL,
	    w->beta, 0), "cancelled");
	ev(w, w->anna, "2026-11-24 14:00", "call", NULL, NULL, 0, 0);
	ev(w, w->boris, "2026-11-24 15:00", "call", NULL, NULL, w->alpha, 0);
	ev(w, w->anna, "2026-11-24 16:00", "call", NULL, NULL, 0, w->kuz);
	return w->boris > 0 && w->kuz > 0;
}

static void
load(struct world *w, const char *day, int64_t now, struct journal *j)
{
	struct so_err err = { 0 };

	if (journal_load(w->db, w->anna, day, now, j, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "journal: %s", err.msg);
}

static char *
prev_of(const struct journal_plan *p)
{
	char day[11];

	if (p->prev_at == 0)
		return xstrdup("-");
	dt_format_date((time_t)p->prev_at, day);
	return xasprintf("%s %s: %s", day, p->prev_result, p->prev_comment);
}

#define CHECK_PREV(p, want) do {					\
	char *s_ = prev_of(p);						\
	CHECK_STR(s_, want);						\
	free(s_);							\
} while (0)

TEST(test_journal_plan_for_tomorrow)
{
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	load(&w, "2026-11-24", FIXTURE_NOW, &j);
	CHECK(j.before_day);
	REQUIRE(j.nplan == 3);
	/* Alpha: Петров, the person the call was planned with (not the
	 * company's decision maker Сидорова, whom the journal used to
	 * name), his work phone; no e-mail or source of his own: the
	 * company's. */
	CHECK(j.plan[0].at == fixture_moment("2026-11-24 10:00"));
	CHECK_STR(j.plan[0].type, "Call");
	CHECK_STR(j.plan[0].subject, "call 2026-11-24 10:00");
	CHECK_STR(j.plan[0].company, "ООО «Альфа»");
	CHECK_STR(j.plan[0].person, "Петров Пётр");
	CHECK_STR(j.plan[0].position, "Инженер");
	CHECK_STR(j.plan[0].phone, "+7 495 100-00-01");
	CHECK_STR(j.plan[0].email, "office@alpha.ru");
	CHECK_STR(j.plan[0].source, "выставка");
	CHECK_PREV(&j.plan[0], "2026-11-23 Proposal sent: sent the offer");
	CHECK_STR(j.plan[0].result, "");
	/* Beta: no decision maker, so the event's Иванов; he has no phone,
	 * e-mail or source: the company's. */
	CHECK_STR(j.plan[1].type, "Meeting");
	CHECK_STR(j.plan[1].person, "Иванов Иван");
	CHECK_STR(j.plan[1].phone, "+7 495 200-00-00");
	CHECK_STR(j.plan[1].email, "info@beta.ru");
	CHECK_STR(j.plan[1].source, "cold base");
	CHECK_PREV(&j.plan[1], "2026-11-23 Meeting set: ");
	/* Кузнецов without a company: his work phone, by contact. */
	CHECK_STR(j.plan[2].company, "");
	CHECK_STR(j.plan[2].person, "Кузнецов Олег");
	CHECK_STR(j.plan[2].phone, "+7 843 555-55-55");
	CHECK_PREV(&j.plan[2], "2026-11-23 No answer: ");
	CHECK_INT(j.nlog, 0);
	CHECK_INT(j.planned, 3);
	CHECK_INT(j.done, 0);
	/* Monday's 09:30 call to Beta was not made: carried over, first
	 * to call (the done and cancelled ones of Monday are not). */
	REQUIRE(j.ncarried == 1);
	CHECK_STR(j.carried[0].company, "Beta Ltd");
	CHECK_STR(j.carried[0].subject, "call 2026-11-23 09:30");
	CHECK(j.carried_from == fixture_moment("2026-11-23 00:00"));
	journal_free(&j);
	db_close(w.db);
}

/* A call planned with nobody in particular asks for the decision
 * maker; Monday's journal carries what was not made since Friday. */
TEST(test_journal_decision_maker_and_the_weekend)
{
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	ev(&w, w.anna, "2026-11-27 11:00", "call", NULL, NULL, w.alpha, 0);
	ev(&w, w.anna, "2026-11-28 11:00", "call", NULL, NULL, w.beta, 0);
	load(&w, "2026-11-27", FIXTURE_NOW, &j);
	REQUIRE(j.nplan == 1);
	CHECK_STR(j.plan[0].person, "Сидорова Мария");
	CHECK_STR(j.plan[0].phone, "+7 900 123-45-67");
	journal_free(&j);
	/* Monday the 30th: since Friday, the weekend's too */
	load(&w, "2026-11-30", FIXTURE_NOW, &j);
	CHECK(j.carried_from == fixture_moment("2026-11-27 00:00"));
	REQUIRE(j.ncarried == 2);
	CHECK_STR(j.carried[0].company, "ООО «Альфа»");
	CHECK_STR(j.carried[1].company, "Beta Ltd");
	journal_free(&j);
	db_close(w.db);
}

TEST(test_journal_today_log_next_touch_and_totals)
{
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	load(&w, "2026-11-23", FIXTURE_NOW, &j);
	CHECK(!j.before_day);
	/* The plan: the four done ones (not the birthday) and 09:30. */
	REQUIRE(j.nplan == 5);
	CHECK_STR(j.plan[0].result, "Proposal sent");
	/* The trashed 11-21 and cancelled 11-22 calls are no touch. */
	CHECK_PREV(&j.plan[0], "2026-11-20 Reached decision maker: asked for "
	    "prices");
	CHECK_PREV(&j.plan[2], "2026-11-19 Call back later: call on Tuesday");
	CHECK_PREV(&j.plan[3], "-");
	CHECK_STR(j.plan[4].result, "");	/* planned, not done yet */
	CHECK_PREV(&j.plan[4], "2026-11-23 Meeting set: ");

	REQUIRE(j.nlog == 4);
	CHECK_STR(j.log[0].type, "Call");
	CHECK_STR(j.log[0].company, "ООО «Альфа»");
	CHECK_STR(j.log[0].contact, "Петров Пётр");
	CHECK_STR(j.log[0].result, "Proposal sent");
	CHECK_STR(j.log[0].comment, "sent the offer");
	CHECK(j.log[0].next_at == fixture_moment("2026-11-24 10:00"));
	CHECK_STR(j.log[0].next_type, "Call");
	/* Beta's next: 09:30 today (the cancelled 13:00 is not). */
	CHECK(j.log[1].next_at == fixture_moment("2026-11-23 09:30"));
	/* Кузнецов's next: by contact, the 16:00 call, not the birthday. */
	CHECK_STR(j.log[2].contact, "Кузнецов Олег");
	CHECK(j.log[2].next_at == fixture_moment("2026-11-24 16:00"));
	CHECK_STR(j.log[3].type, "Meeting");
	CHECK_INT(j.log[3].next_at, 0);
	CHECK_STR(j.log[3].next_type, "");

	CHECK_INT(j.planned, 5);
	CHECK_INT(j.done, 4);
	CHECK_INT(j.productive, 3);
	CHECK_INT(j.meetings_set, 1);
	journal_free(&j);
	db_close(w.db);
}

TEST(test_journal_meetings_set_follow_the_setting)
{
	struct so_err err = { 0 };
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_set",
	    "call:meeting_set", 0, &err), SO_OK);
	load(&w, "2026-11-23", FIXTURE_NOW, &j);
	CHECK_INT(j.meetings_set, 0);
	journal_free(&j);
	/* Meetings held instead, first touches only: Gamma's meeting is
	 * Gamma's first done touch. */
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_set",
	    "meeting:held:first", 0, &err), SO_OK);
	load(&w, "2026-11-23", FIXTURE_NOW, &j);
	CHECK_INT(j.meetings_set, 1);
	journal_free(&j);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_set",
	    "meeting:held:repeat", 0, &err), SO_OK);
	load(&w, "2026-11-23", FIXTURE_NOW, &j);
	CHECK_INT(j.meetings_set, 0);
	journal_free(&j);
	db_close(w.db);
}

TEST(test_journal_result_blank_before_the_day)
{
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	/* Printed on Sunday evening: nothing filled in, though the
	 * results are in the database by now. */
	load(&w, "2026-11-23", fixture_moment("2026-11-22 18:40"), &j);
	CHECK(j.before_day);
	REQUIRE(j.nplan == 5);
	CHECK_STR(j.plan[0].result, "");
	journal_free(&j);
	/* At midnight the day has begun. */
	load(&w, "2026-11-23", fixture_moment("2026-11-23 00:00"), &j);
	CHECK(!j.before_day);
	REQUIRE(j.nplan == 5);
	CHECK_STR(j.plan[0].result, "Proposal sent");
	journal_free(&j);
	db_close(w.db);
}

TEST(test_journal_bad_day)
{
	struct so_err err = { 0 };
	struct journal j;
	struct world w;

	REQUIRE(setup(&w));
	CHECK_INT(journal_load(w.db, w.anna, "2026-02-30", FIXTURE_NOW, &j,
	    &err), SO_EINVAL);
	CHECK(strstr(err.msg, "2026-02-30") != NULL);
	CHECK_INT(journal_load(w.db, w.anna, "", FIXTURE_NOW, &j, &err),
	    SO_EINVAL);
	db_close(w.db);
}

TEST(test_journal_document)
{
	struct report_query q = { .from = "2026-11-24", .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	const struct doc_table *t;
	struct world w;
	struct doc d;
	size_t i;
	int breaks = 0, empty = 0;

	REQUIRE(setup(&w));
	REQUIRE(report_journal(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Work journal");
	CHECK_STR(d.period, "2026-11-24");
	CHECK(d.landscape);
	/* First Monday's call not made, with its day, to call first. */
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 1);
	CHECK_STR(t->rows[0].cells[0], "23.11 09:30");
	CHECK_STR(t->rows[0].cells[1], "Call: call 2026-11-23 09:30");
	CHECK_STR(t->rows[0].cells[2], "Beta Ltd");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	REQUIRE(t->ncols == 8);
	CHECK_STR(t->cols[7].label, "Result");
	CHECK(t->cols[7].blank);		/* printed before the day */
	REQUIRE(t->nrows == 3);
	CHECK_STR(t->rows[0].cells[0], "10:00");
	/* the type and subject of the touch; the person planned with */
	CHECK_STR(t->rows[0].cells[1], "Call: call 2026-11-24 10:00");
	CHECK_STR(t->rows[1].cells[1], "Meeting: meeting 2026-11-24 11:00");
	CHECK_STR(t->rows[0].cells[3], "Петров Пётр, Инженер");
	CHECK_STR(t->rows[0].cells[4], "+7 495 100-00-01, office@alpha.ru");
	CHECK_STR(t->rows[0].cells[5], "2026-11-23 Proposal sent: sent the "
	    "offer");
	for (i = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == DOC_PARA &&
		    strcmp(d.blocks[i].text, "No calls logged.") == 0)
			empty++;
	CHECK_INT(empty, 1);
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);	/* the totals */
	CHECK_STR(t->rows[0].cells[0], "3");
	doc_free(&d);

	/* Today, for everyone: a page each, a heading with the name. */
	strcpy(q.from, "2026-11-23");
	q.all = 1;
	REQUIRE(report_journal(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.user, "all managers");
	for (i = 0; i < d.nblocks; i++)
		breaks += d.blocks[i].kind == DOC_PAGE_BREAK;
	CHECK_INT(breaks, 1);
	CHECK(d.blocks[0].kind == DOC_HEADING);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	/* a touch of today still to make: room to write its result */
	CHECK(t->cols[7].blank);
	CHECK_STR(t->rows[0].cells[7], "Proposal sent");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);	/* the log */
	CHECK_STR(t->rows[0].cells[6], "2026-11-24 10:00 Call");
	CHECK_STR(t->rows[3].cells[6], "none planned");
	/* Борис: nothing planned today, nothing logged. */
	for (i = 0, empty = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == DOC_PARA &&
		    strcmp(d.blocks[i].text, "No touches planned.") == 0)
			empty++;
	CHECK_INT(empty, 1);
	doc_free(&d);
	db_close(w.db);
}
