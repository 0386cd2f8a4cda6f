/*
 * The funnel, the forecast and the dynamics (store/report_funnel.h has
 * what each figure means).
 *
 * The funnel reads the audit log by the two indexes of migration 020,
 * never the table for a change: the period's create rows of its entity
 * (audit_moves, by time), each member's changes of the one field
 * (audit_moves_record, in (at, id) order: the loops give ORDER BY
 * without a sort); the stays that ended in the period are the changes
 * in it (audit_moves again), each with the change before it on the same
 * record (audit_moves_record, one probe).  The walk along the path is
 * done here rather than in SQL: a deal's furthest stage is a max over
 * positions the SQL does not know.
 *
 * The forecast is one GROUP BY over the open deals; the dynamics three
 * over the payments of the period (the lost buyers' from lost_months
 * before it), bucketed into months or quarters here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/lookup.h"
#include "store/report_funnel.h"
#include "store/stages.h"

/* What a funnel is read from: compiled-in names, never user text. */
struct funnel_src {
	const char	*entity;	/* audit_log.entity */
	const char	*table;
	const char	*field;		/* the audited field */
	const char	*current;	/* its value now, as text, of t */
};

static const struct funnel_src deal_src = {
	"deal", "deals", "stage_id", "CAST(t.stage_id AS TEXT)"
};
static const struct funnel_src company_src = {
	"company", "companies", "status", "t.status"
};

static struct rep_funnel_step *
step_add(struct rep_funnel *f, size_t *cap, const char *key,
    const char *name, enum rep_step_kind kind)
{
	struct rep_funnel_step *s;

	if (f->nsteps == *cap)
		f->steps = xrealloc(f->steps, (*cap = *cap ? *cap * 2 : 8) *
		    sizeof(*f->steps));
	s = &f->steps[f->nsteps++];
	memset(s, 0, sizeof(*s));
	s->key = xstrdup(key);
	s->name = xstrdup(name);
	s->kind = kind;
	return s;
}

static long
step_of(const struct rep_funnel *f, const char *key)
{
	size_t i;

	for (i = 0; key && i < f->nsteps; i++)
		if (strcmp(f->steps[i].key, key) == 0)
			return (long)i;
	return -1;
}

/*
 * One member of the cohort: its first value and its changes in order
 * (what *seen marks, by step), then reached for the steps it got to.
 */
static void
walk(struct rep_funnel *f, const unsigned char *seen)
{
	long furthest = -1, i;

	for (i = 0; i < (long)f->nsteps; i++)
		if (seen[i] && f->steps[i].kind != REP_STEP_LOST)
			furthest = i;
	for (i = 0; i < (long)f->nsteps; i++) {
		struct rep_funnel_step *s = &f->steps[i];

		if (s->kind == REP_STEP_PATH && !s->retired ? i <= furthest :
		    seen[i])
			s->reached++;
	}
}

/*
 * The cohort with its history, one statement: each member (a create row
 * of the period: a create row has no field, which is what puts it in
 * audit_moves' range of the entity) with its changes in order
 * (audit_moves_record, whose order is (at, id)), or one row of NULLs
 * when it has none.  Every change counts: the first one's old value is
 * where it started, even when that change came after the period.
 */
#define COHORT_SQL							\
	"SELECT t.id, %s, h.old_value, h.new_value, h.at < ?2, "	\
	"h.id IS NOT NULL FROM audit_log a "				\
	"JOIN %s t ON t.id = a.record_id "				\
	"LEFT JOIN audit_log h ON h.entity = '%s' "			\
	"AND h.field = '%s' AND h.record_id = t.id "			\
	"WHERE a.at >= ?1 AND a.at < ?2 AND a.entity = '%s' "		\
	"AND a.field IS NULL AND a.action = 'create' "			\
	"AND t.deleted_at IS NULL "					\
	"AND (?3 = 0 OR t.manager_id = ?3) "				\
	"ORDER BY a.at, a.id, h.at, h.id"

static char *
cohort_sql(int companies)
{
	const struct funnel_src *src = companies ? &company_src : &deal_src;

	return xasprintf(COHORT_SQL, src->current, src->table, src->entity,
	    src->field, src->entity);
}

