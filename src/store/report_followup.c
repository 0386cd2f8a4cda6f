/*
 * The figures of the follow-up report; see include/store/
 * report_followup.h.
 *
 * One set-based query whatever the size of the file: a per-company
 * detail (last touch, next touch, "bought anything?") is a correlated
 * subquery on an index that starts with company_id, never a scan per
 * row.  Two choices are made against the planner, measured on the
 * benchmark file (100 000 companies, 1 000 000 events; figures in
 * bench/README):
 *
 *  - "has a won deal" names the company first and hides the stage from
 *    the index choice (+stage_id): left to itself SQLite walked every
 *    won deal for every company (minutes instead of milliseconds);
 *  - the department's warm clients over all time read the events table
 *    straight through (NOT INDEXED) rather than through events_company
 *    in company order, which visits the same rows in random order.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/lookup.h"
#include "store/acl.h"
#include "store/report_followup.h"

/* A done event that makes a client warm: ?5 proposal result, ?6 meeting. */
#define WARM_EVENT(e)							\
	e ".status = 'done' AND " e ".deleted_at IS NULL AND "		\
	"(" e ".result_id = ?5 OR " e ".type_id = ?6)"

/*
 * The warm companies with their first warm event in the period,
 * w(cid, fid), three ways (see the file's comment).  The GROUP BY ones
 * rely on SQLite's min(): the bare e.id comes from the row with the
 * smallest start_at.
 */
#define WARM_OF_MANAGER							\
	"SELECT * FROM (SELECT c.id AS cid, (SELECT e.id FROM events e " \
	"WHERE e.company_id = c.id AND e.start_at >= ?1 "		\
	"AND e.start_at < ?2 AND " WARM_EVENT("e") " "			\
	"ORDER BY e.start_at LIMIT 1) AS fid FROM companies c "		\
	"WHERE c.manager_id = ?4 AND c.deleted_at IS NULL) "		\
	"WHERE fid IS NOT NULL"
#define WARM_IN_PERIOD							\
	"SELECT e.company_id AS cid, e.id AS fid, min(e.start_at) "	\
	"FROM events e "	\
	"WHERE e.start_at >= ?1 AND e.start_at < ?2 "			\
	"AND e.company_id IS NOT NULL AND " WARM_EVENT("e")		\
	" GROUP BY e.company_id"
#define WARM_EVER							\
	"SELECT e.company_id AS cid, e.id AS fid, min(e.start_at) "	\
	"FROM events e "	\
	"NOT INDEXED WHERE e.company_id IS NOT NULL AND "		\
	WARM_EVENT("e") " GROUP BY e.company_id"

/*
 * ?1 ?2 the period, ?3 the start of today (next touch), ?4 the manager,
 * ?5 ?6 the proposal result and meeting type, ?7 the won stage, ?8 the
 * bound of the last touch.
 */
#define FOLLOWUP_SQL(warm)						\
	"WITH w AS MATERIALIZED (" warm ") "				\
	"SELECT c.id, c.name, coalesce(u.login, ''), "			\
	"coalesce(u.full_name, ''), " REP_TOUCH_COLS("f") ", "		\
	REP_TOUCH_COLS("l") ", " REP_TOUCH_COLS("n") " "		\
	"FROM w JOIN companies c ON c.id = w.cid "			\
	"LEFT JOIN users u ON u.id = c.manager_id"			\
	REP_TOUCH_JOIN("f", "w.fid")					\
	REP_TOUCH_JOIN("l", REP_LAST_SUB("c.id", "?8"))			\
	REP_TOUCH_JOIN("n", REP_NEXT_SUB("c.id", "?3"))			\
	"WHERE c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "	\
	"payments p WHERE p.company_id = c.id AND p.deleted_at IS NULL) " \
	"AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.company_id = c.id " \
	"AND +d.stage_id = ?7 AND d.deleted_at IS NULL) "		\
	"ORDER BY n.id IS NOT NULL, coalesce(l.start_at, 0), c.name, c.id"

