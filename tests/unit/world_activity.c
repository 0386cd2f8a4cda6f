/*
 * The activity week (worlds.h): the records, made through the fixture's
 * builders.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "worlds.h"

/* An event of user at "YYYY-MM-DD HH:MM"; status done unless given. */
static int64_t
ev(struct world_activity *w, int64_t user, const char *at, const char *type,
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
company(struct world_activity *w, const char *name, int64_t manager)
{
	return fixture_add_company(w->db, &(struct fixture_company){
	    .name = name, .manager = manager });
}

static void
no_manager(struct world_activity *w, int64_t id)
{
	char *sql = xasprintf("UPDATE companies SET manager_id = NULL "
	    "WHERE id = %" PRId64, id);

	if (db_exec(w->db, sql, NULL) != SO_OK)
		harness_fail(__FILE__, __LINE__, "no manager");
	free(sql);
}

static int64_t
deal(struct world_activity *w, int64_t company_id, int64_t manager)
{
	return fixture_add_deal(w->db, &(struct fixture_deal){
	    .title = "Deal", .company = company_id, .manager = manager });
}

static int64_t
pay(struct world_activity *w, int64_t company_id, int64_t deal_id,
    const char *on, int64_t kopecks)
{
	return fixture_add_payment(w->db, &(struct fixture_payment){
	    .company = company_id, .deal = deal_id, .paid_on = on,
	    .amount = kopecks });
}

int
world_activity(struct world_activity *w)
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
