/*
 * Template 3 and template 8: the day-schedule checklist (a manager's
 * day with its routine and ticks; the head's, a line per manager with
 * the day's planned counts) and the sales representative's daily
 * report (the day's visits per outlet with result and shelf and stock
 * notes, the orders of the day, the totals); who may read whose.
 *
 * The fixture's clock is Monday 2026-11-23 09:00 in Moscow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/entities.h"
#include "store/users.h"
#include "store/report_checklist.h"
#include "store/report_visits.h"

#define DAY	86400

/* anna the admin (current), boris a manager, gleb the head of sales. */
struct world {
	struct db	*db;
	int64_t		 anna, boris, gleb;
	int64_t		 alpha, beta, gamma, petrov;
};

static int64_t
uid(struct db *db, const char *login)
{
	int64_t id = 0;

	store_user_id(db, login, &id, NULL);
	return id;
}

static int
as(struct world *w, const char *login)
{
	struct so_err err;

	return db_login(w->db, login, &err) == SO_OK;
}

/* An event of user at "YYYY-MM-DD HH:MM" (end: minutes long, 0 none). */
static int64_t
ev(struct world *w, int64_t user, const char *at, int minutes,
    const char *type, const char *status, const char *result,
    const char *comment, int64_t company, int64_t contact,
    const char *subject)
{
	int64_t t = fixture_moment(at);

	return fixture_add_event(w->db, &(struct fixture_event){
	    .subject = subject, .at = t, .end = minutes ? t + minutes * 60 : 0,
	    .type = type, .status = status, .result = result,
	    .comment = comment, .assignee = user, .company = company,
	    .contact = contact });
}