static int
cohort(struct db *db, const struct funnel_src *src, int64_t manager,
    const struct rep_period *p, struct rep_funnel *f, struct so_err *err)
{
	sqlite3_stmt *st;
	unsigned char *seen;
	char *sql;
	int64_t id, member = 0;
	long i;
	int rc, code, any = 0;

	sql = cohort_sql(src == &company_src);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, p->lo);
	sqlite3_bind_int64(st, 2, p->hi);
	sqlite3_bind_int64(st, 3, manager);
	seen = xcalloc(f->nsteps + 1, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((id = sqlite3_column_int64(st, 0)) != member || !any) {
			if (any)
				walk(f, seen);
			memset(seen, 0, f->nsteps + 1);
			member = id;
			any = 1;
			f->cohort++;
			if (!sqlite3_column_int(st, 5)) {
				/* No change: where it is now. */
				if ((i = step_of(f, (const char *)
				    sqlite3_column_text(st, 1))) >= 0)
					seen[i] = 1;
				continue;
			}
			if ((i = step_of(f, (const char *)
			    sqlite3_column_text(st, 2))) >= 0)
				seen[i] = 1;
		}
		if (sqlite3_column_int(st, 4) && (i = step_of(f,
		    (const char *)sqlite3_column_text(st, 3))) >= 0)
			seen[i] = 1;
	}
	if (any)
		walk(f, seen);
	free(seen);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the funnel's history"), err);
	return SO_OK;
}

/* The stays that ended in the period: each change out of a value. */
static int
stays(struct db *db, const struct funnel_src *src, int64_t manager,
    const struct rep_period *p, struct rep_funnel *f, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	long i;
	int rc, code;

	sql = xasprintf("SELECT a.old_value, a.at - coalesce((SELECT b.at "
	    "FROM audit_log b WHERE b.entity = '%s' AND b.field = '%s' "
	    "AND b.record_id = a.record_id AND b.at <= a.at AND b.id < a.id "
	    "ORDER BY b.at DESC, b.id DESC LIMIT 1), t.created_at) "
	    "FROM audit_log a JOIN %s t ON t.id = a.record_id "
	    "WHERE a.at >= ?1 AND a.at < ?2 AND a.entity = '%s' "
	    "AND a.field = '%s' AND t.deleted_at IS NULL "
	    "AND (?3 = 0 OR t.manager_id = ?3)", src->entity, src->field,
	    src->table, src->entity, src->field);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, p->lo);
	sqlite3_bind_int64(st, 2, p->hi);
	sqlite3_bind_int64(st, 3, manager);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((i = step_of(f, (const char *)sqlite3_column_text(st,
		    0))) < 0)
			continue;
		f->steps[i].stays++;
		f->steps[i].stay_secs += sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the funnel's history"), err);
	return SO_OK;
}

static int
funnel(struct db *db, const struct funnel_src *src, int64_t manager,
    const struct rep_period *p, struct rep_funnel *f, struct so_err *err)
{
	int code;

	if ((code = cohort(db, src, manager, p, f, err)) == SO_OK)
		code = stays(db, src, manager, p, f, err);
	if (code != SO_OK)
		rep_funnel_clear(f);
	return code;
}

