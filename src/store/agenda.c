/*
 * The agenda query and its actions; see include/store/agenda.h.
 *
 * Each source is one indexed range query: events_agenda (assignee,
 * status, start) for one user's events, tasks_assignee_due for tasks,
 * events_remind_user and tasks_remind_user (sql/024) for the user's
 * reminders that have come, contacts_birthday for birthdays,
 * events_recurring for the few recurring series.  Without a user (the
 * head of sales asking for everyone) the same statements run with the
 * user test dropped, and the indexes of what is still open take over
 * (sql/011): events_open, the planned one-off events by start, so the
 * overdue list that starts at the beginning of time reads the calls still
 * planned and not the million done before them; events_series, the series
 * begun by the window's end; tasks_open, the open tasks by due moment;
 * events_remind, the planned ones by the moment of their reminder, so
 * "reminder due by now" reads those and not a month of everyone's calls
 * (the start bounds are written +e.start_at there, checked on the row, or
 * the planner would take the month from events_open instead).  Each
 * query's cost follows what it returns, not the history (issue 26; the
 * plans are checked by test_agenda.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/agenda.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/recur.h"
#include "store/settings.h"
#include "store/snooze.h"
#include "store/undo.h"

#define DAY		86400
#define REMIND_AHEAD	(31 * DAY)	/* the longest reminder we look for */
#define MAX_PER_SERIES	200		/* occurrences of one rule shown */

/* Columns shared by every event query, in read_event's order, and the
 * joins after "FROM events e" (apart: user_events' second branch has
 * them too). */
#define EVENT_SELECT \
    "SELECT e.id, e.start_at, coalesce(e.end_at, 0), e.all_day, " \
    "coalesce(e.remind_min, -1), e.status, coalesce(e.assignee_id, 0), " \
    "coalesce(u.login, ''), coalesce(t.code, ''), coalesce(t.name, ''), " \
    "e.subject, coalesce(e.company_id, 0), coalesce(c.name, ''), " \
    "coalesce(e.contact_id, 0), " \
    "coalesce(trim(p.last_name || ' ' || p.first_name), ''), " \
    "coalesce(nullif(p.phone_mobile, ''), nullif(p.phone_work, ''), " \
    "c.phone, ''), coalesce(r.name, ''), e.rrule "
#define EVENT_JOINS \
    "LEFT JOIN users u ON u.id = e.assignee_id " \
    "LEFT JOIN event_types t ON t.id = e.type_id " \
    "LEFT JOIN companies c ON c.id = e.company_id " \
    "LEFT JOIN contacts p ON p.id = e.contact_id " \
    "LEFT JOIN event_results r ON r.id = e.result_id "
static const char event_cols[] = EVENT_SELECT "FROM events e " EVENT_JOINS
    "WHERE e.deleted_at IS NULL ";

