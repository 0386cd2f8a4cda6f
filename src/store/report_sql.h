/*
 * What the report loaders (report_common.c, report_sales.c,
 * report_audit.c) share and nothing else needs: how a company's last
 * and next touch are joined in, and reading them back.
 *
 * A touch is found by one correlated subquery that picks the event's
 * id (SQLite walks events_company(company_id, start_at) backwards or
 * forwards and stops at the first row that qualifies), then the event,
 * its type and result are joined by primary key.  That keeps it one
 * index probe per company instead of a GROUP BY over a million events.
 */
#ifndef STORE_REPORT_SQL_H
#define STORE_REPORT_SQL_H

#include "store/report_common.h"

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

#endif
