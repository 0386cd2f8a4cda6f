/*
 * The meeting, follow-up, sales, audit and key-client reports on a small
 * database where every figure is known by hand.  The checks read the
 * documents the builders make (the cells of their tables), so they hold
 * for whatever the writers do with them.
 *
 * The fixture's clock is Monday 2026-11-23 09:00 in Moscow.  The world:
 *
 *  anna (current user; no full name), boris (Борис), vera (Вера: nothing)
 *  C1 Альфа    anna  VIP, Казань  call 11-10 proposal_sent; no next touch
 *  C2 Бета     anna  meeting 11-05 held (M1); call planned 11-25 10:00
 *  C3 Гамма    anna  call 11-12 proposal_sent; paid 1 000 on 11-15
 *  C4 Дельта   anna  meeting 11-06 held; deal D1 won 100 000 (11-10),
 *                    D3 won 30 000 (10-15)
 *  C5 Эпсилон  boris vip; call 11-11 proposal_sent; no next touch;
 *                    deal D6 negotiation 70 000
 *  C6 Зета     anna  customer; call 11-02 no_answer; D2 lost 50 000 (11-12)
 *  C7 Omega    boris D4 lost 20 000 (11-03); paid 40 000 and 5 000 on
 *                    anna's deal D1 (11-20, 11-21), 7 000 without a deal
 *  C1 also has the open deal D5 (first contact, 10 000, anna).
 *  Kappa (anna), Lambda (anna), Mu (boris), Nu (boris): ABC payments,
 *  September Kappa 1000, Lambda 500, Mu 100 -> A, B, C; October Lambda
 *  2000, Mu 50, Nu 300 -> A, C, B.  Lambda's last call 2026-06-01, Mu's
 *  2026-11-01, Kappa and Nu none.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/entities.h"
#include "store/sales.h"

#define HOUR	3600
#define DAY	86400
/* 2026-11-01 00:00 Moscow (UTC+3). */
#define NOV1	((int64_t)FIXTURE_NOW - 9 * HOUR - 22 * DAY)
/* Day d of November 2026 at hour h. */
#define NOV(d, h)	(NOV1 + ((d) - 1) * DAY + (h) * HOUR)

struct world {
	struct db	*db;
	int64_t		 anna, boris, vera;
	int64_t		 c[8];		/* c[1]..c[7] */
	int64_t		 kappa, lambda, mu, nu;
	int64_t		 m1, m4, call1;	/* meetings of C2, C4; C1's call */
};

static int64_t
company(struct world *w, const char *name, int64_t manager,
    const char *category, const char *city, const char *status)
{
	return fixture_add_company(w->db, &(struct fixture_company){
	    .name = name, .manager = manager, .category = category,
	    .city = city, .status = status });
}

static int64_t
contact(struct world *w, int64_t company_id, const char *last,
    const char *first, const char *position, const char *role,
    const char *phone, const char *mobile, const char *email)
{
	return fixture_add_contact(w->db, &(struct fixture_contact){
	    .company = company_id, .last = last, .first = first,
	    .position = position, .role = role, .phone_work = phone,
	    .phone_mobile = mobile, .email = email });
}

static int64_t
event(struct world *w, int64_t company_id, int64_t contact_id,
    const char *type, const char *status, const char *result, int64_t at,
    int64_t user, const char *subject)
{
	return fixture_add_event(w->db, &(struct fixture_event){
	    .company = company_id, .contact = contact_id, .type = type,
	    .status = status, .result = result, .at = at, .assignee = user,
	    .subject = subject });
}

static int64_t
deal(struct world *w, int64_t company_id, int64_t manager, const char *title,
    const char *stage, int64_t rubles, const char *closed_on,
    const char *reason)
{
	return fixture_add_deal(w->db, &(struct fixture_deal){
	    .company = company_id, .manager = manager, .title = title,
	    .stage = stage, .amount = rubles * 100, .closed_on = closed_on,
	    .lost_reason = reason });
}

static void
pay(struct world *w, int64_t company_id, int64_t deal_id, const char *date,
    int64_t rubles)
{
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .company = company_id, .deal = deal_id, .amount = rubles * 100,
	    .paid_on = date });
}