static struct agenda_item *
push(struct agenda *a, size_t *cap)
{
	struct agenda_item *it;

	if (a->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		a->v = xrealloc(a->v, *cap * sizeof(*a->v));
	}
	it = &a->v[a->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

static void
item_free(struct agenda_item *it)
{
	free(it->assignee);
	free(it->type);
	free(it->type_name);
	free(it->subject);
	free(it->company);
	free(it->contact);
	free(it->phone);
	free(it->result);
}

static void
item_copy(struct agenda_item *dst, const struct agenda_item *src)
{
	*dst = *src;
	dst->assignee = xstrdup(src->assignee);
	dst->type = xstrdup(src->type);
	dst->type_name = xstrdup(src->type_name);
	dst->subject = xstrdup(src->subject);
	dst->company = xstrdup(src->company);
	dst->contact = xstrdup(src->contact);
	dst->phone = xstrdup(src->phone);
	dst->result = xstrdup(src->result);
}

void
agenda_free(struct agenda *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		item_free(&a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* Fills it from an event_cols row; returns the remind_min (-1: none). */
static int64_t
read_event(sqlite3_stmt *st, struct agenda_item *it)
{
	int64_t remind = sqlite3_column_int64(st, 4);

	it->kind = AG_EVENT;
	it->id = sqlite3_column_int64(st, 0);
	it->at = sqlite3_column_int64(st, 1);
	it->end = sqlite3_column_int64(st, 2);
	it->all_day = sqlite3_column_int(st, 3);
	it->remind_at = remind >= 0 ? it->at - remind * 60 : 0;
	it->done = strcmp((const char *)sqlite3_column_text(st, 5),
	    "done") == 0;
	it->assignee_id = sqlite3_column_int64(st, 6);
	it->assignee = db_text_dup(st, 7);
	it->type = db_text_dup(st, 8);
	it->type_name = db_text_dup(st, 9);
	it->subject = db_text_dup(st, 10);
	it->company_id = sqlite3_column_int64(st, 11);
	it->company = db_text_dup(st, 12);
	it->contact_id = sqlite3_column_int64(st, 13);
	it->contact = db_text_dup(st, 14);
	it->phone = db_text_dup(st, 15);
	it->result = db_text_dup(st, 16);
	return remind;
}

/*
 * Prepares head + the user test + tail and binds ?1 (user_id), ?2 (lo),
 * ?3 (hi): the shape of every agenda query.  Without a user the test is
 * "?1 = 0", so the planner can use the time index instead.
 */
static int
prepare_range(struct db *db, const char *head, const char *user_col,
    int64_t user_id, const char *tail, int64_t lo, int64_t hi,
    sqlite3_stmt **st, struct so_err *err)
{
	struct strbuf sql = { 0 };
	int code;

	sb_add(&sql, head);
	if (user_id)
		sb_printf(&sql, "AND %s = ?1 ", user_col);
	else
		sb_add(&sql, "AND ?1 = 0 ");
	sb_add(&sql, tail);
	code = db_prepare(db, sb_str(&sql), st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(*st, 1, user_id);
	sqlite3_bind_int64(*st, 2, lo);
	sqlite3_bind_int64(*st, 3, hi);
	return SO_OK;
}

/* Runs an event query whose parameters are ?1 user (when user_id),
 * ?2 low bound, ?3 high bound, ?4 now; one item per row. */
static int
one_off(struct db *db, const char *where, int64_t user_id, int64_t lo,
    int64_t hi, int64_t now, enum agenda_section sec, struct agenda *a,
    size_t *cap, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = prepare_range(db, event_cols, "e.assignee_id", user_id,
	    where, lo, hi, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 4, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it = push(a, cap);

		read_event(st, it);
		it->section = sec;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the agenda"), err);
	return SO_OK;
}

/* Does the exception list hold orig? */
static const struct event_exception *
find_exception(const struct event_exception *x, size_t nx, int64_t orig)
{
	size_t i;

	for (i = 0; i < nx; i++)
		if (x[i].orig_start == orig)
			return &x[i];
	return NULL;
}

/* Adds the occurrence of series proto starting at `at` (rule start orig)
 * when keep(at, remind_at) says so. */
static void
add_occurrence(struct agenda *a, size_t *cap, const struct agenda_item *proto,
    int64_t remind, int64_t orig, int64_t at, int64_t end)
{
	struct agenda_item *it = push(a, cap);

	item_copy(it, proto);
	it->orig_start = orig;
	it->at = at;
	it->end = end;
	it->remind_at = remind >= 0 ? at - remind * 60 : 0;
}

/*
 * The occurrences in [lo, hi) of the series in st's current row (an
 * event_cols row), exceptions applied.  With remind_until, only those
 * whose reminder time has come by then.
 */
static int
series_add(struct db *db, sqlite3_stmt *st, int64_t lo, int64_t hi,
    int64_t remind_until, enum agenda_section sec, struct agenda *a,
    size_t *cap, struct so_err *err)
{
	struct agenda_item proto = { 0 };
	struct event_exception *x = NULL;
	const struct event_exception *e;
	struct so_err xerr = { 0 };
	int64_t remind, dur, *starts = NULL;
	size_t i, n = 0, nx = 0;
	int trunc = 0, code;

	remind = read_event(st, &proto);
	proto.section = sec;
	dur = proto.end ? proto.end - proto.at : 0;
	/* A series whose rule cannot be expanded (or repeats absurdly
	 * often) shows its first occurrence only, when that is in the
	 * window, rather than hiding the rest of the agenda. */
	if (recur_expand((const char *)sqlite3_column_text(st, 17), proto.at,
	    proto.all_day, lo, hi, MAX_PER_SERIES, &starts, &n, &trunc,
	    &xerr) != SO_OK) {
		if (trunc)	/* repeats too often */
			a->truncated = 1;
		else
			a->bad_rule = 1;
		if (proto.at >= lo && proto.at < hi) {
			starts = xmalloc(sizeof(*starts));
			starts[0] = proto.at;
			n = 1;
		}
	}
	if (trunc)
		a->truncated = 1;
	if ((code = store_event_exceptions(db, proto.id, &x, &nx, err)) !=
	    SO_OK) {
		free(starts);
		item_free(&proto);
		return code;
	}
	for (i = 0; i < n; i++) {
		e = find_exception(x, nx, starts[i]);
		if (e != NULL)
			continue;	/* moved or cancelled */
		if (remind_until && (remind < 0 ||
		    starts[i] - remind * 60 > remind_until))
			continue;
		add_occurrence(a, cap, &proto, remind, starts[i], starts[i],
		    dur ? starts[i] + dur : 0);
	}
	for (i = 0; i < nx; i++) {
		int64_t at = x[i].new_start;

		if (x[i].cancelled || at < lo || at >= hi)
			continue;
		if (remind_until && (remind < 0 ||
		    at - remind * 60 > remind_until))
			continue;
		add_occurrence(a, cap, &proto, remind, x[i].orig_start, at,
		    x[i].new_end ? x[i].new_end : dur ? at + dur : 0);
		if (x[i].subject != NULL && *x[i].subject) {
			/* the moved occurrence's own title */
			free(a->v[a->n - 1].subject);
			a->v[a->n - 1].subject = xstrdup(x[i].subject);
		}
	}
	store_event_exceptions_free(x, nx);
	free(starts);
	item_free(&proto);
	return SO_OK;
}

/*
 * The occurrences in [lo, hi) of the user's planned recurring series
 * (series_add); with remind_until, only those whose reminder time has
 * come by then.
 */
static int
recurring(struct db *db, int64_t user_id, int64_t lo, int64_t hi,
    int64_t remind_until, enum agenda_section sec, struct agenda *a,
    size_t *cap, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code = SO_OK;

	/* One user's series from events_recurring (the + keeps the
	 * planner off events_agenda, which would walk every planned event
	 * of the user up to hi, a month ahead for the reminders);
	 * everyone's from events_series, those begun by hi.  No ORDER BY:
	 * the caller sorts the items. */
	if ((code = prepare_range(db, event_cols, "e.assignee_id", user_id,
	    user_id ? "AND e.rrule <> '' AND +e.status = 'planned' "
	    "AND e.start_at < ?3" : "AND e.rrule <> '' "
	    "AND e.status = 'planned' AND e.start_at < ?3", lo, hi, &st,
	    err)) != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((code = series_add(db, st, lo, hi, remind_until, sec, a,
		    cap, err)) != SO_OK)
			break;
	db_done(st);
	if (code != SO_OK)
		return code;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading recurring events"), err);
	return SO_OK;
}

/* Columns shared by every task query, in read_task's order; the joins
 * after "FROM tasks k" (as EVENT_SELECT's). */
#define TASK_SELECT \
    "SELECT k.id, k.due_at, coalesce(k.assignee_id, 0), " \
    "coalesce(u.login, ''), k.title, coalesce(k.company_id, 0), " \
    "coalesce(c.name, ''), coalesce(k.contact_id, 0), " \
    "coalesce(trim(p.last_name || ' ' || p.first_name), ''), " \
    "coalesce(nullif(p.phone_mobile, ''), nullif(p.phone_work, ''), " \
    "c.phone, ''), coalesce(k.remind_min, -1), k.status "
#define TASK_JOINS \
    "LEFT JOIN users u ON u.id = k.assignee_id " \
    "LEFT JOIN companies c ON c.id = k.company_id " \
    "LEFT JOIN contacts p ON p.id = k.contact_id "
static const char task_cols[] = TASK_SELECT "FROM tasks k " TASK_JOINS
    "WHERE k.deleted_at IS NULL ";

/* Fills it from a task_cols row. */
static void
read_task(sqlite3_stmt *st, struct agenda_item *it)
{
	int64_t remind;

	it->kind = AG_TASK;
	it->id = sqlite3_column_int64(st, 0);
	it->at = sqlite3_column_int64(st, 1);
	it->assignee_id = sqlite3_column_int64(st, 2);
	it->assignee = db_text_dup(st, 3);
	it->type = xstrdup("task");
	it->type_name = xstrdup(_("Task"));
	it->subject = db_text_dup(st, 4);
	it->company_id = sqlite3_column_int64(st, 5);
	it->company = db_text_dup(st, 6);
	it->contact_id = sqlite3_column_int64(st, 7);
	it->contact = db_text_dup(st, 8);
	it->phone = db_text_dup(st, 9);
	remind = sqlite3_column_int64(st, 10);
	it->remind_at = remind >= 0 ? it->at - remind * 60 : 0;
	it->done = strcmp((const char *)sqlite3_column_text(st, 11),
	    "done") == 0;
	it->result = xstrdup("");
}

/* Runs a task query; tail's parameters are ?2 and ?3 (and ?4, now). */
static int
tasks(struct db *db, int64_t user_id, const char *tail, int64_t lo,
    int64_t hi, int64_t now, int64_t from, enum agenda_section sec,
    struct agenda *a, size_t *cap, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = prepare_range(db, task_cols, "k.assignee_id", user_id,
	    tail, lo, hi, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 4, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it = push(a, cap);

		read_task(st, it);
		it->section = sec == AG_DAY && it->at < from ? AG_OVERDUE : sec;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading tasks"), err);
	return SO_OK;
}

/*
 * One user's one-offs (open tasks) after the days whose reminder has
 * come, as a row test; parameters as user_events'.  Spelled once for
 * the probe (reminders_due) and the branches that read them.
 */
#define EVENT_REMINDS \
    "e.deleted_at IS NULL AND e.assignee_id = ?1 " \
    "AND e.status = 'planned' AND e.rrule = '' " \
    "AND e.remind_min IS NOT NULL " \
    "AND e.start_at - e.remind_min * 60 <= ?4 " \
    "AND +e.start_at >= ?5 AND +e.start_at < ?3"
#define TASK_REMINDS \
    "k.deleted_at IS NULL AND k.assignee_id = ?1 " \
    "AND k.status = 'open' AND k.remind_min IS NOT NULL " \
    "AND k.due_at - k.remind_min * 60 <= ?4 " \
    "AND +k.due_at >= ?5 AND +k.due_at < ?3"

/*
 * One user's agenda reads each table with one statement (issue 26):
 * where everyone's takes each kind of item from the index of its own
 * (events_open, events_series, events_remind, tasks_open), one user's
 * entries of events_agenda (assignee, status, start) and
 * tasks_assignee_due (assignee, status, due) already hold the days' in
 * one range -- the done ones from the first shown day, then every
 * planned (open) one up to the end of the days.  The row values
 * (status, start) bound that range; the row test keeps what agenda_load
 * shows: the done one-offs of the days, the planned ones from lo (the
 * beginning of time for the overdue list) and the series begun by the
 * end.  Statuses sort cancelled < done < planned (open), so the range
 * holds no cancelled row.
 *
 * The one-offs after the end whose reminder has come are a second
 * range, of events_remind_user (tasks_remind_user): the user's planned
 * ones with a reminder by the moment it is due, those due by now, the
 * start after the end tested on the index.  The month's walk of
 * events_agenda it replaces read every planned call of that month from
 * the table to drop it for want of a reminder: the agenda cost 1.7x its
 * bare reading on the benchmark's file, where the result is the days'.
 * The start bounds are written +e.start_at, checked on the index
 * entry: else the planner would take the month of events_agenda again,
 * its (status, start) bounds weighing more than the moment's (and not
 * INDEXED BY: a read-only command on a file not yet migrated to
 * sql/024 would fail, where this one only reads more).  The range is
 * a second branch of the same statement (UNION ALL), there only when
 * reminders_due found one: preparing one statement instead of four
 * (three for tasks) is most of what the agenda costs over its reading
 * on a small file, and the branch (70 us on the demo database) more
 * than the probe.
 *
 * Parameters: ?1 user, ?2 the first day, ?3 the end of the reminders'
 * month, ?4 now, ?5 the end of the shown days, ?6 lo; remind: add the
 * reminders' branch.
 */
static int
user_events(struct db *db, const struct agenda_query *q, int64_t lo,
    int64_t to, int remind, struct agenda *a, size_t *cap,
    struct so_err *err)
{
	static const char days[] =
	    "AND (e.status, e.start_at) >= ('done', ?2) "
	    "AND (e.status, e.start_at) < ('planned', ?5) "
	    "AND (e.status = 'done' AND e.rrule = '' AND e.start_at < ?5 "
	    "OR e.status = 'planned' AND (e.rrule <> '' OR e.start_at >= ?6)) ";
	static const char reminders[] =
	    "UNION ALL " EVENT_SELECT "FROM events e " EVENT_JOINS
	    "WHERE " EVENT_REMINDS;
	sqlite3_stmt *st;
	int rc, code = SO_OK;
	char *tail;

	tail = xasprintf("%s%s", days, remind ? reminders : "");
	code = prepare_range(db, event_cols, "e.assignee_id", q->user_id, tail,
	    q->from, to + REMIND_AHEAD, &st, err);
	free(tail);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 4, q->now);
	sqlite3_bind_int64(st, 5, to);
	sqlite3_bind_int64(st, 6, lo);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it;

		if (sqlite3_column_bytes(st, 17) > 0) {
			if ((code = series_add(db, st, q->from, to, 0, AG_DAY,
			    a, cap, err)) != SO_OK)
				break;
			continue;
		}
		it = push(a, cap);
		read_event(st, it);
		it->section = it->at >= to ? AG_REMINDER : AG_DAY;
	}
	db_done(st);
	if (code != SO_OK)
		return code;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the agenda"), err);
	return SO_OK;
}

/* The tasks of one user's agenda in one statement (user_events says
 * why); the same parameters. */
static int
user_tasks(struct db *db, const struct agenda_query *q, int64_t lo,
    int64_t to, int remind, struct agenda *a, size_t *cap,
    struct so_err *err)
{
	static const char days[] =
	    "AND (k.status, k.due_at) >= ('done', ?2) "
	    "AND (k.status, k.due_at) < ('open', ?5) "
	    "AND (k.status = 'done' AND k.due_at < ?5 "
	    "OR k.status = 'open' AND k.due_at >= ?6) ";
	static const char reminders[] =
	    "UNION ALL " TASK_SELECT "FROM tasks k " TASK_JOINS
	    "WHERE " TASK_REMINDS;
	sqlite3_stmt *st;
	int rc, code;
	char *tail;

	tail = xasprintf("%s%s", days, remind ? reminders : "");
	code = prepare_range(db, task_cols, "k.assignee_id", q->user_id, tail,
	    q->from, to + REMIND_AHEAD, &st, err);
	free(tail);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 4, q->now);
	sqlite3_bind_int64(st, 5, to);
	sqlite3_bind_int64(st, 6, lo);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it = push(a, cap);

		read_task(st, it);
		it->section = it->at >= to ? AG_REMINDER : it->at < q->from ?
		    AG_OVERDUE : AG_DAY;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading tasks"), err);
	return SO_OK;
}

/*
 * Has the user, after the days, a one-off event (due[0]) or an open
 * task (due[1]) whose reminder has come?  Two probes of
 * events_remind_user and tasks_remind_user, index entries only: most
 * of the time there is none, and user_events and user_tasks then leave
 * out the reminders' branch, which cost more to prepare (70 us on the
 * demo database) than this.
 */
static int
reminders_due(struct db *db, const struct agenda_query *q, int64_t to,
    int due[2], struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	due[0] = due[1] = 0;
	if (!q->reminders)
		return SO_OK;
	if ((code = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM events e "
	    "WHERE " EVENT_REMINDS "), EXISTS (SELECT 1 FROM tasks k "
	    "WHERE " TASK_REMINDS ")", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, q->user_id);
	sqlite3_bind_int64(st, 3, to + REMIND_AHEAD);
	sqlite3_bind_int64(st, 4, q->now);
	sqlite3_bind_int64(st, 5, to);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		due[0] = sqlite3_column_int(st, 0);
		due[1] = sqlite3_column_int(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading the agenda"), err);
	return SO_OK;
}

/* The snooze of an item, from the list (0: none). */
static int64_t
snoozed_until(const struct snooze *v, size_t n, const struct agenda_item *it)
{
	const char *kind = it->kind == AG_TASK ? "task" : "event";
	size_t i;

	if (it->kind == AG_BIRTHDAY)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i].item_id == it->id && strcmp(v[i].kind, kind) == 0 &&
		    v[i].occurrence == it->orig_start)
			return v[i].until;
	return 0;
}

/*
 * The user's snoozes, applied: a snoozed item's reminder is at the
 * snooze's time (it->snoozed), and with drop_early an item of the
 * "reminder due" section whose snooze has not run out yet leaves.
 */
static int
apply_snoozes(struct db *db, int64_t user_id, int64_t now, int drop_early,
    struct agenda *a, struct so_err *err)
{
	struct snooze *v;
	size_t n, i, k;
	int64_t until;
	int code;

	if (user_id == 0)
		return SO_OK;
	if ((code = snooze_list(db, user_id, now - REMIND_AHEAD, &v, &n,
	    err)) != SO_OK || n == 0)
		return code;
	for (i = k = 0; i < a->n; i++) {
		struct agenda_item *it = &a->v[i];

		if ((until = snoozed_until(v, n, it)) != 0 && !it->done) {
			it->snoozed = until;
			it->remind_at = until;
		}
		if (drop_early && it->section == AG_REMINDER && it->snoozed >
		    now) {
			item_free(it);
			continue;
		}
		a->v[k++] = *it;
	}
	a->n = k;
	free(v);
	return SO_OK;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The birthdays on the day starting at day (local midnight). */
static int
birthdays(struct db *db, int64_t user_id, int64_t day, struct agenda *a,
    size_t *cap, struct so_err *err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *st;
	time_t t = (time_t)day;
	struct tm tm;
	char md[2][16];
	int rc = SQLITE_DONE, code, k, nmd = 1;

	localtime_r(&t, &tm);
	snprintf(md[0], sizeof(md[0]), "%02d-%02d", tm.tm_mon + 1,
	    tm.tm_mday);
	/* Born on 29 February: congratulated on the 28th in other years. */
	if (tm.tm_mon == 1 && tm.tm_mday == 28 && !is_leap(tm.tm_year + 1900)) {
		strcpy(md[1], "02-29");
		nmd = 2;
	}
	sb_add(&sql, "SELECT p.id, p.birthday, "
	    "trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name), "
	    "coalesce(p.company_id, 0), coalesce(c.name, ''), "
	    "coalesce(nullif(p.phone_mobile, ''), nullif(p.phone_work, ''), "
	    "nullif(p.phone_home, ''), c.phone, ''), "
	    "coalesce(p.manager_id, c.manager_id, 0), coalesce(u.login, '') "
	    "FROM contacts p LEFT JOIN companies c ON c.id = p.company_id "
	    "LEFT JOIN users u ON u.id = coalesce(p.manager_id, c.manager_id) "
	    "WHERE substr(p.birthday, 6, 5) = ?2 AND p.birthday <> '' "
	    "AND p.deleted_at IS NULL ");
	/*
	 * Not if already congratulated (or planned to be) around that day.
	 * One user's: only a contact of theirs is probed.  SQLite tests a
	 * term at the first table it can, so a NOT EXISTS naming p alone
	 * ran on every contact born that day, some 800 at 1x, before the
	 * manager (from c) kept 16; behind the CASE it names c too.
	 */
	sb_add(&sql, user_id ? "AND coalesce(p.manager_id, c.manager_id) = ?1 "
	    "AND CASE WHEN coalesce(p.manager_id, c.manager_id) = ?1 THEN "
	    : "AND ?1 = 0 AND ");
	sb_add(&sql, "NOT EXISTS (SELECT 1 FROM events b "
	    "JOIN event_types bt ON bt.id = b.type_id AND bt.code = 'birthday' "
	    "WHERE b.contact_id = p.id AND b.deleted_at IS NULL "
	    "AND b.status <> 'cancelled' AND b.start_at >= ?3 - 3 * 86400 "
	    "AND b.start_at < ?3 + 7 * 86400) ");
	sb_add(&sql, user_id ? "END ORDER BY p.last_name, p.id" :
	    "ORDER BY p.last_name, p.id");
	code = db_prepare(db, sb_str(&sql), &st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	for (k = 0; k < nmd && code == SO_OK; k++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, user_id);
		sqlite3_bind_text(st, 2, md[k], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, day);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct agenda_item *it = push(a, cap);
			const char *bd = (const char *)sqlite3_column_text(st,
			    1);
			int year = atoi(bd);

			it->kind = AG_BIRTHDAY;
			it->section = AG_DAY;
			it->id = it->contact_id = sqlite3_column_int64(st, 0);
			it->at = day;
			it->all_day = 1;
			it->type = xstrdup("birthday");
			it->type_name = xstrdup(_("Birthday"));
			it->contact = db_text_dup(st, 2);
			if (year > 1900 && year <= tm.tm_year + 1900)
				/* TRANSLATORS: a contact's name and the
				 * age they reach. */
				it->subject = xasprintf(_("Congratulate: %s "
				    "(%d)"), it->contact, tm.tm_year + 1900 -
				    year);
			else
				it->subject = xasprintf(_("Congratulate: %s"),
				    it->contact);
			it->company_id = sqlite3_column_int64(st, 3);
			it->company = db_text_dup(st, 4);
			it->phone = db_text_dup(st, 5);
			it->assignee_id = sqlite3_column_int64(st, 6);
			it->assignee = db_text_dup(st, 7);
			it->result = xstrdup("");
		}
		if (rc != SQLITE_DONE)
			code = db_error(db, rc, N_("reading birthdays"), err);
	}
	db_done(st);
	return code;
}

/* Local midnight `days` days after the local midnight day. */
static int64_t
add_days(int64_t day, int days)
{
	time_t t = (time_t)day;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t
agenda_next_morning(struct db *db, int64_t now, int next_week)
{
	unsigned days;
	int start;

	settings_work_week(db, &days, &start);
	return (int64_t)dt_next_workday((time_t)now, days, start, next_week);
}

static int
cmp_items(const void *pa, const void *pb)
{
	const struct agenda_item *a = pa, *b = pb;

	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind > b->kind ? -1 : 1;	/* birthdays first */
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->orig_start < b->orig_start ? -1 : a->orig_start >
	    b->orig_start;
}

/*
 * Everyone's events and tasks (user 0), each kind from the index of what
 * is open (see the top of the file): the planned one-offs from lo, the
 * day's done ones, the series, the open and the day's done tasks (the
 * done ones from tasks_due: its expression is the due moment for a task
 * that has one), and with q->reminders the later ones whose reminder
 * has come.
 */
static int
everyones(struct db *db, const struct agenda_query *q, int64_t lo,
    int64_t to, struct agenda *a, size_t *cap, struct so_err *err)
{
	int code;

	if ((code = one_off(db, "AND e.rrule = '' AND e.status = 'planned' "
	    "AND e.start_at >= ?2 AND e.start_at < ?3", 0, lo, to, q->now,
	    AG_DAY, a, cap, err)) != SO_OK ||
	    (code = one_off(db, "AND e.rrule = '' AND e.status = 'done' "
	    "AND e.start_at >= ?2 AND e.start_at < ?3", 0, q->from, to,
	    q->now, AG_DAY, a, cap, err)) != SO_OK ||
	    (code = recurring(db, 0, q->from, to, 0, AG_DAY, a, cap,
	    err)) != SO_OK ||
	    (code = tasks(db, 0, "AND k.status = 'open' "
	    "AND k.due_at >= ?2 AND k.due_at < ?3", lo, to, q->from, q->from,
	    AG_DAY, a, cap, err)) != SO_OK ||
	    (code = tasks(db, 0, "AND k.status = 'done' "
	    "AND coalesce(k.due_at, 9223372036854775807) >= ?2 "
	    "AND coalesce(k.due_at, 9223372036854775807) < ?3", q->from, to,
	    q->from, q->from, AG_DAY, a, cap, err)) != SO_OK)
		return code;
	if (!q->reminders)
		return SO_OK;
	if ((code = one_off(db, "AND e.rrule = '' AND e.status = 'planned' "
	    "AND e.remind_min IS NOT NULL "
	    "AND +e.start_at >= ?2 AND +e.start_at < ?2 + 31 * 86400 "
	    "AND e.start_at - e.remind_min * 60 <= ?4", 0, to, to, q->now,
	    AG_REMINDER, a, cap, err)) != SO_OK)
		return code;
	return tasks(db, 0, "AND k.status = 'open' "
	    "AND k.remind_min IS NOT NULL AND k.due_at >= ?2 "
	    "AND k.due_at < ?3 AND k.due_at - k.remind_min * 60 <= ?4", to,
	    to + REMIND_AHEAD, q->now, q->from, AG_REMINDER, a, cap, err);
}

int
agenda_load(struct db *db, const struct agenda_query *q, struct agenda *out,
    struct so_err *err)
{
	int64_t to, lo, day;
	size_t cap = 0;
	int code, d, due[2];

	memset(out, 0, sizeof(*out));
	/* The calls, meetings and phones of a day are the user's own; a
	 * colleague's day, or everyone's, is the head's to read. */
	if ((code = acl_check_user(db, q->user_id, N_("read another user's "
	    "agenda or everyone's"), err)) != SO_OK)
		return code;
	to = add_days(q->from, q->days > 0 ? q->days : 1);
	lo = q->overdue ? INT64_MIN : q->from;
	if (q->user_id) {
		/* One user's: a walk of each table (user_events). */
		if ((code = reminders_due(db, q, to, due, err)) != SO_OK ||
		    (code = user_events(db, q, lo, to, due[0], out, &cap,
		    err)) != SO_OK || (code = user_tasks(db, q, lo, to, due[1],
		    out, &cap, err)) != SO_OK)
			goto fail;
	} else if ((code = everyones(db, q, lo, to, out, &cap, err)) != SO_OK)
		goto fail;
	for (d = 0, day = q->from; d < (q->days > 0 ? q->days : 1); d++,
	    day = add_days(day, 1))
		if ((code = birthdays(db, q->user_id, day, out, &cap, err)) !=
		    SO_OK)
			goto fail;
	if (q->user_id && (code = apply_snoozes(db, q->user_id, q->now, 1,
	    out, err)) != SO_OK)
		goto fail;
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].at < q->from && out->v[i].section == AG_DAY)
			out->v[i].section = AG_OVERDUE;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_items);
	return SO_OK;
fail:
	agenda_free(out);
	return code;
}

/* Is the event or task already in the list? */
static int
listed(const struct agenda *a, const struct snooze *sn)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->v[i].id == sn->item_id && a->v[i].orig_start ==
		    sn->occurrence && (a->v[i].kind == AG_TASK) ==
		    (strcmp(sn->kind, "task") == 0))
			return 1;
	return 0;
}

/*
 * The one-off events and tasks whose snooze runs out in (since, until]
 * and which are not listed yet: a call snoozed "for an hour" that has
 * no reminder of its own.
 */
static int
snoozed_items(struct db *db, int64_t user_id, int64_t since, int64_t until,
    struct agenda *a, size_t *cap, struct so_err *err)
{
	struct snooze *v;
	size_t n, i;
	char *where;
	int code;

	if ((code = snooze_list(db, user_id, since, &v, &n, err)) != SO_OK)
		return code;
	for (i = 0; i < n && code == SO_OK; i++) {
		if (v[i].until > until || v[i].occurrence != 0 ||
		    listed(a, &v[i]))
			continue;
		where = xasprintf("AND %s.id = %lld AND %s.status = %s",
		    *v[i].kind == 't' ? "k" : "e", (long long)v[i].item_id,
		    *v[i].kind == 't' ? "k" : "e", *v[i].kind == 't' ?
		    "'open'" : "'planned' AND e.rrule = ''");
		code = *v[i].kind == 't' ? tasks(db, user_id, where, 0, 0, 0,
		    0, AG_REMINDER, a, cap, err) : one_off(db, where, user_id,
		    0, 0, 0, AG_REMINDER, a, cap, err);
		free(where);
	}
	free(v);
	return code;
}

int
agenda_reminders(struct db *db, int64_t user_id, int64_t since, int64_t until,
    struct agenda *out, struct so_err *err)
{
	size_t cap = 0;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, user_id, N_("read another user's "
	    "agenda or everyone's"), err)) != SO_OK)
		return code;
	/* The + keeps the start (due) bounds off the indexes by start:
	 * the planned ones with a reminder come by the moment it is due,
	 * one user's from events_remind_user (tasks_remind_user, sql/024),
	 * everyone's from events_remind, and not a month of calls each
	 * read from the table for its remind_min (issue 26).  Everyone's
	 * tasks have no such index: tasks_open by due. */
	if ((code = one_off(db, "AND e.rrule = '' "
	    "AND e.status = 'planned' AND e.remind_min IS NOT NULL "
	    "AND +e.start_at >= ?2 AND +e.start_at < ?3 + 31 * 86400 "
	    "AND e.start_at - e.remind_min * 60 <= ?3", user_id, since, until,
	    until, AG_REMINDER, out, &cap, err)) != SO_OK)
		goto fail;
	if ((code = recurring(db, user_id, since, until + REMIND_AHEAD, until,
	    AG_REMINDER, out, &cap, err)) != SO_OK)
		goto fail;
	if ((code = tasks(db, user_id, user_id ? "AND k.status = 'open' "
	    "AND k.remind_min IS NOT NULL AND +k.due_at >= ?2 "
	    "AND +k.due_at < ?3 + 31 * 86400 "
	    "AND k.due_at - k.remind_min * 60 <= ?3" : "AND k.status = 'open' "
	    "AND k.remind_min IS NOT NULL AND k.due_at >= ?2 "
	    "AND k.due_at < ?3 + 31 * 86400 "
	    "AND k.due_at - k.remind_min * 60 <= ?3", since, until, until, 0,
	    AG_REMINDER, out, &cap, err)) != SO_OK)
		goto fail;
	/* Snoozed ones come again at the snooze's time, planned calls
	 * without a reminder of their own included. */
	if ((code = snoozed_items(db, user_id, since, until, out, &cap,
	    err)) != SO_OK || (code = apply_snoozes(db, user_id, since, 0,
	    out, err)) != SO_OK)
		goto fail;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_items);
	return SO_OK;
