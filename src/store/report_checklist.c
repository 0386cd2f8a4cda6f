/*
 * The day-schedule checklist's queries; see
 * include/store/report_checklist.h.
 *
 * The items are the agenda's (store/agenda.h) for one day without the
 * overdue list or the reminders, so the checklist, the startup screen
 * and `salesorg agenda` never disagree about what a day holds; its
 * queries walk the indexes of one user's day (events_agenda,
 * tasks_assignee_due, contacts_birthday), once per user for the head.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/agenda.h"
#include "store/lookup.h"
#include "store/report_checklist.h"
#include "store/report_common.h"
#include "store/settings.h"

/* The day's agenda of user_id (never 0: that is everyone's). */
static int
day_agenda(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct agenda *a, struct so_err *err)
{
	struct agenda_query q;
	int64_t t0, t1;
	int code;

	if (*day == '\0')
		return so_err_field(err, SO_EINVAL, "date", _("the "
		    "checklist's day: a date as 2026-11-23"));
	if ((code = rep_day_range(day, day, &t0, &t1, err)) != SO_OK)
		return code;
	memset(&q, 0, sizeof(q));
	q.now = now;
	q.from = t0;
	q.days = 1;
	q.user_id = user_id;
	return agenda_load(db, &q, a, err);
}

static int
work_start(struct db *db)
{
	unsigned days;
	int start;

	settings_work_week(db, &days, &start);
	return start;
}

int
checklist_load(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct checklist *out, struct so_err *err)
{
	struct checklist_item *c;
	struct agenda a;
	size_t i;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, user_id, N_("read another user's "
	    "agenda or everyone's"), err)) != SO_OK)
		return code;
	if ((code = day_agenda(db, user_id, day, now, &a, err)) != SO_OK)
		return code;
	snprintf(out->day, sizeof(out->day), "%s", day);
	out->user_id = user_id;
	out->start_min = work_start(db);
	out->v = xcalloc(a.n ? a.n : 1, sizeof(*out->v));
	for (i = 0; i < a.n; i++) {
		if (a.v[i].section != AG_DAY)
			continue;
		c = &out->v[out->n++];
		c->at = a.v[i].at;
		c->all_day = a.v[i].all_day;
		c->done = a.v[i].done;
		c->type_code = xstrdup(a.v[i].type ? a.v[i].type : "");
		c->type = xstrdup(a.v[i].type_name ? a.v[i].type_name : "");
		c->subject = xstrdup(a.v[i].subject ? a.v[i].subject : "");
		c->company = xstrdup(a.v[i].company ? a.v[i].company : "");
		c->contact = xstrdup(a.v[i].contact ? a.v[i].contact : "");
		c->phone = xstrdup(a.v[i].phone ? a.v[i].phone : "");
	}
	agenda_free(&a);
	return SO_OK;
}

void
checklist_free(struct checklist *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].type_code);
		free(c->v[i].type);
		free(c->v[i].subject);
		free(c->v[i].company);
		free(c->v[i].contact);
		free(c->v[i].phone);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Counts the day of user u into *k and the totals. */
/* Has user_id sent the journal of the day after day (journal --send)? */
static int
journal_sent(struct db *db, int64_t user_id, const char *day, int64_t *sent,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*sent = 0;
	if ((code = db_prepare(db, "SELECT 1 FROM journal_sent WHERE day = "
	    "date(?2, '+1 day') AND user_id = ?1 LIMIT 1", &st, err)) !=
	    SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the journals sent"), err);
	*sent = rc == SQLITE_ROW;
	return SO_OK;
}

static int
count_user(struct db *db, const struct user_brief *u, const char *day,
    int64_t now, struct checklist_count *k, struct checklist_count *total,
    struct so_err *err)
{
	const struct agenda_item *it;
	struct agenda a;
	size_t i;
	int code;

	memset(k, 0, sizeof(*k));
	k->user_id = u->id;
	k->login = xstrdup(u->login);
	k->full_name = xstrdup(u->full_name ? u->full_name : "");
	if ((code = day_agenda(db, u->id, day, now, &a, err)) != SO_OK)
		return code;
	for (i = 0; i < a.n; i++) {
		it = &a.v[i];
		if (it->section != AG_DAY)
			continue;
		if (it->kind == AG_TASK)
			k->tasks++;
		else if (strcmp(it->type, "call") == 0)
			k->calls++;
		else if (strcmp(it->type, "meeting") == 0)
			k->meetings++;
		else
			k->other++;
		k->done += it->done != 0;
	}
	agenda_free(&a);
	if ((code = journal_sent(db, u->id, day, &k->journal_sent, err)) !=
	    SO_OK)
		return code;
	total->journal_sent += k->journal_sent;
	total->calls += k->calls;
	total->meetings += k->meetings;
	total->tasks += k->tasks;
	total->other += k->other;
	total->done += k->done;
	return SO_OK;
}

int
checklist_team_load(struct db *db, const char *day, int64_t now,
    struct checklist_team *out, struct so_err *err)
{
	struct user_brief *users;
	size_t i, n;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, 0, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if ((code = store_users_active(db, &users, &n, err)) != SO_OK)
		return code;
	snprintf(out->day, sizeof(out->day), "%s", day);
	out->start_min = work_start(db);
	out->v = xcalloc(n ? n : 1, sizeof(*out->v));
	for (i = 0; i < n && code == SO_OK; i++, out->n++)
		code = count_user(db, &users[i], day, now, &out->v[i],
		    &out->total, err);
	store_users_free(users, n);
	if (code != SO_OK)
		checklist_team_free(out);
	return code;
}

void
checklist_team_free(struct checklist_team *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].login);
		free(t->v[i].full_name);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}