int
rep_funnel_deals(struct db *db, int64_t manager, const struct rep_period *p,
    struct rep_funnel *out, struct so_err *err)
{
	struct stage_row *v;
	struct rep_funnel_step *s;
	size_t n, i, cap = 0;
	char key[24];
	int code, pass;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if ((code = stages_list(db, &v, &n, err)) != SO_OK)
		return code;
	/* The path in the admin's order, the lost stages after it. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			int lost = v[i].closed && !v[i].won;

			if (lost != pass)
				continue;
			snprintf(key, sizeof(key), "%lld", (long long)v[i].id);
			s = step_add(out, &cap, key, v[i].name, lost ?
			    REP_STEP_LOST : v[i].won ? REP_STEP_VISITED :
			    REP_STEP_PATH);
			s->retired = v[i].retired;
		}
	stages_free(v, n);
	return funnel(db, &deal_src, manager, p, out, err);
}

int
rep_funnel_companies(struct db *db, int64_t manager,
    const struct rep_period *p, struct rep_funnel *out, struct so_err *err)
{
	size_t cap = 0;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	/* The sales path of store/company.c, in its words. */
	step_add(out, &cap, "lead", C_("company", "Lead"), REP_STEP_PATH);
	step_add(out, &cap, "prospect", C_("company", "Prospect"),
	    REP_STEP_PATH);
	step_add(out, &cap, "customer", C_("company", "Customer"),
	    REP_STEP_PATH);
	step_add(out, &cap, "regular", C_("company", "Regular customer"),
	    REP_STEP_PATH);
	step_add(out, &cap, "lost", C_("company", "Lost"), REP_STEP_LOST);
	return funnel(db, &company_src, manager, p, out, err);
}

void
rep_funnel_clear(struct rep_funnel *f)
{
	size_t i;

	for (i = 0; i < f->nsteps; i++) {
		free(f->steps[i].key);
		free(f->steps[i].name);
	}
	free(f->steps);
	memset(f, 0, sizeof(*f));
}

/* ---- the forecast ---- */

#define FORECAST_SQL							\
	"SELECT substr(d.expected_close, 1, 7), coalesce(d.manager_id, 0), " \
	"count(*), coalesce(sum(d.amount), 0), "			\
	"coalesce(sum(coalesce(d.amount, 0) * s.probability), 0) "	\
	"FROM deals d JOIN deal_stages s ON s.id = d.stage_id "		\
	"WHERE d.deleted_at IS NULL AND NOT s.closed "			\
	"AND d.expected_close >= ?1 AND d.expected_close <= ?2 "	\
	"AND d.expected_close <> '' AND (?3 = 0 OR d.manager_id = ?3) "	\
	"GROUP BY 1, 2"

#define UNDATED_SQL							\
	"SELECT count(*), coalesce(sum(d.amount), 0) FROM deals d "	\
	"JOIN deal_stages s ON s.id = d.stage_id "			\
	"WHERE d.deleted_at IS NULL AND NOT s.closed "			\
	"AND d.expected_close = '' AND (?1 = 0 OR d.manager_id = ?1)"

int64_t
rep_forecast_money(int64_t w)
{
	return w >= 0 ? (w + 50) / 100 : -((-w + 50) / 100);
}

static int
forecast_cmp(const void *a, const void *b)
{
	const struct rep_forecast_row *x = a, *y = b;
	const char *nx, *ny;
	int c;

	if ((c = strcmp(x->month, y->month)) != 0)
		return c;
	if ((x->user_id == 0) != (y->user_id == 0))
		return x->user_id == 0 ? 1 : -1;
	nx = *x->full_name ? x->full_name : x->login;
	ny = *y->full_name ? y->full_name : y->login;
	return strcmp(nx, ny);
}

int
rep_forecast_load(struct db *db, int64_t manager, const struct rep_period *p,
    struct rep_forecast *out, struct so_err *err)
{
	struct rep_forecast_row *r;
	struct user_brief u;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if ((code = db_prepare(db, FORECAST_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, p->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, *p->to ? p->to : "9999-12-31", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, manager);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->nrows == cap)
			out->rows = xrealloc(out->rows, (cap = cap ? cap * 2 :
			    16) * sizeof(*out->rows));
		r = &out->rows[out->nrows++];
		memset(r, 0, sizeof(*r));
		snprintf(r->month, sizeof(r->month), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		r->user_id = sqlite3_column_int64(st, 1);
		r->deals = sqlite3_column_int64(st, 2);
		r->amount = sqlite3_column_int64(st, 3);
		r->weighted100 = sqlite3_column_int64(st, 4);
		if (r->user_id && store_user_get(db, r->user_id, &u, NULL) ==
		    SO_OK) {
			r->login = u.login;
			r->full_name = u.full_name;
			free(u.role);
		} else {
			r->login = xstrdup("");
			r->full_name = xstrdup("");
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		rep_forecast_clear(out);
		return db_error(db, rc, N_("reading the forecast"), err);
	}
	if (out->nrows)
		qsort(out->rows, out->nrows, sizeof(*out->rows), forecast_cmp);
	if ((code = db_prepare(db, UNDATED_SQL, &st, err)) != SO_OK) {
		rep_forecast_clear(out);
		return code;
	}
	sqlite3_bind_int64(st, 1, manager);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->undated = sqlite3_column_int64(st, 0);
		out->undated_amount = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_ROW) {
		rep_forecast_clear(out);
		return db_error(db, rc, N_("reading the forecast"), err);
	}
	return SO_OK;
}

void
rep_forecast_clear(struct rep_forecast *f)
{
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		free(f->rows[i].login);
		free(f->rows[i].full_name);
	}
	free(f->rows);
	memset(f, 0, sizeof(*f));
}