fail:
	agenda_free(out);
	return code;
}

/* Appends "YYYY-MM-DD: comment" to a task's description. */
static void
append_comment(char **desc, int64_t now, const char *comment)
{
	char day[11], *s;
	time_t t = (time_t)now;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	s = xasprintf("%s%s%s: %s", *desc ? *desc : "", *desc && **desc ?
	    "\n" : "", day, comment);
	free(*desc);
	*desc = s;
}

static int64_t
type_id(struct db *db, const char *code)
{
	const char *codes[1] = { code };
	int64_t id = 0;
	struct so_err err = { 0 };

	if (store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, &id, 1, &err) !=
	    SO_OK)
		return 0;
	return id;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s ? s : "");
}

/* Make the initialised dst a one-off copy of event src (links, type,
 * subject kept), starting at at. */
static void
occurrence_copy(struct event *dst, const struct event *src, int64_t at,
    int64_t end)
{
	dst->type_id = src->type_id;
	set_str(&dst->subject, src->subject);
	set_str(&dst->location, src->location);
	dst->start_at = at;
	dst->end_at = end ? end : SO_NULL;
	dst->all_day = src->all_day;
	dst->remind_min = src->remind_min;
	dst->assignee_id = src->assignee_id;
	dst->company_id = src->company_id;
	dst->contact_id = src->contact_id;
	dst->deal_id = src->deal_id;
}