static void
describe(struct world *w, int64_t id, const char *text)
{
	struct so_err err = { 0 };
	struct event e;

	if (store_event_get(w->db, id, &e, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "get: %s", err.msg);
		return;
	}
	free(e.description);
	e.description = xstrdup(text);
	if (store_event_update(w->db, &e, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "update: %s", err.msg);
	store_event_clear(&e);
}

static int64_t
deal(struct world *w, int64_t company, int64_t manager, const char *title,
    const char *stage, int64_t minor, const char *closed_on)
{
	return fixture_add_deal(w->db, &(struct fixture_deal){
	    .company = company, .manager = manager, .title = title,
	    .stage = stage, .amount = minor, .closed_on = closed_on });
}

/*
 * By hand:
 *
 * boris, Tuesday 11-24 (the checklist):
 *	09:30 call Гамма done no_answer		ticked
 *	10:00 call Альфа with Петров, planned
 *	11:00 meeting Beta, planned
 *	12:00 e-mail Гамма, planned		"other"
 *	13:00 call Beta cancelled		left out
 *	15:00 task "Подготовить КП" (Beta)
 * anna, 11-24 10:00 call Альфа; gleb nothing.
 *
 * boris, Monday 11-23 (the visits):
 *	10:00-11:00 meeting Альфа with Петров held, "Полка: 3 фейсинга",
 *		    "Склад: 20 коробок"
 *	12:00 meeting Beta planned
 *	14:00 meeting Альфа done without a result, "Остатков нет"
 *	15:00 meeting Гамма cancelled; 16:00 call Гамма done: not visits
 *	anna's meeting at Гамма and boris's of 11-24: not his day's
 * deals of boris: "Заказ 1" Альфа first_contact 12 000.00 made 11-23;
 *	"Заказ 2" Beta made 11-20, won 11-23, 5 000.50; "Пробник" Гамма
 *	made 11-23 without an amount; "Старый" Гамма made 11-20 won 11-22
 *	and "Торг" Beta made 11-20 negotiation: not the day's; anna's
 *	"Чужой" made 11-23: not his.
 */
static int
setup(struct world *w)
{
	int64_t task;
	char *sql;

	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open("day.db")) == NULL)
		return 0;
	w->anna = db_user_id(w->db);
	fixture_user(w->db, "boris", ROLE_MANAGER);
	fixture_user(w->db, "gleb", ROLE_HEAD);
	w->boris = uid(w->db, "boris");
	w->gleb = uid(w->db, "gleb");
	w->alpha = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "ООО «Альфа»", .manager = w->boris });
	w->beta = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Beta Ltd", .phone = "+7 495 200-00-00",
	    .manager = w->boris });
	w->gamma = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "Гамма", .manager = w->anna });
	w->petrov = fixture_add_contact(w->db, &(struct fixture_contact){
	    .last = "Петров", .first = "Пётр", .company = w->alpha,
	    .phone_mobile = "+7 900 111-11-11" });

	ev(w, w->boris, "2026-11-24 09:30", 0, "call", "done", "no_answer",
	    NULL, w->gamma, 0, "Перезвонить");
	ev(w, w->boris, "2026-11-24 10:00", 0, "call", "planned", NULL, NULL,
	    w->alpha, w->petrov, "Уточнить заказ");
	ev(w, w->boris, "2026-11-24 11:00", 0, "meeting", "planned", NULL,
	    NULL, w->beta, 0, "Визит");
	ev(w, w->boris, "2026-11-24 12:00", 0, "email", "planned", NULL,
	    NULL, w->gamma, 0, "Прайс");
	ev(w, w->boris, "2026-11-24 13:00", 0, "call", "cancelled", NULL,
	    NULL, w->beta, 0, "Отменён");
	task = fixture_add_task(w->db, &(struct fixture_task){
	    .title = "Подготовить КП", .company = w->beta,
	    .due = fixture_moment("2026-11-24 15:00"), .status = "open" });
	sql = xasprintf("UPDATE tasks SET assignee_id = %lld WHERE id = %lld",
	    (long long)w->boris, (long long)task);
	db_exec(w->db, sql, NULL);
	free(sql);
	ev(w, w->anna, "2026-11-24 10:00", 0, "call", "planned", NULL, NULL,
	    w->alpha, 0, "Анна звонит");

	describe(w, ev(w, w->boris, "2026-11-23 10:00", 60, "meeting", "done",
	    "held", "Склад: 20 коробок", w->alpha, w->petrov, "Визит 1"),
	    "Полка: 3 фейсинга");
	ev(w, w->boris, "2026-11-23 12:00", 0, "meeting", "planned", NULL,
	    NULL, w->beta, 0, "Визит 2");
	ev(w, w->boris, "2026-11-23 14:00", 0, "meeting", "done", NULL,
	    "Остатков нет", w->alpha, 0, "Визит 3");
	ev(w, w->boris, "2026-11-23 15:00", 0, "meeting", "cancelled", NULL,
	    NULL, w->gamma, 0, "Отменён");
	ev(w, w->boris, "2026-11-23 16:00", 0, "call", "done", "reached_dm",
	    NULL, w->gamma, 0, "Звонок");
	ev(w, w->anna, "2026-11-23 11:00", 0, "meeting", "done", "held",
	    NULL, w->gamma, 0, "Визит Анны");

	deal(w, w->alpha, w->boris, "Заказ 1", "first_contact", 1200000, "");
	deal(w, w->gamma, w->boris, "Пробник", "first_contact", SO_NULL, "");
	deal(w, w->gamma, w->anna, "Чужой", "first_contact", 100000, "");
	db_set_now(w->db, FIXTURE_NOW - 3 * DAY);
	deal(w, w->beta, w->boris, "Заказ 2", "won", 500050, "2026-11-23");
	deal(w, w->gamma, w->boris, "Старый", "won", 700000, "2026-11-22");
	deal(w, w->beta, w->boris, "Торг", "negotiation", 900000, "");
	db_set_now(w->db, FIXTURE_NOW);
	return w->boris && w->gleb && w->petrov;
}

