/*
 * The sales representative's daily report (template 8) as a document:
 * for one representative (or, with all, every active user, each from
 * a new page under their name) the visits of the day with the outlet,
 * the person met, the result and the notes on shelf and stock; the
 * orders of the day with their amounts; the totals.  The store finds
 * them (store/report_visits.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/entity.h"
#include "store/lookup.h"
#include "store/report_visits.h"

/* "10:00" or "10:00-11:30" in local time. */
static void
span_of(const struct visit *v, char *out, size_t size)
{
	char a[17], b[17];

	dt_format_moment((time_t)v->at, a);
	if (v->end > v->at) {
		dt_format_moment((time_t)v->end, b);
		snprintf(out, size, "%s-%s", a + 11, b + 11);
	} else
		snprintf(out, size, "%s", a + 11);
}

/* The notes on shelf and stock: what was planned or seen, then what
 * the representative wrote when closing the visit. */
static char *
notes_of(const struct visit *v)
{
	if (*v->description && *v->comment)
		return xasprintf("%s; %s", v->description, v->comment);
	return xstrdup(*v->description ? v->description : v->comment);
}

static const char *
result_of(const struct visit *v)
{
	if (*v->result)
		return v->result;
	/* TRANSLATORS: a visit still to make, or made without a result
	 * set. */
	return v->done ? C_("touch", "done") : C_("visit", "planned");
}

static void
visits_table(struct doc *d, const struct visits *s)
{
	const struct doc_col cols[] = {
		{ _("Time"), DOC_LEFT, 11, 0 },
		/* TRANSLATORS: a shop or a client's point of sale. */
		{ _("Outlet"), DOC_LEFT, 24, 0 },
		{ _("Person met"), DOC_LEFT, 20, 0 },
		{ _("Result"), DOC_LEFT, 18, 0 },
		{ _("Shelf and stock"), DOC_LEFT, 40, 0 },
	};
	const struct visit *v;
	struct doc_table *t;
	char at[48], *notes;
	size_t i;

	t = REPORT_TABLE(d, _("Visits"), _("No visits."), s->n, cols);
	for (i = 0; t && i < s->n; i++) {
		v = &s->v[i];
		span_of(v, at, sizeof(at));
		notes = notes_of(v);
		doc_rowv(t, DOC_ROW, at, v->company, v->contact, result_of(v),
		    notes);
		free(notes);
	}
}

static void
orders_table(struct doc *d, const struct visits *s)
{
	const struct doc_col cols[] = {
		{ _("Outlet"), DOC_LEFT, 24, 0 },
		{ _("Deal"), DOC_LEFT, 30, 0 },
		/* TRANSLATORS: an order of the day: a new deal, or one
		 * won that day. */
		{ (char *)C_("order", "Order"), DOC_LEFT, 10, 0 },
		{ _("Stage"), DOC_LEFT, 18, 0 },
		{ _("Amount"), DOC_RIGHT, 0, 0 },
	};
	const struct visit_order *o;
	struct doc_table *t;
	char *sum;
	size_t i;

	t = REPORT_TABLE(d, _("Orders"), _("No orders."), s->norders, cols);
	for (i = 0; t && i < s->norders; i++) {
		o = &s->orders[i];
		sum = report_money_cell(o->amount);
		doc_rowv(t, DOC_ROW, o->company, o->title, o->won ?
		    C_("order", "won") : C_("order", "new"), o->stage, sum);
		free(sum);
	}
	if (t) {
		sum = report_money_cell(s->order_sum);
		doc_rowv(t, DOC_ROW_TOTAL, _("Total"), "", "", "", sum);
		free(sum);
	}
}

static void
totals_table(struct doc *d, const struct visits *s)
{
	const struct doc_col cols[] = {
		/* TRANSLATORS: the daily report's totals: visits planned
		 * and made, made, outlets visited, orders, their sum. */
		{ (char *)C_("visits", "Visits"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("visits", "Held"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("visits", "Outlets"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("visits", "Orders"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("visits", "Order sum"), DOC_RIGHT, 0, 0 },
	};
	struct doc_table *t;
	char *n[5];
	size_t i;

	t = REPORT_TABLE(d, _("Totals"), NULL, 0, cols);
	n[0] = report_count_cell((int64_t)s->n);
	n[1] = report_count_cell(s->held);
	n[2] = report_count_cell(s->outlets);
	n[3] = report_count_cell((int64_t)s->norders);
	n[4] = report_money_cell(s->order_sum);
	doc_rowv(t, DOC_ROW_TOTAL, n[0], n[1], n[2], n[3], n[4]);
	for (i = 0; i < 5; i++)
		free(n[i]);
}

static int
one_report(struct db *db, int64_t user_id, const char *day, struct doc *d,
    struct so_err *err)
{
	struct visits s;
	int code;

	if ((code = visits_load(db, user_id, day, &s, err)) != SO_OK)
		return code;
	visits_table(d, &s);
	orders_table(d, &s);
	totals_table(d, &s);
	visits_free(&s);
	return SO_OK;
}

static int
every_report(struct db *db, const char *day, struct doc *d,
    struct so_err *err)
{
	struct user_brief *users;
	size_t i, n;
	char *who;
	int code;

	if ((code = store_users_active(db, &users, &n, err)) != SO_OK)
		return code;
	for (i = 0; i < n && code == SO_OK; i++) {
		if (i > 0)
			doc_page_break(d);
		who = report_user_label(users[i].login, users[i].full_name);
		doc_heading(d, who);
		free(who);
		code = one_report(db, users[i].id, day, d, err);
	}
	store_users_free(users, n);
	return code;
}

int
report_visits(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct report_query one = *q;
	int64_t now = report_query_now(db, q);
	int code;

	if (*one.from == '\0')
		dt_format_date((time_t)now, one.from);
	memcpy(one.to, one.from, sizeof(one.to));
	one.now = now;
	if ((code = report_begin(db, &one, _("Sales representative's daily "
	    "report"), out, err)) != SO_OK)
		return code;
	out->landscape = 1;
	if (q->all)
		code = every_report(db, one.from, out, err);
	else
		code = one_report(db, q->user_id ? q->user_id :
		    db_user_id(db), one.from, out, err);
	if (code != SO_OK)
		doc_free(out);
	return code;
}