static int
done_event(struct db *db, const struct agenda_item *it, int64_t result_id,
    const char *comment, int64_t *done_id, struct undo *u,
    struct so_err *err)
{
	struct event ev, occ;
	struct event_exception x = { 0 };
	int code;

	memset(&ev, 0, sizeof(ev));
	if ((code = store_event_get(db, it->id, &ev, err)) != SO_OK)
		goto out;
	if (ev.rrule == NULL || *ev.rrule == '\0') {
		if (strcmp(ev.status, "done") == 0) {
			code = so_err_set(err, SO_EINVAL, _("already done"));
			goto out;
		}
		undo_before(u, &entity_event, &ev);
		set_str(&ev.status, "done");
		ev.result_id = result_id ? result_id : SO_NULL;
		set_str(&ev.result_comment, comment);
		if ((code = store_event_update(db, &ev, err)) == SO_OK &&
		    done_id)
			*done_id = ev.meta.id;
		undo_saved(u, &entity_event, &ev);
		goto out;
	}
	/* One occurrence of a series: it leaves the series and lives on
	 * as a done event of its own, so the history shows it. */
	store_event_init(&occ);
	occ.meta.by_program = 1;
	occurrence_copy(&occ, &ev, it->at, it->end);
	set_str(&occ.status, "done");
	occ.result_id = result_id ? result_id : SO_NULL;
	set_str(&occ.result_comment, comment);
	x.orig_start = it->orig_start;
	x.cancelled = 1;
	if ((code = store_event_create(db, &occ, err)) == SO_OK) {
		undo_created(u, &entity_event, occ.meta.id);
		if ((code = undo_exception(u, db, ev.meta.id, x.orig_start,
		    err)) == SO_OK && (code = store_event_exception_set(db,
		    ev.meta.id, &x, err)) == SO_OK && done_id)
			*done_id = occ.meta.id;
	}
	store_event_clear(&occ);
out:
	store_event_clear(&ev);
	return code;
}