/* ---- the dynamics ---- */

/* Companies whose first payment ever is in [?1, ?2]: the period's
 * payments by index, then one probe each for an earlier live one
 * (payments_company_live, without the table). */
#define NEW_SQL								\
	"SELECT g.first FROM (SELECT p.company_id, min(p.paid_on) AS first " \
	"FROM payments p WHERE p.deleted_at IS NULL AND p.paid_on >= ?1 " \
	"AND p.paid_on <= ?2 AND p.company_id IS NOT NULL "		\
	"GROUP BY p.company_id) g JOIN companies c ON c.id = g.company_id " \
	"WHERE (?3 = 0 OR c.manager_id = ?3) AND NOT EXISTS (SELECT 1 "	\
	"FROM payments q WHERE q.company_id = g.company_id "		\
	"AND q.paid_on < g.first AND q.paid_on > '' "			\
	"AND q.deleted_at IS NULL)"

/*
 * The day each company counts as lost in [?1, ?2]: lost_months (?4)
 * after a payment with none until then.  The payments read are those
 * from lost_months before ?1 (payments_day), each whose day falls in
 * [?1, ?2] with a probe for the next one (payments_company_live, one
 * range of a company's live payments, without the table).  Of payments
 * on the same day the one with the highest id stands for the day.  A
 * window (lead over the company's payments) did the same with a sort of
 * every payment read, a fifth more CPU.
 */
#define LOST_SQL							\
	"SELECT p.company_id, date(p.paid_on, ?4) AS lost_on "		\
	"FROM payments p WHERE p.deleted_at IS NULL "			\
	"AND p.paid_on >= date(?1, ?5) AND p.paid_on <= ?2 "		\
	"AND p.company_id IS NOT NULL AND lost_on >= ?1 "		\
	"AND lost_on <= ?2 AND (?3 = 0 OR (SELECT c.manager_id "	\
	"FROM companies c WHERE c.id = p.company_id) = ?3) "		\
	"AND NOT EXISTS (SELECT 1 FROM payments q "			\
	"WHERE q.company_id = p.company_id AND q.deleted_at IS NULL "	\
	"AND q.paid_on >= p.paid_on AND q.paid_on <= date(p.paid_on, ?4) " \
	"AND (q.paid_on > p.paid_on OR q.id > p.id)) "			\
	"ORDER BY 1, 2"

#define PAID_SQL							\
	"SELECT substr(p.paid_on, 1, 7), sum(p.amount), "		\
	"sum(CASE WHEN c.status = 'regular' THEN p.amount ELSE 0 END) "	\
	"FROM payments p JOIN companies c ON c.id = p.company_id "	\
	"WHERE p.deleted_at IS NULL AND p.paid_on >= ?1 "		\
	"AND p.paid_on <= ?2 AND (?3 = 0 OR c.manager_id = ?3) GROUP BY 1"

/* The period (index into v) holding the day (or month) s, or -1. */
static long
period_of(const struct rep_dyn_row *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strncmp(s, v[i].from, strlen(s)) >= 0 &&
		    strncmp(s, v[i].to, strlen(s)) <= 0)
			return (long)i;
	return -1;
}