static void
task(struct world *w, int64_t company_id, const char *title, int64_t due,
    const char *status)
{
	fixture_add_task(w->db, &(struct fixture_task){ .company = company_id,
	    .title = title, .due = due, .status = status });
}

/* The meeting M1 at Бета with everything a meeting report shows. */
static void
meeting_m1(struct world *w)
{
	struct so_err err;
	struct event e;
	int64_t ivanov;

	ivanov = contact(w, w->c[2], "Иванов", "Пётр", "Главный инженер",
	    "influencer", "+7 843 200-00-02", "+7 917 000-00-02",
	    "ivanov@beta.ru");
	w->m1 = event(w, w->c[2], ivanov, "meeting", "done", "held",
	    NOV(5, 10), w->anna, "Презентация");
	memset(&e, 0, sizeof(e));
	store_event_get(w->db, w->m1, &e, &err);
	e.end_at = NOV(5, 11);
	free(e.description);
	e.description = xstrdup("Обсудили поставку");
	free(e.result_comment);
	e.result_comment = xstrdup("Клиент заинтересован");
	free(e.our_actions);
	e.our_actions = xstrdup("Отправить КП");
	free(e.client_actions);
	e.client_actions = xstrdup("Согласовать бюджет");
	if (store_event_update(w->db, &e, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "meeting: %s", err.msg);
	store_event_clear(&e);
	event(w, w->c[2], ivanov, "call", "planned", NULL, NOV(25, 10),
	    w->anna, "Перезвонить");
	task(w, w->c[2], "Подготовить договор", NOV(24, 12), "open");
	task(w, w->c[2], "Старая задача", NOV(4, 12), "open");
	task(w, w->c[2], "Сделано", NOV(24, 12), "done");
	task(w, w->c[2], "Когда-нибудь", SO_NULL, "open");
}

static void
abc_world(struct world *w)
{
	struct so_err err;
	int64_t ranked;

	w->kappa = company(w, "Kappa", w->anna, "", "", NULL);
	w->lambda = company(w, "Lambda", w->anna, "", "", NULL);
	w->mu = company(w, "Mu", w->boris, "", "", NULL);
	w->nu = company(w, "Nu", w->boris, "", "", NULL);
	pay(w, w->kappa, SO_NULL, "2026-09-10", 1000);
	pay(w, w->lambda, SO_NULL, "2026-09-11", 500);
	pay(w, w->mu, SO_NULL, "2026-09-12", 100);
	pay(w, w->lambda, SO_NULL, "2026-10-10", 2000);
	pay(w, w->mu, SO_NULL, "2026-10-11", 50);
	pay(w, w->nu, SO_NULL, "2026-10-12", 300);
	if (abc_compute(w->db, "2026-09", &ranked, &err) != SO_OK ||
	    abc_compute(w->db, "2026-10", &ranked, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "abc: %s", err.msg);
	event(w, w->lambda, SO_NULL, "call", "done", "reached_dm",
	    NOV1 - 153 * DAY, w->anna, "Lambda");	/* 2026-06-01 */
	event(w, w->mu, SO_NULL, "call", "done", "reached_dm", NOV(1, 12),
	    w->boris, "Mu");
}

static int
setup(struct world *w, const char *name)
{
	int64_t d1;

	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open(name)) == NULL)
		return 0;
	w->anna = db_user_id(w->db);
	w->boris = fixture_add_user_row(w->db, "boris", "Борис");
	w->vera = fixture_add_user_row(w->db, "vera", "Вера");
	w->c[1] = company(w, "Альфа", w->anna, "VIP", "Казань", NULL);
	w->c[2] = company(w, "Бета", w->anna, "good", "", NULL);
	w->c[3] = company(w, "Гамма", w->anna, "", "", NULL);
	w->c[4] = company(w, "Дельта", w->anna, "", "", NULL);
	w->c[5] = company(w, "Эпсилон", w->boris, "vip", "Москва", NULL);
	w->c[6] = company(w, "Зета", w->anna, "", "", "customer");
	w->c[7] = company(w, "Omega", w->boris, "", "", NULL);
	contact(w, w->c[1], "Сидоров", "Иван", "Снабженец", "other",
	    "", "+7 900 000-00-11", "");
	contact(w, w->c[1], "Яковлев", "Олег", "Директор", "decision_maker",
	    "+7 843 100-00-01", "", "petrov@alfa.ru");
	contact(w, w->c[5], "Кузнецова", "Анна", "Директор", "decision_maker",
	    "+7 495 000-00-05", "", "");
	w->call1 = event(w, w->c[1], SO_NULL, "call", "done", "proposal_sent",
	    NOV(10, 10), w->anna, "КП");
	meeting_m1(w);
	event(w, w->c[3], SO_NULL, "call", "done", "proposal_sent",
	    NOV(12, 10), w->anna, "КП");
	w->m4 = event(w, w->c[4], SO_NULL, "meeting", "done", "held",
	    NOV(6, 10), w->anna, "Встреча");
	event(w, w->c[5], SO_NULL, "call", "done", "proposal_sent",
	    NOV(11, 10), w->boris, "КП");
	event(w, w->c[6], SO_NULL, "call", "done", "no_answer", NOV(2, 10),
	    w->anna, "Звонок");
	/* Cancelled and past planned events are no next touch. */
	event(w, w->c[1], SO_NULL, "call", "cancelled", NULL, NOV(26, 10),
	    w->anna, "Отменён");
	event(w, w->c[5], SO_NULL, "call", "planned", NULL, NOV(20, 10),
	    w->boris, "Просрочен");
	d1 = deal(w, w->c[4], w->anna, "Поставка", "won", 100000,
	    "2026-11-10", "");
	deal(w, w->c[4], w->anna, "Старая", "won", 30000, "2026-10-15", "");
	deal(w, w->c[6], w->anna, "Дорогая", "lost", 50000, "2026-11-12",
	    "Дорого");
	deal(w, w->c[7], w->boris, "Отказ", "lost", 20000, "2026-11-03",
	    "Нет бюджета");
	deal(w, w->c[1], w->anna, "Новая", "first_contact", 10000, "", "");
	deal(w, w->c[5], w->boris, "Торг", "negotiation", 70000, "", "");
	pay(w, w->c[3], SO_NULL, "2026-11-15", 1000);
	pay(w, w->c[7], d1, "2026-11-20", 40000);
	pay(w, w->c[7], d1, "2026-11-21", 5000);
	pay(w, w->c[7], SO_NULL, "2026-11-22", 7000);
	abc_world(w);
	return w->c[7] > 0 && w->nu > 0 && w->m1 > 0;
}