static int
done_task(struct db *db, const struct agenda_item *it, const char *comment,
    int64_t *done_id, struct undo *u, struct so_err *err)
{
	struct task t;
	int code;

	memset(&t, 0, sizeof(t));
	code = store_task_get(db, it->id, &t, err);
	if (code == SO_OK && strcmp(t.status, "open") != 0) {
		if (strcmp(t.status, "done") == 0)
			code = so_err_set(err, SO_EINVAL, _("already done"));
		else if (strcmp(t.status, "cancelled") == 0)
			code = so_err_set(err, SO_EINVAL,
			    _("already cancelled"));
		else
			code = so_err_set(err, SO_EINVAL, _("already %s"),
			    t.status);
	}
	if (code == SO_OK) {
		undo_before(u, &entity_task, &t);
		set_str(&t.status, "done");
		if (comment && *comment)
			append_comment(&t.description, db_now(db), comment);
		code = store_task_update(db, &t, err);
		undo_saved(u, &entity_task, &t);
		if (code == SO_OK && done_id)
			*done_id = t.meta.id;
	}
	store_task_clear(&t);
	return code;
}

/* A birthday event for the contact: done (congratulated) or planned. */
static int
birthday_event(struct db *db, const struct agenda_item *it, int64_t at,
    int all_day, const char *status, int64_t result_id, const char *comment,
    int64_t *id, struct undo *u, struct so_err *err)
{
	struct event ev;
	int code;

	store_event_init(&ev);
	ev.meta.by_program = 1;
	ev.type_id = type_id(db, "birthday");
	set_str(&ev.subject, it->subject);
	ev.start_at = at;
	ev.all_day = all_day;
	ev.contact_id = it->contact_id;
	ev.company_id = it->company_id ? it->company_id : SO_NULL;
	ev.assignee_id = db_user_id(db);
	set_str(&ev.status, status);
	ev.result_id = result_id ? result_id : SO_NULL;
	set_str(&ev.result_comment, comment);
	code = store_event_create(db, &ev, err);
	if (code == SO_OK)
		undo_created(u, &entity_event, ev.meta.id);
	if (code == SO_OK && id)
		*id = ev.meta.id;
	store_event_clear(&ev);
	return code;
}

