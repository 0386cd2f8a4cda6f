/*
 * Calendar reads for the iCalendar export and import; see
 * include/store/calendar.h.
 *
 * Why one streamed statement and not rec_list pages: the export needs
 * names from five other tables per event, and the order (start_at, id)
 * is exactly the events_start index, so SQLite hands rows over as it
 * walks the index with constant memory.  The statement lives inside the
 * read transaction SQLite opens for it, so the export is a consistent
 * snapshot even while others write.
 *
 * Why three arms in a UNION ALL (issue 26): a window [from, to) takes
 * the one-off events that start in it or still run at from, and the
 * series begun before to.  Written as one condition ("start_at < to AND
 * (start_at >= from OR end > from OR rrule <> '')") the index bounds
 * only the upper end, and a day's export read every event before it:
 * 0.44 s for 192 rows on the benchmark's file.  So the window is cut in
 * three, each on an index with both bounds:
 *
 *  - one-off events starting in [from - 1 day, to): events_start (or,
 *    for one assignee, events_agenda with the status spelled out as the
 *    IN list of its three values, so the index's middle column does not
 *    stop the range); the day before from catches what still runs at
 *    from, since an event of at most a day that does started then;
 *  - one-off events longer than a day that started before that and end
 *    after from: events_long (sql/011), a partial index of the few such
 *    events by their end;
 *  - the series begun before to: events_series, a few hundred entries
 *    on a million events; expanding them is the export's reader's job.
 *
 * The compound's ORDER BY merges the three in (start_at, id) order; the
 * first arm arrives in index order, so only the small ones are sorted.
 * The planner, wanting that order for every arm, would walk
 * events_start for the other two as well: INDEXED BY names theirs (and
 * the prepare fails, rather than a plan going quietly bad, if the index
 * is ever gone).  Separate statements for everyone and for one assignee
 * keep "?3 = 0 OR assignee_id = ?3" from hiding the per-user index.
 */
#include <stdint.h>

#include "base/i18n.h"
#include "store/acl.h"
#include "store/calendar.h"

/* An event longer than this is found by its end (events_long); the
 * literal in the SQL below must be the one in sql/011_open_items.sql. */
#define LONG_EVENT	86400
#define LONG_EVENT_SQL	"86400"

#define EVENT_COLS							\
	"SELECT e.id, e.uid, e.subject, e.start_at, coalesce(e.end_at, 0), " \
	"e.all_day, e.rrule, coalesce(e.remind_min, -1), e.status, "	\
	"coalesce(r.code, ''), e.result_comment, coalesce(t.code, ''), " \
	"coalesce(t.name, ''), e.location, e.description, "		\
	"coalesce(c.name, ''), "					\
	"coalesce(trim(p.last_name || ' ' || p.first_name), ''), "	\
	"coalesce(nullif(p.phone_mobile, ''), nullif(p.phone_work, ''), " \
	"p.phone_home, ''), coalesce(u.login, '') FROM events e "
#define EVENT_JOINS							\
	"LEFT JOIN event_types t ON t.id = e.type_id "			\
	"LEFT JOIN event_results r ON r.id = e.result_id "		\
	"LEFT JOIN companies c ON c.id = e.company_id "			\
	"LEFT JOIN contacts p ON p.id = e.contact_id "			\
	"LEFT JOIN users u ON u.id = e.assignee_id "			\
	"WHERE e.deleted_at IS NULL AND (?4 IS NULL OR t.code = ?4) "

/*
 * ?1 to (exclusive), ?2 from, ?3 the assignee, ?4 the type code or
 * NULL, ?5 from less LONG_EVENT.  USER is "" or the assignee test.
 */
#define EVENTS_SQL(USER, ONE_OFF_USER)					\
	EVENT_COLS EVENT_JOINS						\
	"AND e.rrule = '' AND e.start_at >= ?5 AND e.start_at < ?1 "	\
	"AND (e.start_at >= ?2 OR coalesce(e.end_at, e.start_at) > ?2) " \
	ONE_OFF_USER							\
	"UNION ALL "							\
	EVENT_COLS "INDEXED BY events_long " EVENT_JOINS		\
	"AND e.rrule = '' AND e.end_at - e.start_at > " LONG_EVENT_SQL	\
	" AND e.end_at > ?2 AND e.start_at < ?5 AND e.start_at < ?1 "	\
	USER								\
	"UNION ALL "							\
	EVENT_COLS "INDEXED BY events_series " EVENT_JOINS		\
	"AND e.rrule <> '' AND e.start_at < ?1 " USER			\
	"ORDER BY 4, 1"

static const char events_sql[] = EVENTS_SQL("", "");
static const char user_events_sql[] = EVENTS_SQL("AND e.assignee_id = ?3 ",
    "AND e.assignee_id = ?3 "
    "AND e.status IN ('planned', 'done', 'cancelled') ");