static void
warm_read(sqlite3_stmt *st, struct rep_warm *w)
{
	memset(w, 0, sizeof(*w));
	w->company_id = sqlite3_column_int64(st, 0);
	w->company = db_text_dup(st, 1);
	w->manager_login = db_text_dup(st, 2);
	w->manager_name = db_text_dup(st, 3);
	rep_touch_read(st, 4, &w->since);
	rep_touch_read(st, 4 + REP_TOUCH_NCOLS, &w->last);
	rep_touch_read(st, 4 + 2 * REP_TOUCH_NCOLS, &w->next);
}

/* The lookup ids the follow-up needs: proposal_sent, meeting, won. */
static int
warm_ids(struct db *db, int64_t ids[3], struct so_err *err)
{
	static const char *const result[] = { "proposal_sent" };
	static const char *const type[] = { "meeting" };
	sqlite3_stmt *st;
	int code, rc;

	if ((code = store_lookup_ids(db, LOOKUP_EVENT_RESULTS, result, &ids[0],
	    1, err)) != SO_OK)
		return code;
	if ((code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, type, &ids[1], 1,
	    err)) != SO_OK)
		return code;
	/* The won stage the admin set (the first, should there be
	 * several); SO_NULL matches no deal. */
	ids[2] = SO_NULL;
	if ((code = db_prepare(db, "SELECT id FROM deal_stages WHERE closed "
	    "AND won ORDER BY retired, sort, id LIMIT 1", &st, err)) != SO_OK)
		return code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[2] = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading deal stages"), err);
	return SO_OK;
}

static void
warm_clear(struct rep_warm *w)
{
	free(w->company);
	free(w->manager_login);
	free(w->manager_name);
	rep_touch_clear(&w->since);
	rep_touch_clear(&w->last);
	rep_touch_clear(&w->next);
}

static int
each(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, rep_followup_fn fn, void *arg, struct so_err *err)
{
	struct rep_warm w;
	sqlite3_stmt *st;
	const char *sql;
	int64_t ids[3];
	int rc, code = SO_OK;

	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if ((code = warm_ids(db, ids, err)) != SO_OK)
		return code;
	if (manager)
		sql = FOLLOWUP_SQL(WARM_OF_MANAGER);
	else if (p->lo == 0 && p->hi == INT64_MAX)
		sql = FOLLOWUP_SQL(WARM_EVER);
	else
		sql = FOLLOWUP_SQL(WARM_IN_PERIOD);
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, p->lo);
	sqlite3_bind_int64(st, 2, p->hi);
	sqlite3_bind_int64(st, 3, dt_day_start((time_t)now));
	sqlite3_bind_int64(st, 4, manager);
	rep_bind_id(st, 5, ids[0]);
	rep_bind_id(st, 6, ids[1]);
	rep_bind_id(st, 7, ids[2]);
	sqlite3_bind_int64(st, 8, INT64_MAX);
	while (code == SO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		warm_read(st, &w);
		code = fn(arg, &w, err);
		warm_clear(&w);
	}
	db_done(st);
	if (code != SO_OK)
		return code;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding the warm clients"), err);
	return SO_OK;
}

/* The sorts of a report grow with its period: on disk (db_spill_begin),
 * so a report over all time stays within the memory budget; the rows
 * go to fn as they come, so a caller need not hold them. */
int
rep_followup_each(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, rep_followup_fn fn, void *arg, struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = each(db, manager, p, now, fn, arg, err);
	db_spill_end(db);
	return code;
}

struct gather {
	struct rep_warm	*v;
	size_t		 n, cap;
};

/* Keeps w, taking its strings. */
static int
gather(void *arg, struct rep_warm *w, struct so_err *err)
{
	struct gather *g = arg;

	(void)err;
	if (g->n == g->cap)
		g->v = xrealloc(g->v, (g->cap = g->cap ? g->cap * 2 : 64) *
		    sizeof(*g->v));
	g->v[g->n++] = *w;
	memset(w, 0, sizeof(*w));
	return SO_OK;
}

int
rep_followup_load(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, struct rep_warm **out, size_t *n, struct so_err *err)
{
	struct gather g = { 0 };
	int code;

	code = rep_followup_each(db, manager, p, now, gather, &g, err);
	if (code != SO_OK) {
		rep_followup_free(g.v, g.n);
		g.v = NULL;
		g.n = 0;
	}
	*out = g.v;
	*n = g.n;
	return code;
}

void
rep_followup_free(struct rep_warm *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		warm_clear(&v[i]);
	free(v);
}
