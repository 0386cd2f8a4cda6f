/*
 * The sales representative's daily report's queries; see
 * include/store/report_visits.h.
 *
 * The visits are one range over events_agenda (assignee, status,
 * start_at) with the type joined by key.  The orders read the user's
 * deals through the deals table (no index has manager and creation
 * time: the deals are tens of thousands of rows, read in milliseconds,
 * as the sales report reads them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/report_common.h"
#include "store/report_visits.h"

#define VISITS_SQL \
    "SELECT e.id, e.start_at, coalesce(e.end_at, 0), e.status = 'done', " \
    "coalesce(e.company_id, 0), coalesce(c.name, ''), " \
    "coalesce(p.last_name, ''), coalesce(p.first_name, ''), " \
    "coalesce(p.middle_name, ''), coalesce(r.name, ''), e.description, " \
    "e.result_comment " \
    "FROM events e " \
    "JOIN event_types t ON t.id = e.type_id AND t.code = 'meeting' " \
    "LEFT JOIN companies c ON c.id = e.company_id " \
    "LEFT JOIN contacts p ON p.id = e.contact_id " \
    "LEFT JOIN event_results r ON r.id = e.result_id " \
    "WHERE e.assignee_id = ?1 AND e.status IN ('planned', 'done') " \
    "AND e.start_at >= ?2 AND e.start_at < ?3 AND e.deleted_at IS NULL " \
    "AND e.rrule = '' ORDER BY e.start_at, e.id"

/* Won that day counts as won, even when the deal was also made that
 * day: the order is what the client took. */
#define ORDERS_SQL \
    "SELECT d.id, coalesce(d.amount, ?5), " \
    "coalesce(s.won AND d.closed_on = ?4, 0), " \
    "coalesce(c.name, ''), d.title, coalesce(s.name, '') " \
    "FROM deals d " \
    "LEFT JOIN deal_stages s ON s.id = d.stage_id " \
    "LEFT JOIN companies c ON c.id = d.company_id " \
    "WHERE d.deleted_at IS NULL AND d.manager_id = ?1 " \
    "AND ((d.created_at >= ?2 AND d.created_at < ?3) " \
    "OR (s.won AND d.closed_on = ?4)) " \
    "ORDER BY coalesce(c.name, ''), d.id"

static int
load_visits(struct db *db, struct visits *out, int64_t t0, int64_t t1,
    struct so_err *err)
{
	sqlite3_stmt *st;
	struct visit *v;
	int64_t *seen = NULL;
	size_t nseen = 0, i;
	int rc, code;

	if ((code = db_prepare(db, VISITS_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, out->user_id);
	sqlite3_bind_int64(st, 2, t0);
	sqlite3_bind_int64(st, 3, t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		v = &out->v[out->n++];
		memset(v, 0, sizeof(*v));
		v->event_id = sqlite3_column_int64(st, 0);
		v->at = sqlite3_column_int64(st, 1);
		v->end = sqlite3_column_int64(st, 2);
		v->done = sqlite3_column_int(st, 3);
		v->company_id = sqlite3_column_int64(st, 4);
		v->company = db_text_dup(st, 5);
		v->contact = rep_person_name(db_text(st, 6), db_text(st, 7),
		    db_text(st, 8));
		v->result = db_text_dup(st, 9);
		v->description = db_text_dup(st, 10);
		v->comment = db_text_dup(st, 11);
		out->held += v->done;
		/* An outlet visited twice is one outlet. */
		for (i = 0; i < nseen; i++)
			if (seen[i] == v->company_id)
				break;
		if (v->company_id != 0 && i == nseen) {
			seen = xrealloc(seen, (nseen + 1) * sizeof(*seen));
			seen[nseen++] = v->company_id;
		}
	}
	db_done(st);
	free(seen);
	out->outlets = (int64_t)nseen;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the day's visits"), err);
	return SO_OK;
}

static int
load_orders(struct db *db, struct visits *out, int64_t t0, int64_t t1,
    struct so_err *err)
{
	struct visit_order *o;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, ORDERS_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, out->user_id);
	sqlite3_bind_int64(st, 2, t0);
	sqlite3_bind_int64(st, 3, t1);
	sqlite3_bind_text(st, 4, out->day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, SO_NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->orders = xrealloc(out->orders, (out->norders + 1) *
		    sizeof(*out->orders));
		o = &out->orders[out->norders++];
		memset(o, 0, sizeof(*o));
		o->deal_id = sqlite3_column_int64(st, 0);
		o->amount = sqlite3_column_int64(st, 1);
		o->won = sqlite3_column_int(st, 2);
		o->company = db_text_dup(st, 3);
		o->title = db_text_dup(st, 4);
		o->stage = db_text_dup(st, 5);
		if (o->amount != SO_NULL)
			out->order_sum += o->amount;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the day's orders"), err);
	return SO_OK;
}

int
visits_load(struct db *db, int64_t user_id, const char *day,
    struct visits *out, struct so_err *err)
{
	int64_t t0, t1;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, user_id, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if (*day == '\0')
		return so_err_field(err, SO_EINVAL, "date", _("the report's "
		    "day: a date as 2026-11-23"));
	if ((code = rep_day_range(day, day, &t0, &t1, err)) != SO_OK)
		return code;
	snprintf(out->day, sizeof(out->day), "%s", day);
	out->user_id = user_id;
	if ((code = load_visits(db, out, t0, t1, err)) != SO_OK ||
	    (code = load_orders(db, out, t0, t1, err)) != SO_OK)
		visits_free(out);
	return code;
}

void
visits_free(struct visits *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		free(v->v[i].company);
		free(v->v[i].contact);
		free(v->v[i].result);
		free(v->v[i].description);
		free(v->v[i].comment);
	}
	free(v->v);
	for (i = 0; i < v->norders; i++) {
		free(v->orders[i].company);
		free(v->orders[i].title);
		free(v->orders[i].stage);
	}
	free(v->orders);
	memset(v, 0, sizeof(*v));
}