int
agenda_done(struct db *db, const struct agenda_item *it, int64_t result_id,
    const char *comment, int64_t *done_id, struct undo *u,
    struct so_err *err)
{
	int code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	switch (it->kind) {
	case AG_EVENT:
		code = done_event(db, it, result_id, comment, done_id, u,
		    err);
		break;
	case AG_TASK:
		code = done_task(db, it, comment, done_id, u, err);
		break;
	case AG_BIRTHDAY:
		code = birthday_event(db, it, db_now(db), 0, "done", result_id,
		    comment, done_id, u, err);
		break;
	}
	if (code != SO_OK) {
		db_rollback(db);
		return code;
	}
	return db_commit(db, err);
}

/* A done call or task stays where it was done: the journal of that
 * day counts it. */
static int
refuse_done(const char *status, struct so_err *err)
{
	if (strcmp(status, "done") == 0)
		return so_err_set(err, SO_EINVAL, _("it is done: it stays when "
		    "it was done (n plans the next contact)"));
	if (strcmp(status, "cancelled") == 0)
		return so_err_set(err, SO_EINVAL, _("it is cancelled: it stays "
		    "when it was cancelled (n plans the next contact)"));
	return SO_OK;
}

static int
move_event(struct db *db, const struct agenda_item *it, int64_t at,
    int series, struct undo *u, struct so_err *err)
{
	struct event ev;
	struct event_exception x = { 0 };
	int code;

	memset(&ev, 0, sizeof(ev));
	if ((code = store_event_get(db, it->id, &ev, err)) != SO_OK ||
	    (code = refuse_done(ev.status, err)) != SO_OK)
		goto out;
	if (ev.rrule == NULL || *ev.rrule == '\0' || series) {
		/* a series moves by as much as this occurrence did */
		int64_t by = series && ev.rrule && *ev.rrule ? at - it->at :
		    at - ev.start_at;

		undo_before(u, &entity_event, &ev);
		if (ev.end_at != SO_NULL && ev.end_at != 0)
			ev.end_at += by;
		ev.start_at += by;
		/* Moved to a precise time: no longer a whole day. */
		ev.all_day = 0;
		code = store_event_update(db, &ev, err);
		undo_saved(u, &entity_event, &ev);
		goto out;
	}
	x.orig_start = it->orig_start;
	x.new_start = at;
	x.new_end = it->end ? at + (it->end - it->at) : 0;
	if ((code = undo_exception(u, db, ev.meta.id, x.orig_start, err)) ==
	    SO_OK)
		code = store_event_exception_set(db, ev.meta.id, &x, err);
out:
	store_event_clear(&ev);
	return code;
}

