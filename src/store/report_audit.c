/*
 * The figures of the client-base audit: the ABC ranks (abc.c computes
 * them into company_ranks, one row per paying company and month) of one
 * month per category, who moved between categories since an earlier
 * month, and which companies that matter (ranked, or customers) nobody
 * has touched for the team's report.audit.idle_days (90 days unless set).
 *
 * company_ranks is keyed company first (see sql/005_sales.sql), so what
 * reads a month or two reads the table once (some 260 000 rows on the
 * benchmark file, tens of milliseconds); the idle companies are one
 * probe of events_company each for the last touch.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/report_audit.h"
#include "store/settings.h"

/* The latest computed month <= ?1 (any with NULL) and < ?2 (if set). */
#define MONTH_SQL							\
	"SELECT coalesce(max(month), '') FROM abc_months "		\
	"WHERE (?1 IS NULL OR month <= ?1) AND (?2 IS NULL OR month < ?2)"

#define SCOPE(scope)	" AND c.deleted_at IS NULL " scope " "

#define COUNT_SQL(scope)						\
	"SELECT r.rank, count(*), sum(r.total) FROM company_ranks r "	\
	"JOIN companies c ON c.id = r.company_id WHERE r.month = ?1"	\
	SCOPE(scope) "GROUP BY r.rank"
#define LIVE_SQL(scope)							\
	"SELECT count(*) FROM companies c WHERE 1" SCOPE(scope)

/* ?1 the base month, ?2 the audit month. */
#define MOVERS_SQL(scope)						\
	"SELECT c.id, c.name, coalesce(u.login, ''), "			\
	"coalesce(u.full_name, ''), coalesce(m.o, ''), "		\
	"coalesce(m.ot, 0), coalesce(m.n, ''), coalesce(m.nt, 0) "	\
	"FROM (SELECT company_id, "					\
	"max(CASE WHEN month = ?1 THEN rank END) AS o, "		\
	"max(CASE WHEN month = ?1 THEN total END) AS ot, "		\
	"max(CASE WHEN month = ?2 THEN rank END) AS n, "		\
	"max(CASE WHEN month = ?2 THEN total END) AS nt "		\
	"FROM company_ranks WHERE month IN (?1, ?2) "			\
	"GROUP BY company_id) m JOIN companies c ON c.id = m.company_id " \
	"LEFT JOIN users u ON u.id = c.manager_id "			\
	"WHERE m.o IS NOT m.n" SCOPE(scope)				\
	"ORDER BY coalesce(m.o, '~'), coalesce(m.n, '~'), c.name, c.id"

/* ?1 the audit month, ?2 the end of the period, ?3 the idle bound. */
#define IDLE_SQL(scope)							\
	"SELECT c.id, c.name, c.status, coalesce(u.login, ''), "	\
	"coalesce(u.full_name, ''), coalesce(r.rank, ''), "		\
	REP_TOUCH_COLS("l") " FROM companies c "			\
	"LEFT JOIN company_ranks r ON r.company_id = c.id "		\
	"AND r.month = ?1 LEFT JOIN users u ON u.id = c.manager_id"	\
	REP_TOUCH_JOIN("l", REP_LAST_SUB("c.id", "?2"))			\
	"WHERE (r.rank IS NOT NULL OR c.status IN ('customer', 'regular'))" \
	SCOPE(scope) "AND coalesce(l.start_at, 0) < ?3 "		\
	"ORDER BY coalesce(l.start_at, 0), c.name, c.id"

#define BY_MANAGER	"AND c.manager_id = ?9"
#define ANY_MANAGER	"AND ?9 = 0"

static int
month_of(struct db *db, const char *upto, const char *before, char out[8],
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*out = '\0';
	if ((code = db_prepare(db, MONTH_SQL, &st, err)) != SO_OK)
		return code;
	if (upto && *upto)
		sqlite3_bind_text(st, 1, upto, 7, SQLITE_TRANSIENT);
	rep_bind_text(st, 2, before);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out, 8, "%s", db_text(st, 0));
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading the ranked months"), err);
	return SO_OK;
}

static int
counts(struct db *db, int64_t manager, struct rep_audit *a,
    struct so_err *err)
{
	sqlite3_stmt *st;
	const char *r;
	int64_t live = 0;
	int rc, code, i;

