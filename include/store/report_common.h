/*
 * What the queries behind the reports share (report_NAME.c beside
 * src/report/NAME.c for each report): the period a report covers, a
 * company's touch, and for those modules only the SQL that finds a
 * touch and the small readers and binders they all use.  Nothing here
 * writes.
 *
 * Scope, in every report query: manager 0 is the whole department, else
 * one users.id: a manager's companies are companies.manager_id, deals
 * deals.manager_id, events assignee_id.  A period is whole local days
 * (struct rep_period).
 *
 * A touch is found by one correlated subquery that picks the event's
 * id (SQLite walks events_company(company_id, start_at) backwards or
 * forwards and stops at the first row that qualifies), then the event,
 * its type and result are joined by primary key.  That keeps it one
 * index probe per company instead of a GROUP BY over a million events.
 */
#ifndef STORE_REPORT_COMMON_H
#define STORE_REPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

/*
 * A period of local days, both ends included: from and to are
 * "YYYY-MM-DD" or "" for no bound; lo and hi are the same as Unix
 * times, [lo, hi) (lo 0 and hi INT64_MAX when open).
 */
struct rep_period {
	char	 from[11], to[11];
	int64_t	 lo, hi;
};
/*
 * From the report's from and to: an empty to with a from is that one
 * day (as report_begin labels it).  SO_EINVAL naming "from" or "to"
 * when a date is not a real "YYYY-MM-DD", or when to is before from.
 */
int	rep_period_make(const char *from, const char *to, struct rep_period *p,
	    struct so_err *err);

/*
 * The local day range from..to ("YYYY-MM-DD", both included; "" for no
 * bound) as Unix times [*start, *end) (INT64_MIN, INT64_MAX when open),
 * for the activity report and the journal.  SO_EINVAL naming the bad
 * date, or "to" when the period ends before it starts.
 */
int	rep_day_range(const char *from, const char *to, int64_t *start,
	    int64_t *end, struct so_err *err);

/* An event as a touch of a company: id 0 when there is none. */
struct rep_touch {
	int64_t	 id, at;		/* at: start (Unix time) */
	char	*type, *result;		/* display names, "" for none */
	char	*type_code, *result_code;
};

void	rep_touch_clear(struct rep_touch *t);

/* ---- for the report queries in the store (report_*.c) ---- */

/* The latest done event of company cid before the parameter hi. */
#define REP_LAST_SUB(cid, hi)						\
	"SELECT id FROM events WHERE company_id = " cid " "		\
	"AND status = 'done' AND deleted_at IS NULL AND start_at < " hi	\
	" ORDER BY start_at DESC LIMIT 1"
/* The first planned event of company cid from the parameter lo on. */
#define REP_NEXT_SUB(cid, lo)						\
	"SELECT id FROM events WHERE company_id = " cid " "		\
	"AND status = 'planned' AND deleted_at IS NULL AND start_at >= " lo \
	" ORDER BY start_at LIMIT 1"

/* Joins the event sub picks as alias x (x, xt its type, xr its result). */
#define REP_TOUCH_JOIN(x, sub)						\
	" LEFT JOIN events " x " ON " x ".id = (" sub ") "		\
	"LEFT JOIN event_types " x "t ON " x "t.id = " x ".type_id "	\
	"LEFT JOIN event_results " x "r ON " x "r.id = " x ".result_id "
/* Its six columns, as rep_touch_read reads them. */
#define REP_TOUCH_COLS(x)						\
	"coalesce(" x ".id, 0), coalesce(" x ".start_at, 0), "		\
	"coalesce(" x "t.name, ''), coalesce(" x "r.name, ''), "	\
	"coalesce(" x "t.code, ''), coalesce(" x "r.code, '')"
#define REP_TOUCH_NCOLS	6

/* Reads the REP_TOUCH_COLS starting at column col. */
void	rep_touch_read(sqlite3_stmt *st, int col, struct rep_touch *t);

/* Binds a period bound, or NULL when text is empty. */
void	rep_bind_text(sqlite3_stmt *st, int i, const char *text);

/* "Last First Middle" without the gaps of empty parts (caller frees). */
char	*rep_person_name(const char *last, const char *first,
	    const char *middle);

/* Binds an id, or NULL for SO_NULL (a lookup code nobody kept). */
void	rep_bind_id(sqlite3_stmt *st, int i, int64_t id);

#endif