TEST(test_checklist_manager_day)
{
	struct report_query q = { .from = "2026-11-24", .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	const struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w));
	q.user_id = w.boris;
	REQUIRE(report_checklist(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Day checklist");
	CHECK_STR(d.period, "2026-11-24");
	CHECK_STR(d.user, "boris");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 8);
	CHECK_ROW(t, 0, "[ ]|09:00|Check the agenda: what is overdue, what "
	    "is today||");
	CHECK_ROW(t, 1, "[x]|09:30|Call: Перезвонить|Гамма|");
	CHECK_ROW(t, 2, "[ ]|10:00|Call: Уточнить заказ|ООО «Альфа»|Петров "
	    "Пётр, +7 900 111-11-11");
	CHECK_ROW(t, 3, "[ ]|11:00|Meeting: Визит|Beta Ltd|+7 495 200-00-00");
	CHECK_ROW(t, 4, "[ ]|12:00|E-mail: Прайс|Гамма|");
	CHECK_ROW(t, 5, "[ ]|15:00|Task: Подготовить КП|Beta Ltd|+7 495 "
	    "200-00-00");
	CHECK_ROW(t, 6, "[ ]|end of day|Log the results of the day's "
	    "touches||");
	CHECK_ROW(t, 7, "[ ]|end of day|Fill in tomorrow's journal and send "
	    "it to the head||");
	doc_free(&d);

	/* The team's day starts at 08:30: so does the routine. */
	CHECK_INT(db_exec(w.db, "INSERT OR REPLACE INTO settings (key, value) "
	    "VALUES ('work.start', '08:30')", &err), SO_OK);
	strcpy(q.from, "2026-11-25");
	REQUIRE(report_checklist(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 4);
	CHECK_ROW(t, 0, "[ ]|08:30|Check the agenda: what is overdue, what "
	    "is today||");
	CHECK_ROW(t, 1, "||Nothing planned for the day.||");
	doc_free(&d);
	db_close(w.db);
}

TEST(test_checklist_head_day)
{
	struct report_query q = { .from = "2026-11-24", .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	const struct doc_table *t;
	struct checklist_team k;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w));
	/* boris sent the journal of the 25th (journal --send), anna only
	 * that of the 24th: for the 24th, boris's came */
	REQUIRE(db_exec(w.db, "INSERT INTO journal_sent (user_id, day, "
	    "sent_at, how) SELECT id, '2026-11-25', 0, 'file' FROM users "
	    "WHERE login = 'boris'; INSERT INTO journal_sent (user_id, day, "
	    "sent_at, how) SELECT id, '2026-11-24', 0, 'file' FROM users "
	    "WHERE login = 'anna'", &err) == SO_OK);
	REQUIRE(checklist_team_load(w.db, "2026-11-24", FIXTURE_NOW, &k,
	    &err) == SO_OK);
	REQUIRE(k.n == 3);
	CHECK_STR(k.v[1].login, "boris");
	CHECK_INT(k.v[1].calls, 2);
	CHECK_INT(k.v[1].meetings, 1);
	CHECK_INT(k.v[1].tasks, 1);
	CHECK_INT(k.v[1].other, 1);
	CHECK_INT(k.v[1].done, 1);
	CHECK_INT(k.total.calls, 3);
	checklist_team_free(&k);

	q.all = 1;
	REQUIRE(report_checklist(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Head of sales: day checklist");
	CHECK_STR(d.user, "all managers");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 3);
	CHECK_ROW(t, 0, "[ ]|09:00|Look through the department's plan for "
	    "the day");
	CHECK_ROW(t, 2, "[ ]|end of day|Collect the managers' journals for "
	    "tomorrow");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	REQUIRE(t->nrows == 4);
	CHECK_STR(t->cols[6].label, "Journal received");
	CHECK_STR(t->cols[7].label, "Plan reviewed");
	CHECK_ROW(t, 0, "anna|1|0|0|0|0|[ ]|[ ]");
	CHECK_ROW(t, 1, "boris|2|1|1|1|1|[x]|[ ]");
	CHECK_ROW(t, 2, "gleb|0|0|0|0|0|[ ]|[ ]");
	CHECK_ROW(t, 3, "Total|3|1|1|1|1|1|");
	CHECK_KIND(t, 3, DOC_ROW_TOTAL);
	doc_free(&d);
	db_close(w.db);
}

TEST(test_visits_day)
{
	struct report_query q = { .from = "2026-11-23", .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	const struct doc_table *t;
	struct visits s;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w));
	REQUIRE(visits_load(w.db, w.boris, "2026-11-23", &s, &err) == SO_OK);
	REQUIRE(s.n == 3);
	CHECK_STR(s.v[0].description, "Полка: 3 фейсинга");
	CHECK_STR(s.v[0].comment, "Склад: 20 коробок");
	CHECK_INT(s.held, 2);
	CHECK_INT(s.outlets, 2);
	REQUIRE(s.norders == 3);
	CHECK_INT(s.order_sum, 1700050);
	visits_free(&s);

	q.user_id = w.boris;
	REQUIRE(report_visits(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Sales representative's daily report");
	CHECK_STR(d.period, "2026-11-23");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 3);
	CHECK_ROW(t, 0, "10:00-11:00|ООО «Альфа»|Петров Пётр|Meeting held|"
	    "Полка: 3 фейсинга; Склад: 20 коробок");
	CHECK_ROW(t, 1, "12:00|Beta Ltd||planned|");
	CHECK_ROW(t, 2, "14:00|ООО «Альфа»||done|Остатков нет");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	REQUIRE(t->nrows == 4);
	CHECK_ROW(t, 0, "Beta Ltd|Заказ 2|won|Won|5 000.50");
	CHECK_ROW(t, 1, "Гамма|Пробник|new|First contact|");
	CHECK_ROW(t, 2, "ООО «Альфа»|Заказ 1|new|First contact|12 000.00");
	CHECK_ROW(t, 3, "Total||||17 000.50");
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_ROW(t, 0, "3|2|2|3|17 000.50");
	doc_free(&d);

	/* Tuesday: one planned visit, no orders. */
	strcpy(q.from, "2026-11-24");
	REQUIRE(report_visits(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "No orders."));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "11:00|Beta Ltd||planned|");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);	/* totals */
	CHECK_ROW(t, 0, "1|0|1|0|0.00");
	doc_free(&d);
	db_close(w.db);
}

