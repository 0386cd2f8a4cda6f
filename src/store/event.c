/*
 * Events: calls, meetings, letters ... of a configurable type, planned for
 * a moment, assigned to a user, linked to a company/contact/deal, done
 * with a result.  Each carries a stable iCalendar UID made at creation,
 * so an exported event keeps its identity across exports and imports.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

#include "store/entities.h"
#include "store/hooks.h"
#include "util.h"

#define O(m)	offsetof(struct event, m)

static const struct choice statuses[] = {
	{ "planned", "Planned" }, { "done", "Done" },
	{ "cancelled", "Cancelled" }, { NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "type_id", "Type", "Тип", FT_REF, O(type_id), 9, 0, F_REQUIRED,
	    "event_types", LABEL_NAME, NULL, NULL },
	{ "subject", "Subject", "Тема", FT_TEXT, O(subject), 28, 0,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "start_at", "Start", "Начало", FT_MOMENT, O(start_at), 16, 0,
	    F_REQUIRED | F_SORT, NULL, NULL, NULL, NULL },
	{ "end_at", "End", "Конец", FT_MOMENT, O(end_at), 0, 0, 0, NULL,
	    NULL, NULL, NULL },
	{ "all_day", "All day", "Весь день", FT_BOOL, O(all_day), 0, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "rrule", "Repeat (RRULE)", "Повтор", FT_TEXT, O(rrule), 0, 500, 0,
	    NULL, NULL, NULL, NULL },
	{ "remind_min", "Remind (min before)", "Напомнить за (мин)", FT_INT,
	    O(remind_min), 0, 0, 0, NULL, NULL, NULL, NULL },
	FIELD_ASSIGNEE(12, 0),
	FIELD_COMPANY(20, 0),
	FIELD_CONTACT(0, 0),
	FIELD_DEAL(0, 0),
	{ "status", "Status", "Состояние", FT_CHOICE, O(status), 9, 0, 0,
	    NULL, NULL, statuses, "planned" },
	{ "result_id", "Result", "Результат", FT_REF, O(result_id), 0, 0, 0,
	    "event_results", LABEL_NAME, NULL, NULL },
	{ "result_comment", "Result comment", "Комментарий к результату",
	    FT_MEMO, O(result_comment), 0, 0, F_SEARCH, NULL, NULL, NULL,
	    NULL },
	{ "uid", "UID", "UID", FT_TEXT, O(uid), 0, 250, F_HIDDEN | F_READONLY,
	    NULL, NULL, NULL, NULL },
};

/* A random RFC 4122 version 4 UUID, as iCalendar UIDs usually are. */
static char *
new_uid(void)
{
	unsigned char r[16];
	static unsigned counter;
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* No entropy source: time, pid and a counter are unique
		 * enough for one machine. */
		uint64_t a = (uint64_t)time(NULL), b = (uint64_t)getpid() <<
		    32 | ++counter;

		for (i = 0; i < 8; i++) {
			r[i] = (unsigned char)(a >> (i * 8));
			r[i + 8] = (unsigned char)(b >> (i * 8));
		}
	}
	r[6] = (r[6] & 0x0f) | 0x40;
	r[8] = (r[8] & 0x3f) | 0x80;
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x@salesorg", r[0], r[1], r[2], r[3], r[4],
	    r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
	    r[15]);
}

static int64_t
default_type(struct db *db)
{
	sqlite3_stmt *st;
	int64_t id = SO_NULL;

	if (db_prepare(db, "SELECT id FROM event_types WHERE active "
	    "ORDER BY code <> 'call', sort, id LIMIT 1", &st, NULL) != SO_OK)
		return id;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_done(st);
	return id;
}

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct event *e = obj;

	if (e->uid == NULL || *e->uid == '\0') {
		free(e->uid);
		e->uid = new_uid();
	}
	if (e->type_id == SO_NULL || e->type_id == 0)
		e->type_id = default_type(db);
	hook_default_user(db, &e->assignee_id);
	if (e->end_at != SO_NULL && e->end_at != 0 && e->start_at != SO_NULL &&
	    e->end_at < e->start_at)
		return so_err_field(err, SO_EINVAL, "end_at",
		    "End: before the start");
	if (e->remind_min != SO_NULL && e->remind_min < 0)
		return so_err_field(err, SO_EINVAL, "remind_min",
		    "Remind: minutes before the start, 0 or more");
	return SO_OK;
}

const struct entity entity_event = {
	.name = "event", .table = "events",
	.label = "Event", .plural = "Events",
	.size = sizeof(struct event),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 2,
	.title_sql = "t.subject",
	.check = check,
};

STORE_WRAPPERS(event, struct event, entity_event)
