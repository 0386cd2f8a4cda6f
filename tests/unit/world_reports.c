/*
 * The reports' world (worlds.h): the records, made through the
 * fixture's builders, and the ABC months computed from their payments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/sales.h"
#include "worlds.h"

static int64_t
company(struct world_reports *w, const char *name, int64_t manager,
    const char *category, const char *city, const char *status)
{
	return fixture_add_company(w->db, &(struct fixture_company){
	    .name = name, .manager = manager, .category = category,
	    .city = city, .status = status });
}

static int64_t
contact(struct world_reports *w, int64_t company_id, const char *last,
    const char *first, const char *position, const char *role,
    const char *phone, const char *mobile, const char *email)
{
	return fixture_add_contact(w->db, &(struct fixture_contact){
	    .company = company_id, .last = last, .first = first,
	    .position = position, .role = role, .phone_work = phone,
	    .phone_mobile = mobile, .email = email });
}

static int64_t
event(struct world_reports *w, int64_t company_id, int64_t contact_id,
    const char *type, const char *status, const char *result, int64_t at,
    int64_t user, const char *subject)
{
	return fixture_add_event(w->db, &(struct fixture_event){
	    .company = company_id, .contact = contact_id, .type = type,
	    .status = status, .result = result, .at = at, .assignee = user,
	    .subject = subject });
}

static int64_t
deal(struct world_reports *w, int64_t company_id, int64_t manager,
    const char *title, const char *stage, int64_t rubles,
    const char *closed_on, const char *reason)
{
	return fixture_add_deal(w->db, &(struct fixture_deal){
	    .company = company_id, .manager = manager, .title = title,
	    .stage = stage, .amount = rubles * 100, .closed_on = closed_on,
	    .lost_reason = reason });
}

static void
pay(struct world_reports *w, int64_t company_id, int64_t deal_id,
    const char *date, int64_t rubles)
{
	fixture_add_payment(w->db, &(struct fixture_payment){
	    .company = company_id, .deal = deal_id, .amount = rubles * 100,
	    .paid_on = date });
}

static void
task(struct world_reports *w, int64_t company_id, const char *title,
    int64_t due, const char *status)
{
	fixture_add_task(w->db, &(struct fixture_task){ .company = company_id,
	    .title = title, .due = due, .status = status });
}

/* The meeting M1 at Бета with everything a meeting report shows. */
static void
meeting_m1(struct world_reports *w)
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
abc_world(struct world_reports *w)
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

int
world_reports(struct world_reports *w, const char *name)
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

void
world_query(struct report_query *q, const char *from, const char *to,
    int64_t user_id, int all)
{
	memset(q, 0, sizeof(*q));
	snprintf(q->from, sizeof(q->from), "%s", from);
	snprintf(q->to, sizeof(q->to), "%s", to);
	q->user_id = user_id;
	q->all = all;
	q->now = FIXTURE_NOW;
}
