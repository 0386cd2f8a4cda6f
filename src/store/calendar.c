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
 */
#include <stdint.h>

#include "store/acl.h"
#include "store/calendar.h"

static const char events_sql[] =
	"SELECT e.id, e.uid, e.subject, e.start_at, coalesce(e.end_at, 0), "
	"e.all_day, e.rrule, coalesce(e.remind_min, -1), e.status, "
	"coalesce(r.code, ''), e.result_comment, coalesce(t.code, ''), "
	"coalesce(t.name, ''), e.location, e.description, "
	"coalesce(c.name, ''), "
	"coalesce(trim(p.last_name || ' ' || p.first_name), ''), "
	"coalesce(nullif(p.phone_mobile, ''), nullif(p.phone_work, ''), "
	"p.phone_home, ''), coalesce(u.login, '') "
	"FROM events e "
	"LEFT JOIN event_types t ON t.id = e.type_id "
	"LEFT JOIN event_results r ON r.id = e.result_id "
	"LEFT JOIN companies c ON c.id = e.company_id "
	"LEFT JOIN contacts p ON p.id = e.contact_id "
	"LEFT JOIN users u ON u.id = e.assignee_id "
	"WHERE e.deleted_at IS NULL AND e.start_at < ?1 "
	"AND (e.start_at >= ?2 OR coalesce(e.end_at, e.start_at) > ?2 "
	"OR e.rrule <> '') "
	"AND (?3 = 0 OR e.assignee_id = ?3) "
	"AND (?4 IS NULL OR t.code = ?4) "
	"ORDER BY e.start_at, e.id";

static const char tasks_sql[] =
	"SELECT id, uid, title, description, coalesce(due_at, 0), priority, "
	"status FROM tasks "
	"WHERE deleted_at IS NULL AND status IN ('open', 'done') "
	"AND (?3 = 0 OR assignee_id = ?3) "
	"AND (?4 OR (due_at >= ?2 AND due_at < ?1)) "
	"ORDER BY coalesce(due_at, 9223372036854775807), id";

static const char *
text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? s : "";
}

static void
bind_window(sqlite3_stmt *st, const struct cal_query *q)
{
	sqlite3_bind_int64(st, 1, q->to ? q->to : INT64_MAX);
	sqlite3_bind_int64(st, 2, q->from ? q->from : INT64_MIN);
	sqlite3_bind_int64(st, 3, q->user_id);
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
	if ((code = acl_check_user(db, q->user_id, "export a colleague's "
	    "calendar or everyone's", err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, events_sql, &st, err)) != SO_OK)
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
		return db_error(db, rc, "reading events", err);
	return SO_OK;
}

int
store_calendar_tasks(struct db *db, const struct cal_query *q,
    cal_task_fn fn, void *arg, struct so_err *err)
{
	struct cal_task t;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = acl_check_user(db, q->user_id, "export a colleague's "
	    "calendar or everyone's", err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, tasks_sql, &st, err)) != SO_OK)
		return code;
	bind_window(st, q);
	sqlite3_bind_int(st, 4, q->from == 0 && q->to == 0);
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
		return db_error(db, rc, "reading tasks", err);
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
		return db_error(db, rc, "looking up an event type", err);
	return SO_OK;
}