static void
query(struct report_query *q, const char *from, const char *to,
    int64_t user_id, int all)
{
	memset(q, 0, sizeof(*q));
	snprintf(q->from, sizeof(q->from), "%s", from);
	snprintf(q->to, sizeof(q->to), "%s", to);
	q->user_id = user_id;
	q->all = all;
	q->now = FIXTURE_NOW;
}

/* Whether some heading or paragraph of d contains text. */
static int
has_text(const struct doc *d, const char *text)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].text && strstr(d->blocks[i].text, text))
			return 1;
	return 0;
}

/* Row r of t joined "a|b|c" (caller frees), "" when out of range. */
static char *
row_text(const struct doc_table *t, size_t r)
{
	struct strbuf b = { 0 };
	size_t c;

	if (t == NULL || r >= t->nrows)
		return xstrdup("");
	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_addc(&b, '|');
		sb_add(&b, t->rows[r].cells[c]);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}

/* Rows of t, -1 for no table. */
static long
nrows(const struct doc_table *t)
{
	return t ? (long)t->nrows : -1;
}

#define CHECK_ROW(t, r, want) do {					\
	char *s_ = row_text((t), (r));					\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

#define CHECK_KIND(t, r, want) do {					\
	REQUIRE((t) != NULL && (r) < (t)->nrows);			\
	CHECK_INT((t)->rows[(r)].kind, (want));				\
} while (0)

/* ---- meeting ---- */