	code = db_prepare(db, manager ? COUNT_SQL(BY_MANAGER) :
	    COUNT_SQL(ANY_MANAGER), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, a->month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, manager);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = db_text(st, 0);
		if (*r < 'A' || *r > 'C')
			continue;
		i = *r - 'A';
		a->count[i] = sqlite3_column_int64(st, 1);
		a->sum[i] = sqlite3_column_int64(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("counting the ranks"), err);
	code = db_prepare(db, manager ? LIVE_SQL(BY_MANAGER) :
	    LIVE_SQL(ANY_MANAGER), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 9, manager);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		live = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("counting companies"), err);
	a->unranked = live - a->count[0] - a->count[1] - a->count[2];
	return SO_OK;
}

static int
movers(struct db *db, int64_t manager, struct rep_audit *a,
    struct so_err *err)
{
	struct rep_mover *m;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	code = db_prepare(db, manager ? MOVERS_SQL(BY_MANAGER) :
	    MOVERS_SQL(ANY_MANAGER), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, a->base, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, a->month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, manager);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->nmovers == cap)
			a->movers = xrealloc(a->movers, (cap = cap ? cap * 2 :
			    64) * sizeof(*a->movers));
		m = &a->movers[a->nmovers++];
		m->company_id = sqlite3_column_int64(st, 0);
		m->company = db_text_dup(st, 1);
		m->manager_login = db_text_dup(st, 2);
		m->manager_name = db_text_dup(st, 3);
		m->old_rank = *db_text(st, 4);
		m->old_total = sqlite3_column_int64(st, 5);
		m->new_rank = *db_text(st, 6);
		m->new_total = sqlite3_column_int64(st, 7);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding who changed category"),
		    err);
	return SO_OK;
}

static int
idle(struct db *db, int64_t manager, int64_t hi, struct rep_audit *a,
    struct so_err *err)
{
	struct rep_idle *x;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	code = db_prepare(db, manager ? IDLE_SQL(BY_MANAGER) :
	    IDLE_SQL(ANY_MANAGER), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, a->month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, hi);
	sqlite3_bind_int64(st, 3, a->idle_from);
	sqlite3_bind_int64(st, 9, manager);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->nidle == cap)
			a->idle = xrealloc(a->idle, (cap = cap ? cap * 2 :
			    64) * sizeof(*a->idle));
		x = &a->idle[a->nidle++];
		x->company_id = sqlite3_column_int64(st, 0);
		x->company = db_text_dup(st, 1);
		x->status = db_text_dup(st, 2);
		x->manager_login = db_text_dup(st, 3);
		x->manager_name = db_text_dup(st, 4);
		x->rank = *db_text(st, 5);
		rep_touch_read(st, 6, &x->last);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding idle companies"), err);
	return SO_OK;
}

static int
load(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, struct rep_audit *out, struct so_err *err)
{
	char day[11], from[8] = "";
	int64_t hi;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if ((code = month_of(db, p->to, NULL, out->month, err)) != SO_OK)
		return code;
	if (*p->from)
		snprintf(from, sizeof(from), "%.7s", p->from);
	if (*out->month && (code = month_of(db, *from ? from : out->month,
	    out->month, out->base, err)) != SO_OK)
		return code;
	if (*out->month && (code = counts(db, manager, out, err)) != SO_OK)
		return code;
	if (*out->base && (code = movers(db, manager, out, err)) != SO_OK)
		goto fail;
	/* Idle counts back from today, or from the period's end when that
	 * is past: a quarter ending in December must not call a client
	 * touched 79 days ago idle for 90 days. */
	dt_format_date((time_t)now, day);
	if (*p->to && strcmp(p->to, day) < 0)
		snprintf(day, sizeof(day), "%s", p->to);
	hi = (int64_t)dt_date_start(day, 1);
	out->idle_days = settings_audit_idle_days(db);
	out->idle_from = (int64_t)dt_date_start(day, -(out->idle_days - 1));
	if ((code = idle(db, manager, hi, out, err)) == SO_OK)
		return SO_OK;
fail:
	rep_audit_clear(out);
	return code;
}

/* The sorts of a report grow with its period: on disk (db_spill_begin),
 * so a report over all time stays within the memory budget. */
int
rep_audit_load(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, struct rep_audit *out, struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = load(db, manager, p, now, out, err);
	db_spill_end(db);
	return code;
}

void
rep_audit_clear(struct rep_audit *a)
{
	size_t i;

	for (i = 0; i < a->nmovers; i++) {
		free(a->movers[i].company);
		free(a->movers[i].manager_login);
		free(a->movers[i].manager_name);
	}
	free(a->movers);
	for (i = 0; i < a->nidle; i++) {
		free(a->idle[i].company);
		free(a->idle[i].status);
		free(a->idle[i].manager_login);
		free(a->idle[i].manager_name);
		rep_touch_clear(&a->idle[i].last);
	}
	free(a->idle);
	memset(a, 0, sizeof(*a));
}