/* A manager reads their own day only; the head reads anyone's and gets
 * the head's checklist for their own. */
TEST(test_checklist_and_visits_roles)
{
	struct report_query q = { .from = "2026-11-23", .now = FIXTURE_NOW };
	struct so_err err = { 0 };
	struct world w;
	struct doc d;

	REQUIRE(setup(&w));
	REQUIRE(as(&w, "boris"));
	CHECK_INT(report_visits(w.db, &q, &d, &err), SO_OK);
	CHECK_STR(d.user, "boris");
	doc_free(&d);
	CHECK_INT(report_checklist(w.db, &q, &d, &err), SO_OK);
	CHECK_STR(d.title, "Day checklist");
	doc_free(&d);
	q.user_id = w.anna;
	CHECK_INT(report_visits(w.db, &q, &d, &err), SO_EPERM);
	CHECK_INT(report_checklist(w.db, &q, &d, &err), SO_EPERM);
	q.user_id = 0;
	q.all = 1;
	CHECK_INT(report_visits(w.db, &q, &d, &err), SO_EPERM);
	CHECK_INT(report_checklist(w.db, &q, &d, &err), SO_EPERM);
	CHECK_INT(checklist_team_load(w.db, "2026-11-23", FIXTURE_NOW,
	    &(struct checklist_team){ 0 }, &err), SO_EPERM);
	CHECK_INT(visits_load(w.db, w.anna, "2026-11-23",
	    &(struct visits){ 0 }, &err), SO_EPERM);

	REQUIRE(as(&w, "gleb"));
	q.all = 0;
	CHECK_INT(report_checklist(w.db, &q, &d, &err), SO_OK);
	CHECK_STR(d.title, "Head of sales: day checklist");
	doc_free(&d);
	q.user_id = w.boris;
	CHECK_INT(report_checklist(w.db, &q, &d, &err), SO_OK);
	CHECK_STR(d.title, "Day checklist");
	CHECK_STR(d.user, "boris");
	doc_free(&d);
	CHECK_INT(report_visits(w.db, &q, &d, &err), SO_OK);
	doc_free(&d);
	q.user_id = 0;
	q.all = 1;
	CHECK_INT(report_visits(w.db, &q, &d, &err), SO_OK);
	CHECK_STR(d.user, "all managers");
	CHECK(fixture_doc_has_text(&d, "boris"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_checklist_and_visits_bad_day)
{
	struct so_err err = { 0 };
	struct checklist c;
	struct visits s;
	struct world w;

	REQUIRE(setup(&w));
	CHECK_INT(checklist_load(w.db, w.boris, "2026-02-30", FIXTURE_NOW, &c,
	    &err), SO_EINVAL);
	CHECK(strstr(err.msg, "2026-02-30") != NULL);
	CHECK_INT(visits_load(w.db, w.boris, "", &s, &err), SO_EINVAL);
	db_close(w.db);
}