TEST(test_meeting_report_shows_the_meeting_and_what_follows)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "meeting.db"));
	query(&q, "", "", 0, 0);
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
	struct world w;
	struct doc d;
	int64_t id;

	REQUIRE(setup(&w, "meeting-dm.db"));
	id = event(&w, w.c[1], SO_NULL, "meeting", "done", "held",
	    NOV(12, 15), w.anna, "Без контакта");
	query(&q, "", "", 0, 0);
	q.id = id;
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 3, "Contact|Яковлев Олег");
	CHECK_ROW(fixture_doc_table(&d, 0), 5, "Phones|+7 843 100-00-01");
	CHECK(has_text(&d, "Nothing is planned"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_meeting_report_without_id_takes_the_latest_done_meeting)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "meeting-latest.db"));
	query(&q, "", "", 0, 0);
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "Company|Дельта");
	doc_free(&d);
	query(&q, "2026-11-01", "2026-11-05", 0, 0);
	REQUIRE(report_meeting(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "Company|Бета");
	doc_free(&d);
	/* boris has done no meeting. */
	query(&q, "", "", w.boris, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "no meeting") != NULL);
	query(&q, "2026-01-01", "2026-01-31", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "2026-01-01") != NULL);
	db_close(w.db);
}

TEST(test_meeting_report_refuses_what_is_not_a_meeting)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct world w;
	struct doc d;
	char want[64];

	REQUIRE(setup(&w, "meeting-bad.db"));
	query(&q, "", "", 0, 0);
	q.id = w.call1;
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "id");
	snprintf(want, sizeof(want), "event #%lld is not a meeting",
	    (long long)w.call1);
	CHECK(strstr(err.msg, want) != NULL);
	q.id = 999999;
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, "999999") != NULL);
	query(&q, "2026-13-01", "", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "from");
	query(&q, "2026-11-10", "2026-11-01", 0, 0);
	CHECK_INT(report_meeting(w.db, &q, &d, &err), SO_EINVAL);
	CHECK_STR(err.field, "to");
	db_close(w.db);
}

/* ---- follow-up ---- */

TEST(test_followup_lists_warm_clients_that_bought_nothing)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "followup.db"));
	query(&q, "", "", 0, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Follow-up: warm clients");
	CHECK(has_text(&d, "2 warm companies"));
	CHECK(has_text(&d, "1 without a next touch"));
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
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "followup-all.db"));
	query(&q, "", "", 0, 1);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK(has_text(&d, "3 warm companies"));
	CHECK(has_text(&d, "2 without a next touch"));
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
	query(&q, "2026-11-08", "2026-11-23", 0, 1);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 1, "!|Эпсилон|Борис|2026-11-11 Proposal sent|"
	    "2026-11-11 Call, Proposal sent|");
	doc_free(&d);
	/* Boris alone; vera has none. */
	query(&q, "", "", w.boris, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK_INT(nrows(fixture_doc_table(&d, 0)), 1);
	doc_free(&d);
	query(&q, "", "", w.vera, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_table(&d, 0) == NULL);
	CHECK(has_text(&d, "0 warm companies"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_followup_period_keeps_the_warm_events_in_it)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "followup-period.db"));
	/* Бета's meeting (11-05) is before the period. */
	query(&q, "2026-11-08", "2026-11-23", 0, 0);
	REQUIRE(report_followup(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 1);
	CHECK_ROW(t, 0, "!|Альфа|anna|2026-11-10 Proposal sent|"
	    "2026-11-10 Call, Proposal sent|");
	doc_free(&d);
	db_close(w.db);
}

/* ---- sales ---- */

TEST(test_sales_per_manager_with_totals_and_pipeline)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "sales.db"));
	query(&q, "2026-11-01", "2026-11-30", 0, 1);
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
	CHECK(has_text(&d, "Pipeline now: the department"));
	CHECK(fixture_doc_table(&d, 2) == NULL);
	doc_free(&d);
	db_close(w.db);
}

TEST(test_sales_of_one_manager_lists_the_deals)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "sales-one.db"));
	query(&q, "2026-11-01", "2026-11-30", 0, 0);
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
	query(&q, "2026-01-01", "2026-12-31", 0, 0);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0,
	    "anna|2|130 000.00|1|50 000.00|49 500.00|66.7%");
	doc_free(&d);
	/* Vera: a row of zeros and an empty pipeline. */
	query(&q, "2026-11-01", "2026-11-30", w.vera, 0);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0, "Вера|0|0.00|0|0.00|0.00|-");
	CHECK_ROW(fixture_doc_table(&d, 1), 4, "Total|0|0.00");
	CHECK(has_text(&d, "No deal was won or lost"));
	doc_free(&d);
	query(&q, "", "", 424242, 0);
	CHECK_INT(report_sales(w.db, &q, &d, &err), SO_ENOTFOUND);
	db_close(w.db);
}