int
agenda_move(struct db *db, const struct agenda_item *it, int64_t at,
    int series, struct undo *u, struct so_err *err)
{
	struct task t;
	int code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	switch (it->kind) {
	case AG_EVENT:
		code = move_event(db, it, at, series, u, err);
		break;
	case AG_TASK:
		memset(&t, 0, sizeof(t));
		if ((code = store_task_get(db, it->id, &t, err)) == SO_OK &&
		    (code = refuse_done(t.status, err)) == SO_OK) {
			undo_before(u, &entity_task, &t);
			t.due_at = at;
			code = store_task_update(db, &t, err);
			undo_saved(u, &entity_task, &t);
		}
		store_task_clear(&t);
		break;
	case AG_BIRTHDAY:
		code = birthday_event(db, it, at, 0, "planned", 0, "", NULL, u,
		    err);
		break;
	}
	if (code != SO_OK) {
		db_rollback(db);
		return code;
	}
	return db_commit(db, err);
}

int
agenda_snooze(struct db *db, const struct agenda_item *it, int64_t until,
    struct undo *u, struct so_err *err)
{
	const char *kind = it->kind == AG_TASK ? "task" : "event";
	int code;

	if (it->kind == AG_BIRTHDAY)
		return so_err_set(err, SO_EINVAL, _("a birthday is on its day: "
		    "r moves the congratulation"));
	if (it->done)
		return so_err_set(err, SO_EINVAL, _("it is done: nothing to "
		    "remind of"));
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = undo_snooze(u, db, kind, it->id, it->orig_start, err)) !=
	    SO_OK || (code = snooze_set(db, kind, it->id, it->orig_start,
	    until, err)) != SO_OK) {
		db_rollback(db);
		return code;
	}
	return db_commit(db, err);
}