/* Months or quarters from the one holding from to the one holding to. */
static size_t
periods(const char *from, const char *to, char step, struct rep_dyn_row **out)
{
	struct rep_dyn_row *v = NULL;
	size_t n = 0, cap = 0;
	int y, m, ty, tm, len = step == 'q' ? 3 : 1, ey, em;
	char buf[48];
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	sscanf(to, "%4d-%2d", &ty, &tm);
	if (*from)
		sscanf(from, "%4d-%2d", &y, &m);
	else {
		y = ty - 1;
		m = tm + 1;
		if (m > 12) {
			m -= 12;
			y++;
		}
	}
	if (step == 'q')
		m = (m - 1) / 3 * 3 + 1;
	while ((y < ty || (y == ty && m <= tm)) && n < 120) {
		if (n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		ey = y;
		em = m + len - 1;
		snprintf(buf, sizeof(buf), "%04d-%02d-01", y, m);
		memcpy(v[n].from, buf, 11);
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", ey, em,
		    mdays[em - 1] + (em == 2 && ((ey % 4 == 0 && ey % 100 != 0)
		    || ey % 400 == 0)));
		memcpy(v[n].to, buf, 11);
		n++;
		if ((m += len) > 12) {
			m -= 12;
			y++;
		}
	}
	*out = v;
	return n;
}

static int
dyn_query(struct db *db, int which, int64_t manager, int lost_months,
    const char *today, struct rep_dyn_row *v, size_t n, struct so_err *err)
{
	static const char *const sqls[] = { NEW_SQL, LOST_SQL, PAID_SQL };
	sqlite3_stmt *st;
	char plus[24], minus[24], last_co[24] = "", *hi;
	long i, last_i = -1;
	int rc, code;

	if ((code = db_prepare(db, sqls[which], &st, err)) != SO_OK)
		return code;
	/* Nobody is lost on a day still to come. */
	hi = xstrdup(which == 1 && strcmp(today, v[n - 1].to) < 0 ? today :
	    v[n - 1].to);
	sqlite3_bind_text(st, 1, v[0].from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, manager);
	if (which == 1) {
		snprintf(plus, sizeof(plus), "+%d months", lost_months);
		snprintf(minus, sizeof(minus), "-%d months", lost_months);
		sqlite3_bind_text(st, 4, plus, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, minus, -1, SQLITE_TRANSIENT);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(st,
		    which == 1 ? 1 : 0);

		if ((i = period_of(v, n, day)) < 0)
			continue;
		if (which == 0)
			v[i].new_buyers++;
		else if (which == 2) {
			v[i].paid += sqlite3_column_int64(st, 1);
			v[i].regular_paid += sqlite3_column_int64(st, 2);
		} else {
			/* Once per company and period, lost twice or not. */
			const char *co = (const char *)sqlite3_column_text(st,
			    0);

			if (i == last_i && strcmp(co, last_co) == 0)
				continue;
			v[i].lost_buyers++;
			last_i = i;
			snprintf(last_co, sizeof(last_co), "%s", co);
		}
	}
	db_done(st);
	free(hi);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the dynamics"), err);
	return SO_OK;
}

int
rep_dynamics_load(struct db *db, int64_t manager, const struct rep_period *p,
    char step, int lost_months, const char *today, struct rep_dyn_row **out,
    size_t *n, struct so_err *err)
{
	const char *to = *p->to ? p->to : today;
	int code, which;

	*out = NULL;
	*n = 0;
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if (lost_months < 1 || lost_months > 120)
		return so_err_field(err, SO_EINVAL, "months", _("Months: a "
		    "whole number from 1 to 120, not %d"), lost_months);
	if ((*n = periods(p->from, to, step, out)) == 0)
		return SO_OK;
	/* In memory: what is sorted here is the new buyers' companies and
	 * the lost days (some 25 000 rows of two short columns over a year
	 * of the benchmark file; the window this replaced sorted 150 000),
	 * and a sort spilled to a temporary file waited on the disk ten
	 * times as long as it computed. */
	for (which = 0, code = SO_OK; which < 3 && code == SO_OK; which++)
		code = dyn_query(db, which, manager, lost_months, today, *out,
		    *n, err);
	if (code != SO_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return code;
}