/* ---- audit ---- */

TEST(test_audit_counts_categories_and_movers)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "audit.db"));
	query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Client base audit (ABC)");
	CHECK(has_text(&d, "Categories in 2026-10"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "A|1|2 000.00");
	CHECK_ROW(t, 1, "B|1|300.00");
	CHECK_ROW(t, 2, "C|1|50.00");
	CHECK_ROW(t, 3, "unranked|8|");
	CHECK_ROW(t, 4, "Total|11|2 350.00");
	CHECK(has_text(&d, "2026-09 -> 2026-10"));
	CHECK(has_text(&d, "1 moved up, 0 moved down, 1 newly ranked, "
	    "1 dropped out"));
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Kappa|anna|A|-|1 000.00|");
	CHECK_ROW(t, 1, "Lambda|anna|B|A|500.00|2 000.00");
	CHECK_ROW(t, 2, "Nu|Борис|-|B||300.00");
	doc_free(&d);
	/* anna's companies only. */
	query(&q, "", "2026-11-23", 0, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0, "A|1|2 000.00");
	CHECK_ROW(fixture_doc_table(&d, 0), 2, "C|0|0.00");
	CHECK_ROW(fixture_doc_table(&d, 0), 3, "unranked|6|");
	CHECK_INT(nrows(fixture_doc_table(&d, 1)), 2);
	doc_free(&d);
	/* Up to September: nothing earlier to compare with. */
	query(&q, "", "2026-09-30", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(has_text(&d, "Categories in 2026-09"));
	CHECK(has_text(&d, "No earlier ranked month"));
	doc_free(&d);
	db_close(w.db);
}

TEST(test_audit_lists_companies_without_a_touch_for_90_days)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "audit-idle.db"));
	query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(has_text(&d, "none since 2026-08-26"));
	/* Customers by their payments: Гамма, Omega, Kappa..Nu; Зета by
	 * hand.  Touched since: Гамма, Mu, Зета. */
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 4);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	CHECK_ROW(t, 1, "Nu|Борис|B|customer|never");
	CHECK_ROW(t, 2, "Omega|Борис|-|customer|never");
	CHECK_ROW(t, 3, "Lambda|anna|A|regular|2026-06-01 Call");
	doc_free(&d);
	query(&q, "", "2026-11-23", 0, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	doc_free(&d);
	/* Ending 2026-07-15: Lambda's June call is within 90 days, and
	 * the November calls of Гамма and Зета are after the end. */
	query(&q, "", "2026-07-15", w.anna, 0);
	REQUIRE(report_audit(w.db, &q, &d, &err) == SO_OK);
	CHECK(has_text(&d, "No month has been ranked"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Kappa|anna|-|customer|never");
	CHECK_ROW(t, 1, "Гамма|anna|-|customer|never");
	CHECK_ROW(t, 2, "Зета|anna|-|customer|never");
	doc_free(&d);
	db_close(w.db);
}

/* ---- key clients ---- */

TEST(test_keyclients_lists_vip_companies_in_scope_with_people)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct world w;
	struct doc d;

	REQUIRE(setup(&w, "keys.db"));
	query(&q, "", "", 0, 0);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Key clients");
	CHECK(has_text(&d, "1 key clients (category VIP) with 2 contacts"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_KIND(t, 0, DOC_ROW_GROUP);
	CHECK_STR(t->rows[0].cells[0], "Альфа, Казань - anna; last touch: "
	    "2026-11-10 Call; next: none");
	CHECK_ROW(t, 1, "Яковлев Олег|Директор|+7 843 100-00-01|"
	    "petrov@alfa.ru");
	CHECK_ROW(t, 2, "Сидоров Иван|Снабженец|+7 900 000-00-11|");
	doc_free(&d);
	query(&q, "", "", 0, 1);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	REQUIRE(t->nrows == 5);
	CHECK_STR(t->rows[3].cells[0], "Эпсилон, Москва - Борис; last touch: "
	    "2026-11-11 Call; next: none");
	CHECK_ROW(t, 4, "Кузнецова Анна|Директор|+7 495 000-00-05|");
	doc_free(&d);
	query(&q, "", "", w.vera, 0);
	REQUIRE(report_keyclients(w.db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_table(&d, 0) == NULL);
	doc_free(&d);
	db_close(w.db);
}