/*
 * Tasks: the whole list in the order of tasks_due, or a window of it,
 * the range spelled both ways: on the expression tasks_due is built on
 * (everyone's, in index order) and on due_at (one assignee's, through
 * tasks_assignee_due).  A task without a due moment is never in a
 * window.
 */
#define TASK_COLS							\
	"SELECT id, uid, title, description, coalesce(due_at, 0), "	\
	"priority, status FROM tasks WHERE deleted_at IS NULL "		\
	"AND status IN ('open', 'done') "
#define TASK_ORDER							\
	"ORDER BY coalesce(due_at, 9223372036854775807), id"
#define TASK_WINDOW							\
	"AND due_at >= ?2 AND due_at < ?1 "				\
	"AND coalesce(due_at, 9223372036854775807) >= ?2 "		\
	"AND coalesce(due_at, 9223372036854775807) < ?1 "

static const char *const tasks_sql[2][2] = {	/* [window][user] */
	{ TASK_COLS TASK_ORDER,
	  TASK_COLS "AND assignee_id = ?3 " TASK_ORDER },
	{ TASK_COLS TASK_WINDOW TASK_ORDER,
	  TASK_COLS TASK_WINDOW "AND assignee_id = ?3 " TASK_ORDER },
};

static const char *
text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? s : "";
}

/* Binds what the statement has of ?1 to, ?2 from, ?3 user, ?5 from less
 * a day (the whole list of tasks has none of them). */
static void
bind_window(sqlite3_stmt *st, const struct cal_query *q)
{
	int64_t from = q->from ? q->from : INT64_MIN;
	int n = sqlite3_bind_parameter_count(st);

	if (n >= 2) {
		sqlite3_bind_int64(st, 1, q->to ? q->to : INT64_MAX);
		sqlite3_bind_int64(st, 2, from);
	}
	if (q->user_id)
		sqlite3_bind_int64(st, 3, q->user_id);
	if (n >= 5)
		sqlite3_bind_int64(st, 5, from < INT64_MIN + LONG_EVENT ?
		    INT64_MIN : from - LONG_EVENT);
}

int
store_calendar_events(struct db *db, const struct cal_query *q,
    cal_event_fn fn, void *arg, struct so_err *err)
{
	struct cal_event e;
	sqlite3_stmt *st;
	int rc, code;

	/* Someone's calendar is an export of their records: theirs and
	 * the head's to take (store/acl.h). */
	if ((code = acl_check_user(db, q->user_id, N_("export a colleague's "
	    "calendar or everyone's"), err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, q->user_id ? user_events_sql : events_sql,
	    &st, err)) != SO_OK)
		return code;
	bind_window(st, q);
	if (q->type)
		sqlite3_bind_text(st, 4, q->type, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.uid = text(st, 1);
		e.subject = text(st, 2);
		e.start_at = sqlite3_column_int64(st, 3);
		e.end_at = sqlite3_column_int64(st, 4);
		e.all_day = sqlite3_column_int(st, 5);
		e.rrule = text(st, 6);
		e.remind_min = sqlite3_column_int64(st, 7);
		e.status = text(st, 8);
		e.result_code = text(st, 9);
		e.result_comment = text(st, 10);
		e.type_code = text(st, 11);
		e.type_name = text(st, 12);
		e.location = text(st, 13);
		e.description = text(st, 14);
		e.company = text(st, 15);
		e.contact = text(st, 16);
		e.contact_phone = text(st, 17);
		e.assignee = text(st, 18);
		if ((code = fn(arg, &e, err)) != SO_OK) {
			db_done(st);
			return code;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading events"), err);
	return SO_OK;
}

int
store_calendar_tasks(struct db *db, const struct cal_query *q,
    cal_task_fn fn, void *arg, struct so_err *err)
{
	struct cal_task t;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = acl_check_user(db, q->user_id, N_("export a colleague's "
	    "calendar or everyone's"), err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, tasks_sql[q->from != 0 || q->to != 0]
	    [q->user_id != 0], &st, err)) != SO_OK)
		return code;
	bind_window(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t.id = sqlite3_column_int64(st, 0);
		t.uid = text(st, 1);
		t.title = text(st, 2);
		t.description = text(st, 3);
		t.due_at = sqlite3_column_int64(st, 4);
		t.priority = text(st, 5);
		t.status = text(st, 6);
		if ((code = fn(arg, &t, err)) != SO_OK) {
			db_done(st);
			return code;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading tasks"), err);
	return SO_OK;
}

int
store_event_type_find(struct db *db, const char *name, int64_t *id,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*id = 0;
	code = db_prepare(db, "SELECT id FROM event_types WHERE "
	    "code = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE "
	    "ORDER BY code = ?1 DESC, active DESC, id LIMIT 1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("looking up an event type"), err);
	return SO_OK;
}
