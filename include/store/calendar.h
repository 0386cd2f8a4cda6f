/*
 * What the iCalendar export reads and the import looks up, beyond the
 * card-file API: events in a time window with the names a calendar
 * program shows (type, company, contact and phone, assignee) joined in,
 * tasks in the same window, and event types by name or code.
 *
 * The readers stream: one statement walks the window's indexes in
 * (start_at, id) order and hands each row to a callback, so exporting
 * 100 000 events holds one row in memory, not 100 000, and a day's
 * export reads that day, whatever the history (store/calendar.c).  The
 * callback may run other store queries (exceptions) but must not write.
 */
#ifndef STORE_CALENDAR_H
#define STORE_CALENDAR_H

#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct cal_query {
	int64_t		 from, to;	/* [from, to); 0: unbounded */
	int64_t		 user_id;	/* assignee; 0: everyone */
	const char	*type;		/* event type code, or NULL */
};

/* One event as the export sees it.  Text is never NULL; strings live
 * until the callback returns. */
struct cal_event {
	int64_t		 id;
	const char	*uid, *subject, *rrule, *status, *result_code;
	const char	*result_comment, *type_code, *type_name;
	const char	*location, *description;
	const char	*company, *contact, *contact_phone, *assignee;
	int64_t		 start_at, end_at;	/* end_at 0: none */
	int		 all_day;
	int64_t		 remind_min;		/* -1: no reminder */
};

struct cal_task {
	int64_t		 id;
	const char	*uid, *title, *description, *priority, *status;
	int64_t		 due_at;		/* 0: none */
};

typedef int	(*cal_event_fn)(void *arg, const struct cal_event *e,
		    struct so_err *err);
typedef int	(*cal_task_fn)(void *arg, const struct cal_task *t,
		    struct so_err *err);

/*
 * Calls fn for each live event of q in (start_at, id) order: one-off
 * events that start in [from, to) or are still running at from, and
 * recurring ones whose first start is before to.  Stops at the first
 * non-zero return of fn and returns it.
 */
int	store_calendar_events(struct db *db, const struct cal_query *q,
	    cal_event_fn fn, void *arg, struct so_err *err);
/*
 * The same for open and done tasks, by (due, id), tasks without a due
 * moment last.  With a window, only tasks due in it; q->type is
 * ignored.
 */
int	store_calendar_tasks(struct db *db, const struct cal_query *q,
	    cal_task_fn fn, void *arg, struct so_err *err);

/* The id of the event type whose code or name is text (ASCII case
 * ignored), or 0 when there is none. */
int	store_event_type_find(struct db *db, const char *text, int64_t *id,
	    struct so_err *err);

#endif