int
agenda_plan_next(struct db *db, const struct agenda_item *it, int64_t at,
    int64_t *new_id, struct undo *u, struct so_err *err)
{
	struct event ev, next;
	struct task t;
	int code = SO_OK;

	store_event_init(&next);
	next.meta.by_program = 1;
	switch (it->kind) {
	case AG_EVENT:
		memset(&ev, 0, sizeof(ev));
		if ((code = store_event_get(db, it->id, &ev, err)) == SO_OK)
			occurrence_copy(&next, &ev, 0, 0);
		store_event_clear(&ev);
		/* Plan a follow-up to the same length as this one. */
		next.end_at = it->end ? at + (it->end - it->at) : SO_NULL;
		next.all_day = 0;
		break;
	case AG_TASK:
		memset(&t, 0, sizeof(t));
		if ((code = store_task_get(db, it->id, &t, err)) == SO_OK) {
			next.company_id = t.company_id;
			next.contact_id = t.contact_id;
			next.deal_id = t.deal_id;
			next.assignee_id = t.assignee_id;
			set_str(&next.subject, t.title);
		}
		store_task_clear(&t);
		next.type_id = type_id(db, "call");
		break;
	case AG_BIRTHDAY:
		next.contact_id = it->contact_id;
		next.company_id = it->company_id ? it->company_id : SO_NULL;
		next.type_id = type_id(db, "call");
		break;
	}
	if (code == SO_OK) {
		next.start_at = at;
		code = store_event_create(db, &next, err);
		if (code == SO_OK)
			undo_created(u, &entity_event, next.meta.id);
		if (code == SO_OK && new_id)
			*new_id = next.meta.id;
	}
	store_event_clear(&next);
	return code;
}
